"""Background tasks that belong to no single domain."""

import base64
import contextlib
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django_tasks import task

from .retries import retried


def _attachment_to_json(attachment: MIMEBase | tuple) -> dict:
    """Attachments travel in the task as base64, so an email's .ics or CSV survives the queue."""
    if isinstance(attachment, MIMEBase):
        content = attachment.get_payload(decode=True) or b""
        filename = attachment.get_filename() or ""
        mimetype = attachment.get_content_type()
    else:
        filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return {
        "filename": filename or "",
        "content": base64.b64encode(content).decode("ascii"),
        "mimetype": mimetype or "application/octet-stream",
    }


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
        "attachments": [_attachment_to_json(item) for item in message.attachments],
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
    for item in data.get("attachments", []):
        content = base64.b64decode(item["content"])
        if item["mimetype"].startswith("text/"):
            # Django re-encodes text attachments itself; give it text, as the caller did.
            with contextlib.suppress(UnicodeDecodeError):
                content = content.decode()
        message.attach(item["filename"], content, item["mimetype"])
    return message


@task()
@retried
def send_email(message: dict) -> None:
    """Send one queued email with the real backend (see porth.core.mail), retried on failure."""
    connection = get_connection(settings.QUEUED_EMAIL_BACKEND)
    connection.send_messages([task_args_to_message(message)])


@task()
def ping() -> str:
    """A no-op the health check can enqueue to prove the queue accepts work."""
    return "pong"
