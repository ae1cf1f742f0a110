"""Panels' background work, queued once the current transaction commits (ADR 0028): the daily
command calls this; it enqueues `tasks`; tasks call `actions`."""

from django.db import transaction

from . import tasks


def queue_check_in_reminders() -> None:
    """Ask the worker to remind mentoring pairs that have not checked in for 6 weeks."""
    transaction.on_commit(lambda: tasks.send_check_in_reminders_later.enqueue())
