"""Reads for learning pages: the catalogue and its filters, places left, queue positions."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone

from .models import HOLDS_A_PLACE, Booking, BookingStatus, HistoricalReach, LearnerProfile, Session


@dataclass
class CatalogueFilters:
    topic: str = ""
    audience: str = ""
    language: str = ""
    format: str = ""
    skill: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    places_left: bool = False


def with_places_left(sessions: QuerySet[Session]) -> QuerySet[Session]:
    held = Count("bookings", filter=Q(bookings__status__in=HOLDS_A_PLACE), distinct=True)
    return sessions.annotate(places_held=held).annotate(
        places_left=Greatest(F("capacity") - F("places_held"), 0)
    )


def catalogue(*, filters: CatalogueFilters, user: Any) -> QuerySet[Session]:
    """Upcoming published sessions the person may see, filtered, soonest first."""
    sessions = (
        Session.objects.published()
        .visible_to(user)
        .filter(cancelled_at__isnull=True, starts_at__gt=timezone.now())
        .select_related("course", "organisation")
    )
    if filters.topic:
        sessions = sessions.filter(course__topic=filters.topic)
    if filters.audience:
        sessions = sessions.filter(course__audience=filters.audience)
    if filters.format:
        sessions = sessions.filter(course__format=filters.format)
    if filters.language:
        sessions = sessions.filter(delivery_language=filters.language)
    if filters.date_from:
        sessions = sessions.filter(starts_at__date__gte=filters.date_from)
    if filters.date_to:
        sessions = sessions.filter(starts_at__date__lte=filters.date_to)
    sessions = with_places_left(sessions)
    if filters.places_left:
        sessions = sessions.filter(places_left__gt=0)
    if filters.skill:
        # JSON "contains" is not on SQLite; the list of codes is short, so match the text.
        sessions = sessions.filter(course__skill_codes__icontains=f'"{filters.skill}"')
    return sessions.order_by("starts_at", "id")


def places_left(session: Session) -> int:
    held = session.bookings.filter(status__in=HOLDS_A_PLACE).count()
    return max(session.capacity - held, 0)


def active_booking(session: Session, person: Any) -> Booking | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return (
        session.bookings.filter(
            person=person,
            status__in=[*HOLDS_A_PLACE, BookingStatus.WAITING],
        )
        .select_related("session__course")
        .first()
    )


def waiting_position(booking: Booking) -> int | None:
    """1 for the first person waiting, and so on; None if not waiting."""
    if booking.status != BookingStatus.WAITING:
        return None
    ahead = Booking.objects.filter(
        session_id=booking.session_id, status=BookingStatus.WAITING
    ).filter(Q(queued_at__lt=booking.queued_at) | Q(queued_at=booking.queued_at, id__lt=booking.id))
    return ahead.count() + 1


def waiting_list(session: Session) -> QuerySet[Booking]:
    return (
        session.bookings.filter(status=BookingStatus.WAITING)
        .select_related("person", "organisation")
        .order_by("queued_at", "id")
    )


def bookings_of(person: Any) -> list[Booking]:
    """The person's bookings, newest session first, with their waiting-list positions."""
    bookings = list(
        Booking.objects.filter(person=person)
        .select_related("session__course")
        .order_by("-session__starts_at", "-id")
    )
    for booking in bookings:
        booking.position = waiting_position(booking)
    return bookings


def historical_reach() -> list[HistoricalReach]:
    return list(HistoricalReach.objects.all())


def has_learner_profile(person: Any) -> bool:
    return LearnerProfile.objects.filter(person=person).exists()
