"""Background work for measures: each task calls one action (ADR 0028)."""

import datetime

from django_tasks import task

from .actions import recompute_history, take_snapshots


@task()
def take_snapshots_later(*, on: str) -> int:
    """Snapshot every measure as at `on` (an ISO date)."""
    return take_snapshots(on=datetime.date.fromisoformat(on))


@task()
def recompute_history_later(*, months: int) -> int:
    """Work the last `months` months of history out again."""
    return recompute_history(months=months)
