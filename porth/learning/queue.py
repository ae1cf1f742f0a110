"""Learning's background work, queued once the current transaction commits (ADR 0028).

Views and commands call this after an action that frees a place; the worker then offers the
place to the next person on the waiting list (`actions.offer_free_places`).
"""

from django.db import transaction

from . import tasks


def queue_offers(*, session_id: int) -> None:
    """Ask the worker to offer the session's free places to its waiting list."""
    transaction.on_commit(lambda: tasks.offer_free_places_later.enqueue(session_id=session_id))


def queue_expiry() -> None:
    """Ask the worker to end expired offers and pass their places on."""
    transaction.on_commit(lambda: tasks.expire_offers_later.enqueue())


def queue_erasure() -> None:
    """Ask the worker to erase booking answers 30 days after their sessions."""
    transaction.on_commit(lambda: tasks.erase_sensitive_answers_later.enqueue())


def queue_reminders() -> None:
    """Ask the worker to send the reminders that are due."""
    transaction.on_commit(lambda: tasks.send_session_reminders_later.enqueue())
