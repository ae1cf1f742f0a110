"""The worker's part of sending: each task calls one action; `queue` enqueues them (ADR 0028)."""

from django_tasks import task

from .actions.issues import send_digests, send_issue


@task()
def send_issue_later(*, issue_id: int) -> int:
    """Send an issue to everyone who has not had it (`actions.issues.send_issue`)."""
    return send_issue(issue_id=issue_id)


@task()
def send_digests_later() -> int:
    """The weekly digests (`actions.issues.send_digests`)."""
    return send_digests()
