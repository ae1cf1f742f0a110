"""Every email leaves through the task queue.

Django and django-allauth call the configured EMAIL_BACKEND; this one turns each message into a
task so that a slow or failing mail server never holds up a page, and the worker retries from the
queue. The worker sends with QUEUED_EMAIL_BACKEND (files locally, SMTP in production).
"""

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from .tasks import send_email


def message_to_task_args(message: EmailMessage) -> dict:
    """A JSON-safe copy of an email, since tasks can only carry JSON."""
    alternatives = [
        [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
    ]
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {key: str(value) for key, value in message.extra_headers.items()},
        "alternatives": alternatives,
    }


def task_args_to_message(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            send_email.enqueue(message_to_task_args(message))
        return len(email_messages)
