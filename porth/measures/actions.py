"""Writes: targets (centre staff, audited) and snapshots (the worker, idempotent).

Snapshots are the system's own record, worked out again from the other apps' dated records, so
taking one is not audited (porth/core/tests/test_audit_log.py says why).
"""

import dataclasses
import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core import audit, pagecache
from porth.core.measures import Measure, Reading, Scope, month_starts

from . import registry
from .models import Snapshot, Target
from .queries import read_dates, read_scopes
from .scopes import Filters, stored_filters

SNAPSHOT_FIELDS = ["value", "counted", "total", "parts", "is_available", "computed_at"]
"""What taking a snapshot again replaces."""


class UnknownMeasure(Exception):
    """No app declares a measure with this key."""


def _measure(key: str):
    measure = registry.find(key)
    if measure is None:
        raise UnknownMeasure(key)
    return measure


@transaction.atomic
def set_target(*, measure_key: str, value: Decimal, by: Any) -> Target:
    """Set (or change) the target of a measure."""
    measure = _measure(measure_key)
    target = Target.objects.select_for_update().filter(measure_key=measure_key).first()
    before = {"value": audit.Shown(_("target"), target.value if target else None)}
    if target is None:
        target = Target(measure_key=measure_key)
    target.value = value
    target.set_by = by
    target.save()
    audit.record(
        by=by,
        action="measures.set_target",
        target=target,
        title=_("Target for “%(measure)s” set"),
        title_values={"measure": measure.name_en},
        before=before,
        after={"value": audit.Shown(_("target"), target.value)},
    )
    return target


@transaction.atomic
def remove_target(*, measure_key: str, by: Any) -> None:
    """Remove a measure's target: its tile then says no target is set."""
    measure = _measure(measure_key)
    target = Target.objects.select_for_update().filter(measure_key=measure_key).first()
    if target is None:
        return
    audit.record(
        by=by,
        action="measures.remove_target",
        target=target,
        title=_("Target for “%(measure)s” removed"),
        title_values={"measure": measure.name_en},
        before={"value": audit.Shown(_("target"), target.value)},
        after={"value": audit.Shown(_("target"), None)},
    )
    target.delete()


def _store(
    measure: Measure,
    on: datetime.date,
    scopes: Sequence[tuple[Filters, Scope]],
    readings: Sequence[Reading | None],
) -> int:
    """One measure's readings at `on` for each scope, replacing any of that date: one
    statement."""
    snapshots = [
        Snapshot(
            measure_key=measure.key,
            scope=filters.key,
            taken_on=on,
            value=reading.value if reading else None,
            counted=reading.counted if reading else None,
            total=reading.total if reading else None,
            parts=[dataclasses.asdict(part) for part in reading.parts] if reading else [],
            is_available=reading is not None,
        )
        for (filters, _scope), reading in zip(scopes, readings, strict=True)
    ]
    Snapshot.objects.bulk_create(
        snapshots,
        update_conflicts=True,
        unique_fields=["measure_key", "scope", "taken_on"],
        update_fields=SNAPSHOT_FIELDS,
    )
    return len(snapshots)


def _stored_scopes() -> list[tuple[Filters, Scope]]:
    """Each stored scope's filters and bodies, looked up once for the whole run."""
    return [(filters, filters.scope()) for filters in stored_filters()]


def take_snapshots(*, on: datetime.date) -> int:
    """Work out every measure at `on`, for every stored scope, replacing any snapshot of that
    date; returns how many were stored. A measure that raises is logged and stored as not
    available, and the others carry on.

    Each scope's bodies are looked up once, not once per measure; a measure that can read all
    the scopes at once does (`queries.read_scopes`, ADR 0060); and the date's snapshots are
    written in one statement per measure, in one transaction, replacing those of the same
    measure, scope and date. A measure's readings have their own savepoint, so a measure whose
    query fails in the database cannot spoil the rest."""
    stored = 0
    scopes = _stored_scopes()
    with transaction.atomic():
        for measure in registry.all_measures():
            stored += _store(measure, on, scopes, read_scopes(measure, on, scopes))
        pagecache.pages_changed()  # the public dashboard, kept for anonymous readers, shows them
    return stored


def recompute_history(*, months: int, today: datetime.date | None = None) -> int:
    """Take the snapshot of the first of each of the last `months` months, and of today, again
    from the dated records; returns how many were stored.

    Measure by measure, every date at once where the measure can (`queries.read_dates`), in
    one transaction: the dashboard never shows a history half recomputed."""
    today = today or timezone.localdate()
    days = [*month_starts(months=months, today=today)]
    if today not in days:
        days.append(today)
    stored = 0
    scopes = _stored_scopes()
    with transaction.atomic():
        for measure in registry.all_measures():
            for day, readings in zip(days, read_dates(measure, days, scopes), strict=True):
                stored += _store(measure, day, scopes, readings)
        pagecache.pages_changed()
    return stored
