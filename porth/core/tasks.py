"""Background tasks that belong to no single domain."""

from django.conf import settings
from django.core.mail import get_connection
from django_tasks import task


@task()
def send_email(message: dict) -> None:
    """Send one queued email with the real backend (see porth.core.mail)."""
    from .mail import task_args_to_message

    connection = get_connection(settings.QUEUED_EMAIL_BACKEND)
    connection.send_messages([task_args_to_message(message)])


@task()
def ping() -> str:
    """A no-op the health check can enqueue to prove the queue accepts work."""
    return "pong"
