"""Every email leaves through the task queue (porth.core.mail)."""

import json
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail

QUEUED = "porth.core.mail.QueuedEmailBackend"


@pytest.fixture
def queued_email(settings):
    """The real site's backend; Django's test runner swaps in locmem unless told otherwise."""
    settings.EMAIL_BACKEND = QUEUED


def test_the_site_sends_every_email_through_the_queue():
    from config.settings import base

    assert base.EMAIL_BACKEND == QUEUED


@pytest.mark.usefixtures("queued_email")
def test_sending_an_email_enqueues_a_task_instead_of_talking_to_the_mail_server():
    with mock.patch("porth.core.mail.send_email") as task:
        sent = send_mail("Croeso", "Helo", "porth@example.com", ["person@example.com"])

    assert sent == 1
    task.enqueue.assert_called_once()
    (message,) = task.enqueue.call_args.args
    assert message["subject"] == "Croeso"
    assert message["to"] == ["person@example.com"]
    assert json.loads(json.dumps(message)) == message, "a task's arguments must be plain JSON"
    assert mail.outbox == []


@pytest.mark.usefixtures("queued_email")
def test_with_the_immediate_queue_the_email_is_delivered_with_all_its_parts():
    message = EmailMultiAlternatives(
        subject="Croeso i Porth",
        body="Helo",
        from_email="porth@example.com",
        to=["person@example.com"],
        cc=["copy@example.com"],
        reply_to=["help@example.com"],
        headers={"X-Porth": "test"},
    )
    message.attach_alternative("<p>Helo</p>", "text/html")

    message.send()

    (delivered,) = mail.outbox
    assert delivered.subject == "Croeso i Porth"
    assert delivered.to == ["person@example.com"]
    assert delivered.cc == ["copy@example.com"]
    assert delivered.reply_to == ["help@example.com"]
    assert delivered.extra_headers["X-Porth"] == "test"
    assert delivered.alternatives[0][:2] == ("<p>Helo</p>", "text/html")
