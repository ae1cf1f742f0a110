"""An email backend that sends through GOV.UK Notify, chosen with EMAIL_SENDER=notify.

Notify sends from a template: ours has the subject `((subject))` and the body `((body))`, so
every email Porth writes (newsletters, sign-in, reminders) goes through one template. Notify
adds its own one-click unsubscribe headers when given `one_click_unsubscribe_url`, which we
take from the message's `List-Unsubscribe` header. Notify does not take attachments.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient


def unsubscribe_url(message) -> str | None:
    header = message.extra_headers.get("List-Unsubscribe", "")
    return header.strip("<>") or None


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs) -> None:
        super().__init__(fail_silently=fail_silently)
        if not settings.NOTIFY_API_KEY or not settings.NOTIFY_TEMPLATE_ID:
            raise ImproperlyConfigured(
                "EMAIL_SENDER=notify needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID"
            )
        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY)

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            for address in message.recipients():
                try:
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=settings.NOTIFY_TEMPLATE_ID,
                        personalisation={"subject": message.subject, "body": message.body},
                        one_click_unsubscribe_url=unsubscribe_url(message),
                    )
                except Exception:
                    if not self.fail_silently:
                        raise
                    continue
            sent += 1
        return sent
