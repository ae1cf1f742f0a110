"""Reads for the dashboard, the downloads and the API: tiles, time series and statuses.

Pages read snapshots the worker took (a fixed number of queries, whatever the register's
size); only a scope the worker does not store (a body type *and* a region), or a measure with
no snapshot yet, is worked out while the page is drawn. A measure whose source raises is logged
and shown as not available: nothing here lets it become a 500.
"""

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.measures import Direction, Measure, Part, Reading, Scope, Unit, month_starts

from .models import Snapshot, Target
from .registry import measures
from .scopes import Filters

logger = logging.getLogger(__name__)

SUPPRESS_BELOW = 5
"""Under a filter, a figure counted from fewer than this many records is not shown."""
HISTORY_MONTHS = 12
AMBER_MARGIN = Decimal("0.1")
"""Within 10% of the target (on the wrong side) is amber rather than red."""


class Status:
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"


STATUS_TEXT = {
    Status.GREEN: _("On target"),
    Status.AMBER: _("Close to target"),
    Status.RED: _("Off target"),
    Status.NONE: _("No target set"),
}


def read(
    measure: Measure, on: datetime.date, filters: Filters, *, scope: Scope | None = None
) -> Reading | None:
    """The measure worked out now; None (and a log entry) if it has no data or raises.
    `scope`: the filters' bodies when the caller has looked them up already."""
    if measure.compute is None:
        return None
    try:
        # A savepoint: on PostgreSQL a failed query would otherwise abort the transaction
        # around it, and every measure read after it in the same page or snapshot run.
        with transaction.atomic():
            return measure.compute(on, scope if scope is not None else filters.scope())
    except Exception:
        logger.exception("The measure %s could not be worked out", measure.key)
        return None


def read_scopes(
    measure: Measure, on: datetime.date, scopes: Sequence[tuple[Filters, Scope]]
) -> list[Reading | None]:
    """The measure at `on` for each of `scopes`, in order (the worker's snapshot run).

    Scopes with the same bodies are read once (five body types have no body in the list, and
    give the same reading). A measure that declares `compute_scopes` reads its records once
    for all of them (ADR 0060); the others are read scope by scope, all in one savepoint. If
    that raises, or `compute_scopes` answers for the wrong number of scopes, each scope is
    read on its own in its own savepoint, so a fault costs time, never another scope's
    reading."""
    if measure.compute is None:
        return [None for _ in scopes]
    distinct = list(dict.fromkeys(scope for _, scope in scopes))
    try:
        with transaction.atomic():
            if measure.compute_scopes is not None:
                readings = list(measure.compute_scopes(on, distinct))
            else:
                readings = [measure.compute(on, scope) for scope in distinct]
        if len(readings) == len(distinct):
            by_scope = dict(zip(distinct, readings, strict=True))
            return [by_scope[scope] for _, scope in scopes]
        logger.error(
            "The measure %s gave %d readings for %d scopes",
            measure.key,
            len(readings),
            len(distinct),
        )
    except Exception:
        logger.exception(
            "The measure %s could not be worked out for every scope at once: reading each",
            measure.key,
        )
    return [read(measure, on, filters, scope=scope) for filters, scope in scopes]


def read_dates(
    measure: Measure, days: Sequence[datetime.date], scopes: Sequence[tuple[Filters, Scope]]
) -> list[list[Reading | None]]:
    """The measure at each of `days` for each of `scopes`: one list a day (the history's
    recompute). A measure that declares `compute_dates` reads its records once for every day
    and scope (ADR 0060); otherwise, or if that raises or answers in the wrong shape, each day
    is read with `read_scopes`."""
    if measure.compute is not None and measure.compute_dates is not None:
        distinct = list(dict.fromkeys(scope for _, scope in scopes))
        try:
            with transaction.atomic():
                by_day = [list(readings) for readings in measure.compute_dates(days, distinct)]
            if len(by_day) == len(days) and all(len(r) == len(distinct) for r in by_day):
                return [
                    [dict(zip(distinct, readings, strict=True))[scope] for _, scope in scopes]
                    for readings in by_day
                ]
            logger.error("The measure %s gave readings in the wrong shape", measure.key)
        except Exception:
            logger.exception(
                "The measure %s could not be worked out for every date at once: reading each",
                measure.key,
            )
    return [read_scopes(measure, day, scopes) for day in days]


def reading_of(snapshot: Snapshot) -> Reading | None:
    if not snapshot.is_available:
        return None
    return Reading(
        value=snapshot.value,
        counted=snapshot.counted,
        total=snapshot.total,
        parts=tuple(Part(**part) for part in snapshot.parts),
    )


def status(measure: Measure, value: float | None, target: Decimal | None) -> str:
    """Green on or past the target, amber within 10% of it, red further away."""
    if target is None or value is None:
        return Status.NONE
    current = Decimal(str(value))
    if measure.direction == Direction.UP:
        if current >= target:
            return Status.GREEN
        return Status.AMBER if current >= target * (1 - AMBER_MARGIN) else Status.RED
    if current <= target:
        return Status.GREEN
    return Status.AMBER if current <= target * (1 + AMBER_MARGIN) else Status.RED


def is_suppressed(reading: Reading | None, filters: Filters) -> bool:
    """Under a filter, a figure from fewer than 5 records (but more than none) is hidden, so
    that nobody can be picked out of a small group."""
    if reading is None or filters.is_everyone:
        return False
    return is_small(reading.value, reading.counted, reading.total)


def is_small(value: float | None, counted: int | None, total: int | None) -> bool:
    """Whether a figure rests on 1 to 4 records: its `total` when it has one (41 of 54), else
    its own count."""
    base = total if total is not None else value
    return base is not None and 0 < base < SUPPRESS_BELOW


@dataclass(frozen=True)
class ShownPart:
    """One line of a breakdown as a page or the API may show it: under a filter, a line
    counted from fewer than 5 records has its figures blanked and says so."""

    part: Part
    suppressed: bool = False

    key = property(lambda self: self.part.key)
    label_en = property(lambda self: self.part.label_en)
    label_cy = property(lambda self: self.part.label_cy)
    label = property(lambda self: self.part.label)
    value = property(lambda self: None if self.suppressed else self.part.value)
    counted = property(lambda self: None if self.suppressed else self.part.counted)
    total = property(lambda self: None if self.suppressed else self.part.total)


def shown_parts(reading: Reading | None, filters: Filters) -> tuple[ShownPart, ...]:
    """A reading's breakdown with, under a filter, its small lines suppressed: a whole figure
    of 40 can hide a line of 2, and that line could pick out a body."""
    if reading is None:
        return ()
    return tuple(
        ShownPart(
            part=part,
            suppressed=not filters.is_everyone and is_small(part.value, part.counted, part.total),
        )
        for part in reading.parts
    )


def format_value(measure: Measure, value: float | None) -> str:
    if value is None:
        return ""
    if measure.unit == Unit.PERCENT:
        return f"{value:,.1f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


@dataclass
class Point:
    """One month of a measure's history."""

    on: datetime.date
    reading: Reading | None
    suppressed: bool = False

    @property
    def value(self) -> float | None:
        if self.reading is None or self.suppressed:
            return None
        return self.reading.value


@dataclass
class Tile:
    """Everything a dashboard tile, its table and its CSV show for one measure."""

    measure: Measure
    reading: Reading | None
    updated_at: datetime.datetime | None
    target: Decimal | None
    history: list[Point] = field(default_factory=list)
    suppressed: bool = False
    filters: Filters = field(default_factory=Filters)

    @property
    def is_available(self) -> bool:
        return self.reading is not None

    @property
    def value(self) -> float | None:
        if self.reading is None or self.suppressed:
            return None
        return self.reading.value

    @property
    def value_text(self) -> str:
        return format_value(self.measure, self.value)

    @property
    def target_text(self) -> str:
        return format_value(self.measure, float(self.target)) if self.target is not None else ""

    @property
    def status(self) -> str:
        return status(self.measure, self.value, self.target)

    @property
    def status_text(self) -> str:
        return str(STATUS_TEXT[self.status])

    @property
    def coverage(self) -> str:
        return "" if self.suppressed else self.measure.coverage_text(self.reading)

    @property
    def trend(self) -> str:
        """ "up", "down", "same" or "" against the month before the latest."""
        values = [point.value for point in self.history if point.value is not None]
        if self.value is None or len(values) < 2:
            return ""
        before = values[-2] if values[-1] == self.value else values[-1]
        if self.value > before:
            return "up"
        return "down" if self.value < before else "same"

    @property
    def parts(self) -> tuple[ShownPart, ...]:
        """The breakdown, small lines suppressed under a filter (`shown_parts`)."""
        return () if self.suppressed else shown_parts(self.reading, self.filters)


def targets() -> dict[str, Decimal]:
    return dict(Target.objects.values_list("measure_key", "value"))


def tiles(
    *,
    public_only: bool,
    filters: Filters,
    today: datetime.date | None = None,
    only: str | None = None,
) -> list[Tile]:
    """A tile per measure (or only the measure keyed `only`): the newest snapshot, and a
    history of the last 12 months (each month's latest snapshot). Two queries, plus a live
    reading for a scope the worker does not store."""
    today = today or timezone.localdate()
    chosen = [m for m in measures(public_only=public_only) if only is None or m.key == only]
    aims = targets()
    months = month_starts(months=HISTORY_MONTHS, today=today)
    stored: dict[str, list[Snapshot]] = {}
    if filters.is_stored:
        for snapshot in Snapshot.objects.filter(
            measure_key__in=[m.key for m in chosen],
            scope=filters.key,
            taken_on__gte=months[0],
            taken_on__lte=today,
        ).order_by("taken_on"):
            stored.setdefault(snapshot.measure_key, []).append(snapshot)
    result = []
    for measure in chosen:
        snapshots = stored.get(measure.key, [])
        # A month's point is the latest snapshot taken in it: the 1st's, or a later one
        # taken when centre staff asked for the figures again.
        by_month = {snapshot.taken_on.replace(day=1): snapshot for snapshot in snapshots}
        history = []
        for month in months:
            snapshot = by_month.get(month)
            reading = reading_of(snapshot) if snapshot else None
            history.append(
                Point(on=month, reading=reading, suppressed=is_suppressed(reading, filters))
            )
        if not measure.is_available:
            reading, updated_at = None, None
        elif snapshots:
            reading, updated_at = reading_of(snapshots[-1]), snapshots[-1].computed_at
        else:
            reading, updated_at = read(measure, today, filters), timezone.now()
        result.append(
            Tile(
                measure=measure,
                reading=reading,
                updated_at=updated_at,
                target=aims.get(measure.key),
                history=history,
                suppressed=is_suppressed(reading, filters),
                filters=filters,
            )
        )
    return result


def tile(*, key: str, public_only: bool, filters: Filters) -> Tile | None:
    found = tiles(public_only=public_only, filters=filters, only=key)
    return found[0] if found else None
