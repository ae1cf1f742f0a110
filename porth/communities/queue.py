"""Communities' background work, queued once the current transaction commits (ADR 0028)."""

from django.db import transaction

from . import tasks
from .models import Membership


def queue_request_email(*, membership: Membership) -> None:
    """Ask the worker to tell the community's leads that someone asked to join."""
    membership_id = membership.pk
    transaction.on_commit(
        lambda: tasks.tell_leads_of_request_later.enqueue(membership_id=membership_id)
    )


def queue_approval_email(*, membership: Membership) -> None:
    """Ask the worker to tell the person a lead let them in."""
    membership_id = membership.pk
    transaction.on_commit(
        lambda: tasks.tell_person_of_approval_later.enqueue(membership_id=membership_id)
    )
