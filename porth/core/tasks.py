"""Background tasks that belong to no single domain."""

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django_tasks import task


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
        # Text attachments only (an .ics file, say): a task carries JSON, not bytes.
        "attachments": [
            list(item)
            for item in message.attachments
            if isinstance(item, tuple) and isinstance(item[1], str)
        ],
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
    for filename, content, mimetype in data.get("attachments", []):
        message.attach(filename, content, mimetype)
    return message


@task()
def send_email(message: dict) -> None:
    """Send one queued email with the real backend (see porth.core.mail)."""
    connection = get_connection(settings.QUEUED_EMAIL_BACKEND)
    connection.send_messages([task_args_to_message(message)])


@task()
def ping() -> str:
    """A no-op the health check can enqueue to prove the queue accepts work."""
    return "pong"
