"""The baseline's success measure (ADR 0038): found by the measures app, never imported by it."""

import datetime

from porth.core.measures import Direction, Measure, Reading, Scope, Unit, end_of, percent

from .models import Participation, Round


def _signed_off(on: datetime.date, scope: Scope) -> Reading:
    """Of the bodies in the round that was current on `on` (the latest opened by then), the
    share that had signed off by that date."""
    current = Round.objects.filter(opened_at__lte=end_of(on)).order_by("-opened_at", "-id").first()
    if current is None:
        return Reading(value=None, counted=0, total=0)
    bodies = scope.narrow(Participation.objects.filter(round=current), "organisation")
    signed = bodies.filter(signed_off_at__lte=end_of(on)).count()
    return percent(signed, bodies.count())


MEASURES = [
    Measure(
        key="baseline.signed_off",
        source="baseline",
        name_en="Bodies that signed off their baseline",
        name_cy="Cyrff a gymeradwyodd eu llinell sylfaen",
        definition_en=(
            "Of the bodies taking part in the current baseline round, the share that have "
            "signed off their register entries."
        ),
        definition_cy=(
            "O'r cyrff sy'n cymryd rhan yn y cylch llinell sylfaen presennol, cyfran y rhai "
            "sydd wedi cymeradwyo eu cofnodion yn y gofrestr."
        ),
        unit=Unit.PERCENT,
        direction=Direction.UP,
        public=True,
        compute=_signed_off,
        coverage_en="{counted} of {total} bodies signed off",
        coverage_cy="{counted} o {total} corff wedi cymeradwyo",
        order=20,
    ),
]
