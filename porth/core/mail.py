"""Every email leaves through the task queue.

Django and django-allauth call the configured EMAIL_BACKEND; this one turns each message into a
task so that a slow or failing mail server never holds up a page, and the worker retries from the
queue. The worker sends with QUEUED_EMAIL_BACKEND (files locally, SMTP in production).
"""

from django.core.mail.backends.base import BaseEmailBackend

from .tasks import message_to_task_args, send_email


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            send_email.enqueue(message_to_task_args(message))
        return len(email_messages)
