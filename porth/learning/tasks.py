"""Learning's tasks: each takes ids and calls one action (ADR 0028)."""

from django_tasks import task

from . import actions


@task()
def offer_free_places_later(session_id: int) -> int:
    """Offer a session's free places; safe to retry (the action is idempotent)."""
    return len(actions.offer_free_places(session_id=session_id))


@task()
def expire_offers_later() -> list[int]:
    """End expired offers, then queue the offers of the places they free."""
    sessions = actions.expire_offers()
    for session_id in sessions:
        offer_free_places_later.enqueue(session_id=session_id)
    return sessions


@task()
def erase_sensitive_answers_later() -> int:
    """The daily erasure of booking answers kept past their time."""
    return len(actions.erase_sensitive_answers())


@task()
def send_session_reminders_later() -> int:
    """Reminders 7 days and 1 day before each session (each sent once)."""
    return actions.send_session_reminders()
