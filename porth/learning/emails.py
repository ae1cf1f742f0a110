"""Learning's emails: rendered in the person's language and handed to the mail queue.

Emails about a booking made on a web page are queued by the booking's ID and rendered by the
worker (`send_booking_email_later`), so the request that books does not render them
(ADR 0064). The task lives here, not in tasks.py, because actions queue it and tasks.py
imports actions.
"""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from porth.core.retries import retried

from . import calendar
from .models import Booking, Session

BOOKING_EMAILS = ("confirmed", "waiting", "cancelled")


def _base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def session_ics(session: Session) -> str:
    """The session as an iCalendar file, in the active language."""
    url = _base_url() + reverse("learning:session_detail", kwargs={"pk": session.pk})
    location = session.place or ("" if not session.joining_link else str(_("Online")))
    return calendar.calendar(
        [calendar.event_lines(session, title=session.course.title, url=url, location=location)]
    )


def send(person: Any, template: str, context: dict, *, ics_for: Session | None = None) -> None:
    """Render one email to the person, in their language, and hand it to the mail queue."""
    with translation.override(person.preferred_language or "en"):
        full = {**context, "person": person, "base_url": _base_url()}
        subject = render_to_string(f"learning/email/{template}_subject.txt", full)
        body = render_to_string(f"learning/email/{template}_message.txt", full)
        message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email])
        if ics_for is not None:
            message.attach("session.ics", session_ics(ics_for), "text/calendar")
    message.send()


def send_booking_email(*, booking_id: int, template: str, with_ics: bool = False) -> bool:
    """Render and send one queued email about a booking. False when the booking no longer
    exists (or its person has no address): nothing to send."""
    if template not in BOOKING_EMAILS:
        raise ValueError(template)
    booking = (
        Booking.objects.select_related("person", "session__course").filter(pk=booking_id).first()
    )
    if booking is None or not booking.person.email:
        return False
    session = booking.session
    send(
        booking.person,
        template,
        {"session": session, "booking": booking},
        ics_for=session if with_ics else None,
    )
    return True


@task()
@retried
def send_booking_email_later(booking_id: int, template: str, with_ics: bool = False) -> bool:
    """The worker's half of a booking's email; retried on failure (handing the message to the
    mail queue is the last step, so a retry does not send twice)."""
    return send_booking_email(booking_id=booking_id, template=template, with_ics=with_ics)
