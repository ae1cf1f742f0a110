"""Reads for learning pages: the catalogue and its filters, places left, queue positions."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .models import (
    HOLDS_A_PLACE,
    Booking,
    BookingStatus,
    ColleagueInvitation,
    Course,
    Feedback,
    HistoricalReach,
    LearnerProfile,
    Session,
    SessionMaterial,
)


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
    """`places_left` on each session, counted by a subquery per session shown (through the
    bookings' (session, status) index), not by joining and grouping every booking of every
    upcoming session before the page is cut (ADR 0058)."""
    held = (
        Booking.objects.filter(session=OuterRef("pk"), status__in=HOLDS_A_PLACE)
        .order_by()
        .values("session")
        .annotate(n=Count("*"))
        .values("n")
    )
    return sessions.annotate(places_held=Coalesce(Subquery(held), 0)).annotate(
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
    """The person's bookings, newest session first, with their waiting-list positions, counted
    in the same query (not one query per booking)."""
    ahead = (
        Booking.objects.filter(session_id=OuterRef("session_id"), status=BookingStatus.WAITING)
        .filter(
            Q(queued_at__lt=OuterRef("queued_at"))
            | Q(queued_at=OuterRef("queued_at"), id__lt=OuterRef("id"))
        )
        .order_by()
        .values("session_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    bookings = list(
        Booking.objects.filter(person=person)
        .select_related("session__course", "invitation")
        .annotate(ahead=Coalesce(Subquery(ahead), 0))
        .order_by("-session__starts_at", "-id")
    )
    for booking in bookings:
        booking.position = booking.ahead + 1 if booking.status == BookingStatus.WAITING else None
        # A place a colleague booked for them that they have not yet accepted or declined.
        invitation = _invitation_of(booking)
        booking.open_invitation = (
            invitation
            if invitation is not None
            and not invitation.is_answered
            and booking.status in (*HOLDS_A_PLACE, BookingStatus.WAITING)
            else None
        )
    return bookings


def _invitation_of(booking: Booking) -> ColleagueInvitation | None:
    """The booking's invitation, read by `select_related` (no query), or None."""
    try:
        return booking.invitation
    except ColleagueInvitation.DoesNotExist:
        return None


def calendar_token_of(person: Any) -> str:
    """The secret in the person's private calendar address; empty until they have a learner
    profile (made when they first book)."""
    return (
        LearnerProfile.objects.filter(person=person)
        .values_list("calendar_token", flat=True)
        .first()
        or ""
    )


def calendar_bookings(token: str) -> list[Booking] | None:
    """The confirmed places of the person whose private calendar address holds `token`, for
    their feed; None when no one's does (an old address, after a reset)."""
    profile = LearnerProfile.objects.filter(calendar_token=token).first() if token else None
    if profile is None:
        return None
    return list(
        Booking.objects.filter(
            person_id=profile.person_id,
            status=BookingStatus.CONFIRMED,
            session__cancelled_at__isnull=True,
        )
        .select_related("session__course")
        .order_by("session__starts_at", "id")
    )


def historical_reach() -> list[HistoricalReach]:
    return list(HistoricalReach.objects.all())


def learner_role(person: Any) -> str | None:
    """The role on the person's learner profile ("" if they gave none), or None when they have
    no profile yet, so booking must ask for it."""
    return (
        LearnerProfile.objects.filter(person=person).values_list("role_category", flat=True).first()
    )


FEEDBACK_SHOWN_FROM = 5


@dataclass
class NoShows:
    recorded: int
    absent: int

    @property
    def rate(self) -> int | None:
        """Percentage of people with a place who did not come, once a register is kept."""
        return round(100 * self.absent / self.recorded) if self.recorded else None


@dataclass
class FeedbackResults:
    answers: int
    average_rating: float | None = None
    useful_percent: int | None = None
    recommend_percent: int | None = None

    @property
    def is_shown(self) -> bool:
        return self.answers >= FEEDBACK_SHOWN_FROM


def no_shows(*, session: Session | None = None, course: Any = None) -> NoShows:
    rows = Booking.objects.filter(status=BookingStatus.CONFIRMED, attended__isnull=False)
    rows = (
        rows.filter(session=session) if session is not None else rows.filter(session__course=course)
    )
    counts = rows.aggregate(recorded=Count("id"), absent=Count("id", filter=Q(attended=False)))
    return NoShows(recorded=counts["recorded"], absent=counts["absent"])


def feedback_results(*, session: Session | None = None, course: Any = None) -> FeedbackResults:
    """Averages, only when at least 5 people answered (fewer could identify them)."""
    rows = (
        Feedback.objects.filter(booking__session=session)
        if session is not None
        else (Feedback.objects.filter(booking__session__course=course))
    )
    figures = rows.aggregate(
        answers=Count("id"),
        rating=Avg("rating"),
        useful=Count("id", filter=Q(was_useful=True)),
        recommend=Count("id", filter=Q(would_recommend=True)),
    )
    answers = figures["answers"]
    if answers < FEEDBACK_SHOWN_FROM:
        return FeedbackResults(answers=answers)
    return FeedbackResults(
        answers=answers,
        average_rating=round(figures["rating"], 1),
        useful_percent=round(100 * figures["useful"] / answers),
        recommend_percent=round(100 * figures["recommend"] / answers),
    )


def feedback_comments(session: Session) -> list[str]:
    """Free text, for organisers only (the view that calls this is organisers-only)."""
    return list(
        Feedback.objects.filter(booking__session=session)
        .exclude(comments="")
        .order_by("submitted_at")
        .values_list("comments", flat=True)
    )


def materials_of(session: Session) -> list[SessionMaterial]:
    """The session's materials; the view shows them only to whom `may_see_materials` allows."""
    return list(session.materials.all())


def register_of(session: Session) -> list[Booking]:
    return list(
        session.bookings.filter(status=BookingStatus.CONFIRMED)
        .select_related("person", "organisation")
        .order_by("person__full_name", "id")
    )


def has_given_feedback(booking: Booking) -> bool:
    return Feedback.objects.filter(booking=booking).exists()


JOINING_LINK_SHOWN_MINUTES_BEFORE = 30


def joining_link_for(booking: Booking, now: datetime.datetime | None = None) -> str:
    """The online joining link, only for a confirmed place and only from a set time before
    the start until the end."""
    session = booking.session
    now = now or timezone.now()
    shown_from = session.starts_at - datetime.timedelta(minutes=JOINING_LINK_SHOWN_MINUTES_BEFORE)
    if booking.is_confirmed and session.joining_link and shown_from <= now < session.ends_at:
        return session.joining_link
    return ""


# --- For following (ADR 0059): a course's followers hear of its new sessions ------------------


def published_course(slug: str) -> Course | None:
    return Course.objects.filter(slug=slug, is_published=True).first()


def published_session(session_id: int) -> Session | None:
    """A published, not cancelled session of a published course, with its course."""
    return (
        Session.objects.published()
        .filter(pk=session_id, cancelled_at__isnull=True)
        .select_related("course")
        .first()
    )


def session_visible_to(session: Session, person: Any) -> bool:
    """Open sessions are for everyone; a body's own sessions for its members."""
    return Session.objects.visible_to(person).filter(pk=session.pk).exists()


def courses_for_organisers() -> QuerySet[Course]:
    """Every course, drafts included, with how many sessions are still to come."""
    return Course.objects.annotate(
        upcoming_sessions=Count(
            "sessions",
            filter=Q(sessions__starts_at__gt=timezone.now(), sessions__cancelled_at__isnull=True),
        )
    ).order_by("-is_published", "title_en")


def sessions_of_course(course: Course, *, organisations: list | None) -> QuerySet[Session]:
    """A course's sessions, drafts included, latest first, with the places left on each: all
    of them for organisers (`organisations=None`), else only those private to the bodies given."""
    sessions = Session.objects.filter(course=course).select_related("organisation")
    if organisations is not None:
        sessions = sessions.filter(organisation__in=organisations)
    return with_places_left(sessions).order_by("-starts_at")


def open_sessions_for_open_data() -> QuerySet[Session]:
    """Published upcoming sessions open to everyone (never a body's private ones), with their
    course and the places left, soonest first: what the open API lists."""
    sessions = (
        Session.objects.published()
        .filter(organisation__isnull=True, cancelled_at__isnull=True, starts_at__gt=timezone.now())
        .select_related("course")
    )
    return with_places_left(sessions).order_by("starts_at", "id")
