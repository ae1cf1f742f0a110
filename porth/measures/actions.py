"""Writes: targets (centre staff, audited) and snapshots (the worker, idempotent).

Snapshots are the system's own record, worked out again from the other apps' dated records, so
taking one is not audited (porth/core/tests/test_audit_log.py says why).
"""

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core import audit
from porth.core.measures import month_starts

from . import registry
from .models import Snapshot, Target
from .queries import read
from .scopes import stored_filters


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


def take_snapshots(*, on: datetime.date) -> int:
    """Work out every measure at `on`, for every stored scope, replacing any snapshot of that
    date; returns how many were stored. A measure that raises is logged and stored as not
    available, and the others carry on.

    Each scope's bodies are looked up once, not once per measure, and the date's snapshots are
    written in one transaction (one commit instead of one per snapshot); `queries.read` gives
    each reading its own savepoint, so a measure whose query fails in the database cannot spoil
    the rest."""
    stored = 0
    scopes = [(filters, filters.scope()) for filters in stored_filters()]
    with transaction.atomic():
        for measure in registry.all_measures():
            for filters, scope in scopes:
                reading = read(measure, on, filters, scope=scope)
                values = {
                    "value": reading.value if reading else None,
                    "counted": reading.counted if reading else None,
                    "total": reading.total if reading else None,
                    "parts": [dataclasses.asdict(part) for part in reading.parts]
                    if reading
                    else [],
                    "is_available": reading is not None,
                }
                Snapshot.objects.update_or_create(
                    measure_key=measure.key, scope=filters.key, taken_on=on, defaults=values
                )
                stored += 1
    return stored


def recompute_history(*, months: int, today: datetime.date | None = None) -> int:
    """Take the snapshot of the first of each of the last `months` months, and of today, again
    from the dated records; returns how many were stored."""
    today = today or timezone.localdate()
    days = [*month_starts(months=months, today=today)]
    if today not in days:
        days.append(today)
    return sum(take_snapshots(on=day) for day in days)
