"""Issues: both languages before sending, a test to yourself, scheduling, resumable sending."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from porth.newsletter.actions import issues as actions
from porth.newsletter.models import IssueStatus, Send

from .factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


class CrashingConnection:
    """A mail connection that takes `survive` emails, then dies as a killed worker would."""

    def __init__(self, survive: int | None = None) -> None:
        self.survive = survive
        self.sent: list = []

    def open(self) -> None: ...

    def close(self) -> None: ...

    def send_messages(self, messages) -> int:
        if self.survive is not None and len(self.sent) >= self.survive:
            raise ConnectionError("worker killed")
        self.sent.extend(messages)
        return len(messages)


def _sending(**kwargs):
    return IssueFactory(status=IssueStatus.SENDING, **kwargs)


def test_an_issue_missing_its_welsh_cannot_be_scheduled_or_tested(centre_staff):
    issue = IssueFactory(body_cy="  ")
    with pytest.raises(actions.NotBothLanguages):
        actions.schedule_issue(issue=issue, send_at=timezone.now(), by=centre_staff)
    with pytest.raises(actions.NotBothLanguages):
        actions.send_test(issue=issue, to=centre_staff)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT and mail.outbox == []


def test_a_test_goes_to_the_member_of_staff_in_welsh_then_english(centre_staff):
    issue = IssueFactory(subject_en="<script>alert(1)</script> News")
    actions.send_test(issue=issue, to=centre_staff)
    (message,) = mail.outbox
    assert message.to == [centre_staff.email]
    assert message.subject.startswith("[TEST] Beth ddysgon ni")
    assert message.body.index("Mae'r rhan fwyaf") < message.body.index("Most bodies")
    # plain text only: the script is shown as text, never as markup that could run
    assert "<script>alert(1)</script> News" in message.body
    assert not getattr(message, "alternatives", [])


def test_a_scheduled_issue_starts_when_due_and_goes_once_to_each_confirmed_reader(
    django_capture_on_commit_callbacks,
):
    issue = IssueFactory(status=IssueStatus.SCHEDULED, send_at=timezone.now())
    readers = SubscriberFactory.create_batch(3)
    SubscriberFactory(status="pending")
    SubscriberFactory(status="unsubscribed")
    SubscriberFactory(wants_blog=False)
    SubscriberFactory(frequency="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_newsletters", stdout=io.StringIO())
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/newsletter/unsubscribe/" in message.body


def test_an_issue_scheduled_for_later_waits():
    IssueFactory(status=IssueStatus.SCHEDULED, send_at=timezone.now() + datetime.timedelta(days=1))
    SubscriberFactory()
    assert actions.start_due_issues() == []


def test_sending_resumes_after_a_crash_without_sending_anyone_two_emails():
    issue = _sending()
    readers = SubscriberFactory.create_batch(7)
    first = CrashingConnection(survive=4)
    with pytest.raises(ConnectionError):
        actions.send_issue(issue_id=issue.pk, batch_size=3, connection=first, sleep=lambda s: None)
    assert Send.objects.count() == 4  # the email the server refused has no send record
    second = CrashingConnection()
    actions.send_issue(issue_id=issue.pk, batch_size=3, connection=second, sleep=lambda s: None)
    delivered = [m.to[0] for m in first.sent + second.sent]
    assert sorted(delivered) == sorted(r.email for r in readers)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_a_second_send_record_for_the_same_reader_is_refused_by_the_database():
    issue = _sending()
    reader = SubscriberFactory()
    Send.objects.create(issue=issue, subscriber=reader)
    with pytest.raises(IntegrityError), transaction.atomic():
        Send.objects.create(issue=issue, subscriber=reader)


def test_sending_keeps_to_the_rate():
    issue = _sending()
    SubscriberFactory.create_batch(6)
    pauses: list[float] = []
    actions.send_issue(
        issue_id=issue.pk,
        rate=2,
        batch_size=2,
        connection=CrashingConnection(),
        sleep=pauses.append,
    )
    assert len(pauses) == 3 and all(0 < p <= 1 for p in pauses)


def test_weekly_readers_get_one_digest_of_the_weeks_issues_once():
    reader = SubscriberFactory(frequency="weekly", language="cy")
    sent_at = timezone.now() - datetime.timedelta(days=1)
    IssueFactory(status=IssueStatus.SENT, sent_at=sent_at, subject_cy="Rhifyn un")
    IssueFactory(status=IssueStatus.SENT, sent_at=sent_at, subject_cy="Rhifyn dau")
    IssueFactory(status=IssueStatus.SENT, sent_at=sent_at, topic="events")
    connection = CrashingConnection()
    assert actions.send_digests(connection=connection) == 1
    assert actions.send_digests(connection=connection) == 0
    (message,) = connection.sent
    assert message.to == [reader.email]
    assert "Rhifyn un" in message.body and "Rhifyn dau" in message.body
    assert "Most bodies" not in message.body
