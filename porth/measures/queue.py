"""Measures' background work, queued once the current transaction commits (ADR 0028).

`manage.py take_measure_snapshots` (monthly, from the scheduler) and the centre's "work out
again" button call this module; it enqueues `tasks`; tasks call `actions`.
"""

import datetime

from django.db import transaction

from . import tasks


def queue_snapshots(*, on: datetime.date) -> None:
    transaction.on_commit(lambda: tasks.take_snapshots_later.enqueue(on=on.isoformat()))


def queue_recompute(*, months: int) -> None:
    transaction.on_commit(lambda: tasks.recompute_history_later.enqueue(months=months))
