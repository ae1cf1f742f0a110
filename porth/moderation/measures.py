"""The community's success measures (ADR 0038): found by the measures app, never imported by it.

Worked out at a date from when each comment was written and from the dated moderation log, so
the history can be recomputed. A body's scope is its members' comments (through their
memberships), as comments belong to people, not bodies.
"""

import datetime
import statistics

from django.db.models import Min, Q, QuerySet

from porth.core.measures import Direction, Measure, Reading, Scope, Unit, end_of

from .models import Contribution, LogAction, Status

DECISIONS = (LogAction.APPROVED, LogAction.REJECTED)


def contributions(scope: Scope) -> QuerySet[Contribution]:
    """Every contribution in `scope`, once each."""
    if scope.is_everyone:
        return Contribution.objects.all()
    narrowed = scope.narrow(Contribution.objects.all(), "author__memberships__organisation")
    return Contribution.objects.filter(pk__in=narrowed.values("pk"))


def _active_members(on: datetime.date, scope: Scope) -> Reading:
    """People who had written a comment by `on` that a moderator has not rejected."""
    written = (
        contributions(scope).filter(created_at__lte=end_of(on)).exclude(status=Status.REJECTED)
    )
    return Reading(value=written.values("author").distinct().count())


def _hours_to_decision(on: datetime.date, scope: Scope) -> Reading:
    """The median time, in hours, from writing a comment to a moderator's first approval or
    rejection, over the comments first decided by `on`."""
    decided = (
        contributions(scope)
        .annotate(first=Min("log__at", filter=Q(log__action__in=DECISIONS)))
        .filter(first__lte=end_of(on))
    )
    hours = [
        (first - created).total_seconds() / 3600
        for created, first in decided.values_list("created_at", "first")
    ]
    value = round(statistics.median(hours), 1) if hours else None
    return Reading(value=value, counted=len(hours), total=len(hours))


MEASURES = [
    Measure(
        key="moderation.active_members",
        source="moderation",
        name_en="People who have commented",
        name_cy="Pobl sydd wedi rhoi sylwadau",
        definition_en=(
            "People who had written at least one comment by the date, not counting comments a "
            "moderator rejected."
        ),
        definition_cy=(
            "Pobl a oedd wedi ysgrifennu o leiaf un sylw erbyn y dyddiad, heb gyfrif sylwadau a "
            "wrthodwyd gan gymedrolwr."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=_active_members,
        order=70,
    ),
    Measure(
        key="moderation.hours_to_decision",
        source="moderation",
        name_en="Median hours to a moderation decision",
        name_cy="Canolrif yr oriau i gael penderfyniad cymedroli",
        definition_en=(
            "The median time, in hours, from a comment being written to a moderator first "
            "approving or rejecting it, for comments decided by the date."
        ),
        definition_cy=(
            "Y canolrif amser, mewn oriau, o ysgrifennu sylw i gymedrolwr ei gymeradwyo neu ei "
            "wrthod gyntaf, ar gyfer sylwadau y penderfynwyd arnynt erbyn y dyddiad."
        ),
        unit=Unit.COUNT,
        direction=Direction.DOWN,
        public=False,
        compute=_hours_to_decision,
        coverage_en="From {counted} comments decided",
        coverage_cy="O {counted} o sylwadau y penderfynwyd arnynt",
        order=71,
    ),
]
