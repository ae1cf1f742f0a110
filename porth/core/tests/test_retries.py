"""Background tasks are retried with backoff, and what fails every try waits for centre staff
(porth.core.retries, docs/adr/0044-reliable-tasks.md)."""

import datetime

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from porth.core import retries
from porth.core.models import AuditEntry, FailedTask

pytestmark = pytest.mark.django_db


class _FlakyBackend(EmailBackend):
    """Refuses the first `failures` sends, as a mail server that is down for a while would."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.QUEUED_EMAIL_BACKEND = f"{__name__}._FlakyBackend"
    _FlakyBackend.calls = 0
    _FlakyBackend.failures = 0
    return _FlakyBackend


def test_an_email_that_fails_twice_and_then_succeeds_is_sent_exactly_once(flaky_mail):
    flaky_mail.failures = 2

    EmailMessage("Croeso", "Helo", "porth@example.com", ["person@example.com"]).send()

    assert flaky_mail.calls == 3
    assert len(mail.outbox) == 1
    assert not FailedTask.objects.exists()


def test_an_email_that_always_fails_is_kept_as_a_failed_task_after_the_last_attempt(
    flaky_mail, settings
):
    settings.TASK_MAX_ATTEMPTS = 4
    flaky_mail.failures = 100

    EmailMessage("Croeso", "Helo", "porth@example.com", ["person@example.com"]).send()

    assert flaky_mail.calls == 4
    assert mail.outbox == []
    failed = FailedTask.objects.get()
    assert failed.task_path == "porth.core.tasks.send_email"
    assert failed.attempts == 4
    assert "mail server down" in failed.error
    assert failed.arguments["args"][0]["to"] == ["person@example.com"]


def test_the_wait_between_attempts_grows_and_is_capped_at_an_hour():
    waits = [retries.backoff(attempt) for attempt in range(1, 7)]

    assert waits == sorted(waits)
    assert waits[0] == datetime.timedelta(seconds=30)
    assert waits[-1] == datetime.timedelta(hours=1)


def test_a_queue_that_can_wait_is_asked_to_run_the_retry_later(queue_that_waits):
    message = {"subject": "Cadarnhad"}
    retries._enqueue("porth.core.tasks.send_email", [message], {}, attempt=2, delay=True)

    [retry] = queue_that_waits
    assert retry.task.name == "send_email"
    assert (retry.args, retry.kwargs) == ([message], {"attempt": 2})
    waited = retry.task.run_after - timezone.now()
    assert datetime.timedelta(seconds=25) < waited <= retries.backoff(1)


def test_an_attachment_survives_the_queue(flaky_mail):
    message = EmailMessage("Cadarnhad", "Helo", "porth@example.com", ["person@example.com"])
    message.attach("sesiwn.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.attach("data.bin", b"\x00\x01\xff", "application/octet-stream")

    message.send()

    (sent,) = mail.outbox
    names = [attachment[0] for attachment in sent.attachments]
    assert names == ["sesiwn.ics", "data.bin"]
    assert "BEGIN:VCALENDAR" in sent.attachments[0][1]
    assert sent.attachments[1][1] == b"\x00\x01\xff"


def _failed_email() -> FailedTask:
    return FailedTask.objects.create(
        task_path="porth.core.tasks.send_email",
        arguments={
            "args": [
                {
                    "subject": "Croeso",
                    "body": "Helo",
                    "from_email": "porth@example.com",
                    "to": ["person@example.com"],
                    "cc": [],
                    "bcc": [],
                    "reply_to": [],
                    "headers": {},
                    "alternatives": [],
                }
            ],
            "kwargs": {},
        },
        attempts=5,
        error="ConnectionRefusedError: mail server down",
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_centre_staff_see_failed_tasks_in_both_languages(client, centre_staff, language):
    _failed_email()
    client.force_login(centre_staff)

    response = client.get(f"/{language}/failed-tasks/")

    assert response.status_code == 200
    heading = "Failed tasks" if language == "en" else "Tasgau a fethodd"
    assert heading in response.content.decode()
    assert "porth.core.tasks.send_email" in response.content.decode()


def test_sending_a_failed_email_again_delivers_it_and_records_who_did_it(
    client, centre_staff, django_capture_on_commit_callbacks
):
    failed = _failed_email()
    client.force_login(centre_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/failed-tasks/{failed.pk}/", {"decision": "retry"})

    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.state == FailedTask.State.RETRIED
    assert failed.resolved_by == centre_staff
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="failed_task.retried").count() == 1


def test_a_dismissed_task_is_not_sent_and_cannot_be_sent_again(client, centre_staff):
    failed = _failed_email()
    client.force_login(centre_staff)

    client.post(f"/en/failed-tasks/{failed.pk}/", {"decision": "dismiss"})
    response = client.post(f"/en/failed-tasks/{failed.pk}/", {"decision": "retry"}, follow=True)

    failed.refresh_from_db()
    assert failed.state == FailedTask.State.DISMISSED
    assert mail.outbox == []
    assert "already dealt with" in response.content.decode()


def test_people_who_are_not_centre_staff_cannot_see_or_resolve_failed_tasks(client, editor):
    failed = _failed_email()
    client.force_login(editor)

    assert client.get("/en/failed-tasks/").status_code == 403
    assert client.post(f"/en/failed-tasks/{failed.pk}/", {"decision": "retry"}).status_code == 403
    failed.refresh_from_db()
    assert failed.state == FailedTask.State.FAILED
