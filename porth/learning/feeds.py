"""The catalogue as feeds: iCalendar for calendar apps and Atom for feed readers. Open
sessions only (a body's own sessions are never in a public feed)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import calendar, queries
from .models import Session

FEED_SIZE = 100


def upcoming_open_sessions() -> list[Session]:
    return list(
        queries.catalogue(filters=queries.CatalogueFilters(), user=AnonymousUser())[:FEED_SIZE]
    )


def catalogue_ics(base_url: str) -> str:
    return calendar.calendar(
        (
            calendar.event_lines(
                session,
                title=session.course.title,
                url=base_url + reverse("learning:session_detail", kwargs={"pk": session.pk}),
                location=session.place,
            )
            for session in upcoming_open_sessions()
        ),
        name=_("Learning sessions"),
    )


def bookings_ics(bookings: list, base_url: str) -> str:
    """A person's private calendar: the sessions of their confirmed places."""
    return calendar.calendar(
        (
            calendar.event_lines(
                booking.session,
                title=booking.session.course.title,
                url=base_url + reverse("learning:booking_detail", kwargs={"pk": booking.pk}),
                location=booking.session.place,
            )
            for booking in bookings
        ),
        name=_("Your learning sessions"),
    )


class SessionFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Learning sessions")

    def subtitle(self) -> str:
        return _("Upcoming courses, webinars and sessions for people in Welsh public services.")

    def link(self) -> str:
        return reverse("learning:catalogue")

    def items(self) -> list[Session]:
        return upcoming_open_sessions()

    def item_title(self, item: Session) -> str:
        return item.course.title

    def item_description(self, item: Session) -> str:
        return item.course.summary

    def item_link(self, item: Session) -> str:
        return reverse("learning:session_detail", kwargs={"pk": item.pk})

    def item_pubdate(self, item: Session):
        return item.booking_opens_at
