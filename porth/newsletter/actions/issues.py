"""Issues: written in both languages by centre staff, tested, scheduled, then sent in batches.

Sending is resumable: each recipient's `Send` row (unique per issue and subscriber) is written
in the same transaction as the email is handed to the mail server, so a worker that dies and
starts again carries on from the first subscriber with no row (docs/adr/0035-newsletter.md).
"""

import datetime
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core import audit

from .. import emails, links
from ..models import Issue, IssueStatus, Send, Subscriber
from ..queries import digest_readers, issues_for_digest, recipients_of

ISSUE_FIELDS = ["topic", "subject_en", "subject_cy", "body_en", "body_cy", "status", "send_at"]


class NotBothLanguages(Exception):
    """The issue lacks its Welsh or its English subject or text."""


class AlreadySent(Exception):
    """The issue is being sent or has been: it can no longer change."""


def _check_editable(issue: Issue) -> None:
    if issue.status in (IssueStatus.SENDING, IssueStatus.SENT):
        raise AlreadySent


@transaction.atomic
def save_issue(*, issue: Issue | None = None, by: Any, **fields: str) -> Issue:
    """Create or change a draft (either language may wait; sending needs both)."""
    if issue is not None:
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        _check_editable(issue)
        before = audit.snapshot(issue, ISSUE_FIELDS)
    else:
        issue, before = Issue(created_by=by), {}
    for name in ("topic", "subject_en", "subject_cy", "body_en", "body_cy"):
        setattr(issue, name, fields[name])
    if issue.status == IssueStatus.SCHEDULED and not issue.has_both_languages:
        issue.status, issue.send_at = IssueStatus.DRAFT, None
    issue.save()
    audit.record(
        by=by,
        action="newsletter.save_issue",
        target=issue,
        title=_("Saved a newsletter issue"),
        before=before,
        after=audit.snapshot(issue, ISSUE_FIELDS),
    )
    return issue


def _issue_email(issue: Issue, subscriber: Subscriber) -> Any:
    return emails.compose(
        subscriber,
        "issue",
        lambda language: {
            "subject": getattr(issue, f"subject_{language}"),
            "body": getattr(issue, f"body_{language}"),
            "manage_request_url": links.site_url("newsletter:manage_request", language),
        },
    )


def send_test(*, issue: Issue, to: Any) -> None:
    """Send the issue, both languages in one email, to the member of staff who asks."""
    if not issue.has_both_languages:
        raise NotBothLanguages
    reader = Subscriber(pk=0, email=to.email, language="both")
    message = _issue_email(issue, reader)
    message.subject = f"[TEST] {message.subject}"
    message.send()


@transaction.atomic
def schedule_issue(*, issue: Issue, send_at: datetime.datetime, by: Any) -> Issue:
    """Send the issue from `send_at`; refused until both languages are written."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    _check_editable(issue)
    if not issue.has_both_languages:
        raise NotBothLanguages
    before = audit.snapshot(issue, ISSUE_FIELDS)
    issue.status, issue.send_at = IssueStatus.SCHEDULED, send_at
    issue.save(update_fields=["status", "send_at"])
    audit.record(
        by=by,
        action="newsletter.schedule_issue",
        target=issue,
        title=_("Scheduled a newsletter issue"),
        before=before,
        after=audit.snapshot(issue, ISSUE_FIELDS),
    )
    return issue


@transaction.atomic
def start_due_issues(*, now: datetime.datetime | None = None) -> list[int]:
    """Mark scheduled issues whose time has come as sending; returns every issue still to send
    (including those a dead worker left half sent), for the caller to queue."""
    now = now or timezone.now()
    due = Issue.objects.select_for_update().filter(status=IssueStatus.SCHEDULED, send_at__lte=now)
    for issue in due:
        before = audit.snapshot(issue, ["status"])
        issue.status = IssueStatus.SENDING
        issue.save(update_fields=["status"])
        audit.record(
            by=None,
            action="newsletter.start_due_issues",
            target=issue,
            title=_("Started sending a newsletter issue"),
            before=before,
            after=audit.snapshot(issue, ["status"]),
        )
    return list(Issue.objects.filter(status=IssueStatus.SENDING).values_list("pk", flat=True))


def send_issue(
    *,
    issue_id: int,
    rate: int | None = None,
    batch_size: int = 500,
    connection: Any = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Send the issue to every confirmed subscriber of its topic who has not had it, at most
    `rate` a second; returns how many were sent now. Safe to run again, or twice at once."""
    issue = Issue.objects.get(pk=issue_id)
    if issue.status != IssueStatus.SENDING:
        return 0
    rate = rate or settings.NEWSLETTER_SEND_RATE
    connection = connection or get_connection(settings.QUEUED_EMAIL_BACKEND)
    sent = 0
    while True:
        batch = list(recipients_of(issue)[:batch_size])
        if not batch:
            break
        started = time.monotonic()
        connection.open()
        try:
            for subscriber in batch:
                sent += _send_one(issue, subscriber, connection)
        finally:
            connection.close()
        pause = len(batch) / rate - (time.monotonic() - started)
        if pause > 0:
            sleep(pause)
    _finish(issue)
    return sent


def _send_one(issue: Issue, subscriber: Subscriber, connection: Any) -> int:
    """One email and its send record, together: if the server refuses the email, no record;
    if another worker got there first, no email."""
    try:
        with transaction.atomic():
            Send.objects.create(issue=issue, subscriber=subscriber)
            connection.send_messages([_issue_email(issue, subscriber)])
    except IntegrityError:
        return 0
    return 1


@transaction.atomic
def _finish(issue: Issue) -> None:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == IssueStatus.SENDING and not recipients_of(issue).exists():
        issue.status, issue.sent_at = IssueStatus.SENT, timezone.now()
        issue.save(update_fields=["status", "sent_at"])


def send_digests(*, now: datetime.datetime | None = None, connection: Any = None) -> int:
    """Each weekly reader gets one email with the week's issues on their topics that they have
    not had; returns how many digests were sent. Safe to run again: send rows mark each issue."""
    since = (now or timezone.now()) - datetime.timedelta(days=7)
    connection = connection or get_connection(settings.QUEUED_EMAIL_BACKEND)
    sent = 0
    for subscriber in digest_readers().iterator(chunk_size=1000):
        issues = issues_for_digest(subscriber, since=since)
        if not issues:
            continue
        message = emails.compose(
            subscriber,
            "digest",
            lambda language, issues=issues: {
                "issues": [
                    {
                        "subject": getattr(issue, f"subject_{language}"),
                        "body": getattr(issue, f"body_{language}"),
                    }
                    for issue in issues
                ],
                "manage_request_url": links.site_url("newsletter:manage_request", language),
            },
        )
        try:
            with transaction.atomic():
                Send.objects.bulk_create([Send(issue=i, subscriber=subscriber) for i in issues])
                connection.send_messages([message])
        except IntegrityError:
            continue
        sent += 1
    return sent
