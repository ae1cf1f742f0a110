"""Moderation's background work, queued once the current transaction commits (ADR 0028)."""

from django.db import transaction

from . import tasks
from .models import Contribution


def queue_outcome_email(*, contribution: Contribution) -> None:
    """Ask the worker to tell the author what the moderator decided."""
    contribution_id = contribution.pk
    transaction.on_commit(lambda: tasks.tell_author_later.enqueue(contribution_id=contribution_id))
