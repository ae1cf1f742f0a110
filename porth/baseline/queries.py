"""Reads for round pages: each body's task list and the centre's progress table.

A body's progress is worked out from the register as it is now (are its services confirmed
since the round opened, do they have figures for the period), so work done on the register's
own pages counts without any extra step. Each page makes a fixed number of queries.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from porth.core.language import current_language
from porth.core.permissions import Role, is_centre_staff
from porth.open_data.models import RegisterSnapshot, SnapshotReason
from porth.register.models import MetricValue, Service, ServiceChange
from porth.register.queries import published_services

from .models import Participation, Round, RoundStatus

TASK_COUNT = 4


class TaskStatus:
    """The GOV.UK task list statuses, as codes; `TASK_STATUS_LABELS` says them."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANNOT_START = "cannot_start"


TASK_STATUS_LABELS = {
    TaskStatus.NOT_STARTED: _("Not yet started"),
    TaskStatus.IN_PROGRESS: _("In progress"),
    TaskStatus.COMPLETED: _("Completed"),
    TaskStatus.CANNOT_START: _("Cannot start yet"),
}


def _figures_in_period(round_: Round) -> Exists:
    """Whether the service has a figure, or a reason it has none, for a month or quarter
    starting within the round's period."""
    return Exists(
        MetricValue.objects.filter(
            service=OuterRef("pk"),
            period_start__gte=round_.period_start,
            period_start__lte=round_.period_end,
        )
    )


def _services_in_scope(participation: Participation) -> QuerySet[Service]:
    return published_services().filter(organisation_id=participation.organisation_id)


def _progress_status(done: int, total: int, *, none_is_done: bool) -> str:
    """A body with no services has nothing to confirm or measure, but that only counts as done
    once it has said no services are missing; until then the list may simply be empty."""
    if done >= total and (total or none_is_done):
        return TaskStatus.COMPLETED
    return TaskStatus.IN_PROGRESS if done else TaskStatus.NOT_STARTED


@dataclass
class Progress:
    """Where one body is in a round: the status of each of its four tasks."""

    participation: Participation
    service_count: int
    confirmed_count: int
    with_figures_count: int
    last_activity_at: datetime.datetime | None = None

    @property
    def confirm_status(self) -> str:
        if self.participation.is_signed_off:
            return TaskStatus.COMPLETED
        return _progress_status(
            self.confirmed_count, self.service_count, none_is_done=self._said_none_missing
        )

    @property
    def _said_none_missing(self) -> bool:
        return self.participation.no_missing_services_at is not None

    @property
    def missing_status(self) -> str:
        done = self.participation.is_signed_off or self._said_none_missing
        return TaskStatus.COMPLETED if done else TaskStatus.NOT_STARTED

    @property
    def figures_status(self) -> str:
        if self.participation.is_signed_off or self.participation.figures_complete_at:
            return TaskStatus.COMPLETED
        return _progress_status(
            self.with_figures_count, self.service_count, none_is_done=self._said_none_missing
        )

    @property
    def sign_off_status(self) -> str:
        if self.participation.is_signed_off:
            return TaskStatus.COMPLETED
        return TaskStatus.NOT_STARTED if self.is_ready_to_sign_off else TaskStatus.CANNOT_START

    @property
    def is_ready_to_sign_off(self) -> bool:
        """The first three tasks are complete, so an organisation admin may sign off."""
        return all(
            status == TaskStatus.COMPLETED
            for status in (self.confirm_status, self.missing_status, self.figures_status)
        )

    @property
    def completed_count(self) -> int:
        statuses = (
            self.confirm_status,
            self.missing_status,
            self.figures_status,
            self.sign_off_status,
        )
        return sum(status == TaskStatus.COMPLETED for status in statuses)

    @property
    def percent_done(self) -> int:
        """Tasks completed, as a whole percentage; frozen when the round closed."""
        if self.participation.percent_done_at_close is not None:
            return self.participation.percent_done_at_close
        return round(100 * self.completed_count / TASK_COUNT)


@dataclass
class ServiceCheck:
    """One of the body's services, and whether the round has what it needs from it."""

    service: Service
    is_confirmed: bool
    has_figures: bool


@dataclass
class TaskList(Progress):
    services: list[ServiceCheck] = field(default_factory=list)
    added_services: list[Service] = field(default_factory=list)

    @property
    def services_without_figures(self) -> list[ServiceCheck]:
        return [check for check in self.services if not check.has_figures]


def participation_for(*, round_pk: int, organisation: Any) -> Participation | None:
    return (
        Participation.objects.select_related("round", "organisation", "signed_off_by")
        .filter(round_id=round_pk, organisation=organisation)
        .first()
    )


def task_list(participation: Participation) -> TaskList:
    """The body's task list with each of its current services checked against the round."""
    round_ = participation.round
    services = list(
        _services_in_scope(participation)
        .annotate(has_figures=_figures_in_period(round_))
        .order_by(f"name_{current_language()}")
    )
    checks = [
        ServiceCheck(
            service=service,
            is_confirmed=bool(
                service.last_reviewed_on and service.last_reviewed_on >= round_.opened_on
            ),
            has_figures=service.has_figures,
        )
        for service in services
    ]
    return TaskList(
        participation=participation,
        service_count=len(checks),
        confirmed_count=sum(check.is_confirmed for check in checks),
        with_figures_count=sum(check.has_figures for check in checks),
        last_activity_at=participation.last_activity_at,
        services=checks,
        added_services=[s for s in services if s.created_at >= round_.opened_at],
    )


def round_progress(round_: Round) -> list[Progress]:
    """Every body in the round with its progress: three queries, however many bodies."""
    participations = list(round_.participations.select_related("organisation", "signed_off_by"))
    organisation_ids = [p.organisation_id for p in participations]
    counts = {
        row["organisation_id"]: row
        for row in published_services()
        .filter(organisation_id__in=organisation_ids)
        .order_by()
        .values("organisation_id")
        .annotate(
            total=Count("pk"),
            confirmed=Count("pk", filter=Q(last_reviewed_on__gte=round_.opened_on)),
            with_figures=Count("pk", filter=Q(_figures_in_period(round_))),
        )
    }
    changed = dict(
        ServiceChange.objects.filter(
            service__organisation_id__in=organisation_ids, changed_at__gte=round_.opened_at
        )
        .order_by()
        .values_list("service__organisation_id")
        .annotate(latest=Max("changed_at"))
    )
    rows = []
    for participation in participations:
        row = counts.get(participation.organisation_id, {})
        moments = [
            moment
            for moment in (
                participation.last_activity_at,
                changed.get(participation.organisation_id),
            )
            if moment is not None
        ]
        rows.append(
            Progress(
                participation=participation,
                service_count=row.get("total", 0),
                confirmed_count=row.get("confirmed", 0),
                with_figures_count=row.get("with_figures", 0),
                last_activity_at=max(moments) if moments else None,
            )
        )
    return rows


DASHBOARD_SORTS = ("name", "progress", "activity")


def sorted_progress(rows: list[Progress], *, sort: str, show: str) -> list[Progress]:
    """The centre's table, filtered to signed-off or outstanding bodies and sorted."""
    if show == "signed_off":
        rows = [row for row in rows if row.participation.is_signed_off]
    elif show == "outstanding":
        rows = [row for row in rows if not row.participation.is_signed_off]
    if sort == "progress":
        return sorted(
            rows, key=lambda row: (-row.percent_done, row.participation.organisation.name)
        )
    if sort == "activity":
        oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
        return sorted(rows, key=lambda row: row.last_activity_at or oldest, reverse=True)
    return sorted(rows, key=_name)


def _name(row: Progress) -> str:
    return row.participation.organisation.name.casefold()


@dataclass
class Totals:
    bodies: int
    signed_off: int
    average_percent: int


def totals(rows: list[Progress]) -> Totals:
    count = len(rows)
    return Totals(
        bodies=count,
        signed_off=sum(row.participation.is_signed_off for row in rows),
        average_percent=round(sum(row.percent_done for row in rows) / count) if count else 0,
    )


def all_rounds() -> QuerySet[Round]:
    return Round.objects.annotate(
        body_count=Count("participations"),
        signed_off_count=Count(
            "participations", filter=Q(participations__signed_off_at__isnull=False)
        ),
    )


def open_participations_for(user: Any, *, organisation: Any = None) -> QuerySet[Participation]:
    """Open rounds the person's bodies take part in, where they may work on the task list."""
    participations = Participation.objects.filter(round__status=RoundStatus.OPEN).select_related(
        "round", "organisation"
    )
    if organisation is not None:
        participations = participations.filter(organisation=organisation)
    if not is_centre_staff(user):
        participations = participations.filter(
            organisation__memberships__person=user,
            organisation__memberships__role__gte=Role.EDITOR,
        )
    return participations.order_by("round__deadline", f"organisation__name_{current_language()}")


def snapshot_of(round_: Round) -> RegisterSnapshot | None:
    """The snapshot taken when the round closed (it is taken by the worker, so may lag)."""
    if round_.closed_at is None:
        return None
    return (
        RegisterSnapshot.objects.filter(
            reason=SnapshotReason.ROUND_CLOSED,
            label_en=snapshot_label(round_, "en"),
            taken_at__gte=round_.closed_at,
        )
        .order_by("taken_at")
        .first()
    )


def snapshot_label(round_: Round, language: str) -> str:
    """The label the round's snapshot carries, so the round can find it again."""
    with translation.override(language):
        return str(_("Baseline round closed: %(name)s")) % {
            "name": getattr(round_, f"name_{language}")
        }
