"""Queues the newsletter's sending once the current transaction commits (ADR 0028). Called by
`manage.py send_newsletters`, which a timer runs every few minutes (and weekly with
`--digests`)."""

from django.db import transaction

from . import tasks


def queue_issue_sending(*, issue_id: int) -> None:
    transaction.on_commit(lambda: tasks.send_issue_later.enqueue(issue_id=issue_id))


def queue_digests() -> None:
    transaction.on_commit(lambda: tasks.send_digests_later.enqueue())
