"""Writes for learning: courses and sessions, bookings, waiting lists and offers.

Every place-changing action locks the session row first (`_locked_session`), so capacity is
counted and changed by one transaction at a time: `select_for_update` on PostgreSQL, and on
SQLite the IMMEDIATE transactions set in the settings (docs/adr/0030-booking-concurrency.md).
Emails are rendered in the person's language and leave only once the transaction commits.
"""

import datetime
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from porth.accounts.queries import members_of, memberships_of
from porth.core import audit
from porth.core.permissions import can_administer

from . import emails
from .models import (
    HOLDS_A_PLACE,
    Booking,
    BookingStatus,
    ColleagueInvitation,
    Course,
    Feedback,
    LearnerProfile,
    Organiser,
    RoleCategory,
    Session,
    SessionMaterial,
)
from .permissions import (
    bodies_to_invite_from,
    is_organiser,
    may_book_session,
    may_manage_session,
    may_see_session,
)
from .signals import session_published

SENSITIVE_KEPT_DAYS = 30


class NotAllowed(Exception):
    """The person may not do this (not an organiser, not an admin of that body)."""


class BadDates(Exception):
    """The session's times are out of order (ends before it starts, booking closes before it
    opens, or booking closes after the session starts)."""


class SessionCancelled(Exception):
    """The session has been cancelled."""


class SessionInPast(Exception):
    """The session has started or finished."""


class BookingClosed(Exception):
    """Booking is not open for this session (not yet, or no longer)."""


class AlreadyBooked(Exception):
    """The person already has a place, an offer or a waiting-list place on this session."""


class TooLateToCancel(Exception):
    """The cut-off for cancelling has passed: the organisers need to be told directly."""


class NotOnWaitingList(Exception):
    """The booking is not on the waiting list (it was confirmed, offered or has ended)."""


class NothingToCancel(Exception):
    """The booking has already ended (cancelled, expired or the session was cancelled)."""


class OfferExpired(Exception):
    """The offer has expired or was withdrawn, so the place went to the next person."""


class ReasonRequired(Exception):
    """Moving someone up the waiting list needs a recorded reason."""


def _locked_session(session_id: int) -> Session:
    return Session.objects.select_for_update().select_related("course").get(pk=session_id)


def _counts_under_lock(*, session_id: int, person_id: int) -> tuple[int, int, int]:
    """Places held, people waiting, and this person's live bookings on the session: the one
    read a booking makes under the session's lock, in one statement.

    Written as SQL because Django took longer to build this aggregate than the database took
    to run it, and it runs while other bookers wait for the lock (ADR 0064).
    `test_actions.py` checks it against the same counts made through the ORM."""
    quote = connection.ops.quote_name
    column = {
        name: quote(Booking._meta.get_field(name).column)
        for name in ("status", "person", "session")
    }
    holding = ", ".join(["%s"] * len(HOLDS_A_PLACE))
    sql = (
        f"SELECT COUNT(*) FILTER (WHERE {column['status']} IN ({holding})),"
        f" COUNT(*) FILTER (WHERE {column['status']} = %s),"
        f" COUNT(*) FILTER (WHERE {column['person']} = %s)"
        f" FROM {quote(Booking._meta.db_table)}"
        f" WHERE {column['session']} = %s AND {column['status']} IN ({holding}, %s)"
    )
    statuses = [str(status) for status in HOLDS_A_PLACE]
    waiting_status = str(BookingStatus.WAITING)
    params = [*statuses, waiting_status, person_id, session_id, *statuses, waiting_status]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        held, waiting, mine = cursor.fetchone()
    return held, waiting, mine


def _places_held(session: Session) -> int:
    return session.bookings.filter(status__in=HOLDS_A_PLACE).count()


def _email(person: Any, template: str, context: dict, *, ics_for: Session | None = None) -> None:
    """Queue one email to the person, in their language, once the transaction commits."""
    if person.email:
        transaction.on_commit(lambda: emails.send(person, template, context, ics_for=ics_for))


def _email_about_booking(booking: Booking, template: str, *, with_ics: bool = False) -> None:
    """Queue an email about the booking to its person, once the transaction commits.

    Only the booking's ID is queued: the worker renders the message and its calendar file
    (`emails.send_booking_email`), so a booking holds a web process for less time (ADR 0064)."""
    if template not in emails.BOOKING_EMAILS:
        raise ValueError(template)
    if booking.person.email:
        booking_id = booking.pk
        transaction.on_commit(
            lambda: emails.send_booking_email_later.enqueue(
                booking_id=booking_id, template=template, with_ics=with_ics
            )
        )


def _record(by: Any, name: str, booking: Booking, title, **values: Any) -> None:
    audit.record(
        by=by,
        action=f"learning.{name}",
        target=booking,
        title=title,
        title_values=values or None,
        after=audit.snapshot(booking, ["status"]),
        organisation=booking.organisation,
    )


# --- Organisers, courses and sessions ---------------------------------------------------------


@transaction.atomic
def grant_organiser(*, person: Any, by: Any) -> Organiser:
    """Centre staff make a person a course organiser."""
    if not (by.is_centre_staff or by.is_superuser):
        raise NotAllowed
    organiser, _created = Organiser.objects.get_or_create(
        person=person, defaults={"granted_by": by}
    )
    audit.record(
        by=by,
        action="learning.grant_organiser",
        target=organiser,
        title=_("Made %(name)s a course organiser"),
        title_values={"name": audit.name_of(person)},
    )
    return organiser


@transaction.atomic
def save_course(
    *,
    slug: str,
    title_en: str,
    title_cy: str,
    summary_en: str,
    summary_cy: str,
    description_en: str = "",
    description_cy: str = "",
    audience: str,
    format: str,
    topic: str,
    length_minutes: int,
    skill_codes: Sequence[str] = (),
    extra_questions: Sequence[dict] = (),
    is_published: bool = True,
    by: Any,
) -> Course:
    """Create or update a course (found by its slug); organisers and centre staff only."""
    if by is not None and not is_organiser(by):
        raise NotAllowed
    course, _created = Course.objects.update_or_create(
        slug=slug,
        defaults={
            "title_en": title_en.strip(),
            "title_cy": title_cy.strip(),
            "summary_en": summary_en.strip(),
            "summary_cy": summary_cy.strip(),
            "description_en": description_en.strip(),
            "description_cy": description_cy.strip(),
            "audience": audience,
            "format": format,
            "topic": topic,
            "length_minutes": length_minutes,
            "skill_codes": list(skill_codes),
            "extra_questions": list(extra_questions),
            "is_published": is_published,
        },
    )
    audit.record(
        by=by,
        action="learning.save_course",
        target=course,
        title=_("Course saved"),
        after=audit.snapshot(course, ["title_en", "title_cy", "is_published"]),
    )
    return course


@transaction.atomic
def schedule_session(
    *,
    course: Course,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    delivery_language: str,
    capacity: int,
    booking_opens_at: datetime.datetime,
    booking_closes_at: datetime.datetime,
    place_en: str = "",
    place_cy: str = "",
    joining_link: str = "",
    organisation: Any = None,
    is_published: bool = True,
    by: Any,
) -> Session:
    """Publish a session of a course. Organisers publish open sessions; an organisation admin
    publishes sessions for their own body only, seen only by its members."""
    may_publish = by is None or is_organiser(by)
    if not may_publish and (organisation is None or not can_administer(by, organisation)):
        raise NotAllowed
    if not (starts_at < ends_at and booking_opens_at < booking_closes_at <= starts_at):
        raise BadDates
    session = Session.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=ends_at,
        delivery_language=delivery_language,
        capacity=capacity,
        booking_opens_at=booking_opens_at,
        booking_closes_at=booking_closes_at,
        place_en=place_en,
        place_cy=place_cy,
        joining_link=joining_link,
        organisation=organisation,
        is_published=is_published,
        created_by=by,
    )
    audit.record(
        by=by,
        action="learning.schedule_session",
        target=session,
        title=_("Session scheduled"),
        after=audit.snapshot(session, ["starts_at", "capacity", "delivery_language"]),
        organisation=organisation,
    )
    if session.is_published and course.is_published:
        session_published.send(sender=Session, session=session)
    return session


@transaction.atomic
def cancel_session(*, session: Session, by: Any) -> Session:
    """Organisers cancel a session: every place and waiting-list place is released and every
    person told, in their language."""
    session = _locked_session(session.pk)
    if session.is_cancelled:
        raise SessionCancelled
    now = timezone.now()
    session.cancelled_at = now
    session.save(update_fields=["cancelled_at"])
    affected = list(
        session.bookings.filter(status__in=[*HOLDS_A_PLACE, BookingStatus.WAITING]).select_related(
            "person"
        )
    )
    for booking in affected:
        booking.status = BookingStatus.SESSION_CANCELLED
        booking.ended_at = now
    Booking.objects.bulk_update(affected, ["status", "ended_at"])
    for booking in affected:
        _email(booking.person, "session_cancelled", {"session": session})
    audit.record(
        by=by,
        action="learning.cancel_session",
        target=session,
        title=_("Session cancelled; %(count)s people told"),
        title_values={"count": len(affected)},
        organisation=session.organisation,
    )
    return session


@transaction.atomic
def add_material(
    *,
    session: Session,
    kind: str,
    title_en: str,
    title_cy: str,
    url: str,
    language: str,
    by: Any,
) -> SessionMaterial:
    """Organisers add a recording, slides or captions to a session; attendees see them."""
    if not may_manage_session(by, session):
        raise NotAllowed
    material = SessionMaterial.objects.create(
        session=session,
        kind=kind,
        title_en=title_en.strip(),
        title_cy=title_cy.strip(),
        url=url.strip(),
        language=language,
        added_by=by,
    )
    audit.record(
        by=by,
        action="learning.add_material",
        target=material,
        title=_("Material added to a session"),
        after=audit.snapshot(material, ["kind", "title_en", "url"]),
        organisation=session.organisation,
    )
    return material


# --- The learner's profile ------------------------------------------------------------------


@transaction.atomic
def save_learner_profile(*, person: Any, role_category: str) -> LearnerProfile:
    """Record the person's role category, which the reach reports count by."""
    if role_category not in RoleCategory.values:
        raise ValueError(role_category)
    profile, _created = LearnerProfile.objects.update_or_create(
        person=person, defaults={"role_category": role_category}
    )
    audit.record(
        by=person,
        action="learning.save_learner_profile",
        target=profile,
        title=_("Role for learning reports saved"),
        after=audit.snapshot(profile, ["role_category"]),
    )
    return profile


@transaction.atomic
def reset_calendar_token(*, person: Any) -> LearnerProfile:
    """Give the person a new private calendar address; the old one stops working at once."""
    profile = LearnerProfile.objects.select_for_update().get(person=person)
    profile.calendar_token = secrets.token_urlsafe()
    profile.save(update_fields=["calendar_token"])
    audit.record(
        by=person,
        action="learning.reset_calendar_token",
        target=profile,
        title=_("Private calendar address reset"),
    )
    return profile


# --- Booking --------------------------------------------------------------------------------


@transaction.atomic
def book_place(
    *,
    session: Session,
    person: Any,
    participation_language: str,
    access_needs: str = "",
    extra_answers: Sequence[str] = (),
    role_category: str = "",
    profile_role: str | None = None,
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> Booking:
    """Book the person a place, or a place on the waiting list when none is free.

    `notify=False` when a colleague booked it: they get the invitation email instead.

    `role_category`, when given (asked at booking when missing), is saved on the person's
    learner profile in the same transaction, so a refused booking saves nothing. Otherwise the
    profile's role is recorded on the booking: `profile_role` when the caller has just read
    it (`queries.learner_role`), so it is not read twice.

    A free place goes to a new booker only while nobody is waiting: a place freed for the
    waiting list is offered to them by the worker, not taken by whoever books next.
    """
    now = now or timezone.now()
    if role_category and role_category not in RoleCategory.values:
        raise ValueError(role_category)
    # What the booking records about the person is read before the lock, so the lock is held
    # only for the count and the insert (ADR 0058). Within this transaction all the same: a
    # refused booking saves nothing.
    if role_category:
        LearnerProfile.objects.update_or_create(
            person=person, defaults={"role_category": role_category}
        )
    elif profile_role is not None:
        role_category = profile_role
    else:
        role_category = (
            LearnerProfile.objects.filter(person=person)
            .values_list("role_category", flat=True)
            .first()
            or ""
        )
    membership = memberships_of(person).first()
    # The lock, reading only what the rules below need (ADR 0064): the caller's session
    # may be out of date, this row is not.
    cancelled_at, starts_at, opens_at, closes_at, capacity = (
        Session.objects.select_for_update()
        .values_list(
            "cancelled_at", "starts_at", "booking_opens_at", "booking_closes_at", "capacity"
        )
        .get(pk=session.pk)
    )
    if cancelled_at is not None:
        raise SessionCancelled
    if starts_at <= now:
        raise SessionInPast
    if not (opens_at <= now < closes_at):
        raise BookingClosed
    held, waiting, mine = _counts_under_lock(session_id=session.pk, person_id=person.pk)
    if mine:
        raise AlreadyBooked
    has_place = held < capacity and not waiting
    booking = Booking.objects.create(
        session=session,
        person=person,
        organisation=membership.organisation if membership else None,
        role_category=role_category,
        status=BookingStatus.CONFIRMED if has_place else BookingStatus.WAITING,
        participation_language=participation_language,
        access_needs=access_needs.strip(),
        extra_answers=[str(answer).strip() for answer in extra_answers],
        confirmed_at=now if has_place else None,
        queued_at=None if has_place else now,
    )
    if has_place:
        if notify:
            _email_about_booking(booking, "confirmed", with_ics=True)
        _record(person, "book_place", booking, _("Place booked"))
    else:
        if notify:
            _email_about_booking(booking, "waiting")
        _record(person, "book_place", booking, _("Joined the waiting list"))
    return booking


@transaction.atomic
def cancel_booking(*, booking: Booking, by: Any, now: datetime.datetime | None = None) -> Booking:
    """The person gives up their place (up to the cut-off) or their offer. The place freed is
    offered to the waiting list by the worker (`queue.queue_offers`)."""
    now = now or timezone.now()
    session = _locked_session(booking.session_id)
    booking = Booking.objects.select_related("person").get(pk=booking.pk)
    if booking.status == BookingStatus.WAITING:
        raise NotOnWaitingList
    if booking.status not in HOLDS_A_PLACE:
        raise NothingToCancel
    if session.starts_at <= now:
        raise SessionInPast
    if booking.status == BookingStatus.CONFIRMED and now >= session.cancellation_cutoff:
        raise TooLateToCancel
    booking.status = BookingStatus.CANCELLED
    booking.ended_at = now
    booking.save(update_fields=["status", "ended_at"])
    _email_about_booking(booking, "cancelled")
    _record(by, "cancel_booking", booking, _("Booking cancelled"))
    return booking


@transaction.atomic
def leave_waiting_list(*, booking: Booking, now: datetime.datetime | None = None) -> Booking:
    """One click: the person leaves the waiting list."""
    _locked_session(booking.session_id)
    booking = Booking.objects.select_related("person").get(pk=booking.pk)
    if booking.status != BookingStatus.WAITING:
        raise NotOnWaitingList
    booking.status = BookingStatus.LEFT
    booking.ended_at = now or timezone.now()
    booking.save(update_fields=["status", "ended_at"])
    _record(booking.person, "leave_waiting_list", booking, _("Left the waiting list"))
    return booking


@transaction.atomic
def move_up(*, booking: Booking, reason: str, by: Any) -> Booking:
    """Centre staff move someone to the front of the waiting list, giving the reason (kept in
    the audit log, e.g. "their body has nobody trained yet")."""
    if not (by.is_centre_staff or by.is_superuser):
        raise NotAllowed
    if not reason.strip():
        raise ReasonRequired
    session = _locked_session(booking.session_id)
    booking = Booking.objects.get(pk=booking.pk)
    if booking.status != BookingStatus.WAITING:
        raise NotOnWaitingList
    first = (
        session.bookings.filter(status=BookingStatus.WAITING)
        .order_by("queued_at", "id")
        .values_list("queued_at", flat=True)
        .first()
    )
    before = audit.snapshot(booking, ["queued_at"])
    booking.queued_at = first - datetime.timedelta(microseconds=1)
    booking.save(update_fields=["queued_at"])
    audit.record(
        by=by,
        action="learning.move_up",
        target=booking,
        title=_("Moved to the front of the waiting list: %(reason)s"),
        title_values={"reason": reason.strip()},
        before=before,
        after=audit.snapshot(booking, ["queued_at"]),
        organisation=booking.organisation,
    )
    return booking


# --- Offers from the waiting list -----------------------------------------------------------


@transaction.atomic
def offer_free_places(*, session_id: int, now: datetime.datetime | None = None) -> list[Booking]:
    """Offer each free place to the next person waiting, for the session's offer time.

    Idempotent: the free places are counted under the session's lock, and an offer holds its
    place, so running this twice (a retried task) finds no free place the second time.
    """
    now = now or timezone.now()
    session = _locked_session(session_id)
    if session.is_cancelled or session.starts_at <= now:
        return []
    free = session.capacity - _places_held(session)
    if free <= 0:
        return []
    chosen = list(
        session.bookings.filter(status=BookingStatus.WAITING)
        .select_related("person")
        .order_by("queued_at", "id")[:free]
    )
    expires = min(now + datetime.timedelta(hours=session.offer_hours), session.starts_at)
    for booking in chosen:
        booking.status = BookingStatus.OFFERED
        booking.offered_at = now
        booking.offer_expires_at = expires
        booking.save(update_fields=["status", "offered_at", "offer_expires_at"])
        _email(booking.person, "offer", {"session": session, "booking": booking})
        _record(None, "offer_free_places", booking, _("Place offered from the waiting list"))
    return chosen


@transaction.atomic
def accept_offer(*, booking: Booking, now: datetime.datetime | None = None) -> Booking:
    """The person takes the place they were offered, if the offer has not expired."""
    now = now or timezone.now()
    _locked_session(booking.session_id)  # one change to the session's places at a time
    booking = Booking.objects.select_related("person").get(pk=booking.pk)
    if booking.status == BookingStatus.CONFIRMED:
        raise AlreadyBooked
    if booking.status != BookingStatus.OFFERED or booking.offer_expires_at <= now:
        raise OfferExpired
    booking.status = BookingStatus.CONFIRMED
    booking.confirmed_at = now
    booking.save(update_fields=["status", "confirmed_at"])
    _email_about_booking(booking, "confirmed", with_ics=True)
    _record(booking.person, "accept_offer", booking, _("Offered place accepted"))
    return booking


@transaction.atomic
def expire_offers(*, now: datetime.datetime | None = None) -> list[int]:
    """End every offer past its time; returns the sessions whose places are free again, for
    the worker to offer to the next people."""
    now = now or timezone.now()
    due = list(
        Booking.objects.select_for_update()
        .filter(status=BookingStatus.OFFERED, offer_expires_at__lte=now)
        .select_related("person")
    )
    for booking in due:
        booking.status = BookingStatus.EXPIRED
        booking.ended_at = now
        booking.save(update_fields=["status", "ended_at"])
        _email(booking.person, "offer_expired", {"session": booking.session})
        _record(None, "expire_offers", booking, _("Offer expired"))
    return sorted({booking.session_id for booking in due})


# --- Attendance and feedback ----------------------------------------------------------------

YES = {"yes", "y", "true", "1", "attended", "ie", "do", "oedd"}
NO = {"no", "n", "false", "0", "absent", "na", "naddo", "nac oedd"}


class SessionNotStarted(Exception):
    """Attendance is recorded only once the session has started."""


class AttendanceFileInvalid(Exception):
    """Rows of an attendance file that cannot be read; nothing was saved."""

    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__(errors)
        self.errors = errors  # (row number, a code: see views.ATTENDANCE_ERRORS)


class NotAttended(Exception):
    """Only people who came to the session give feedback on it."""


class FeedbackAlreadyGiven(Exception):
    """Feedback is given once."""


def _apply_attendance(session: Session, attended_ids: set[int], now: datetime.datetime) -> int:
    confirmed = list(
        session.bookings.filter(status=BookingStatus.CONFIRMED).select_related("person")
    )
    for booking in confirmed:
        booking.attended = booking.pk in attended_ids
        if booking.attended and booking.feedback_invited_at is None:
            booking.feedback_invited_at = now
            _email(booking.person, "feedback_invitation", {"session": session, "booking": booking})
    Booking.objects.bulk_update(confirmed, ["attended", "feedback_invited_at"])
    return len(confirmed)


@transaction.atomic
def record_attendance(
    *, session: Session, attended_ids: set[int], by: Any, now: datetime.datetime | None = None
) -> Session:
    """Mark who came (the others did not); people who came are invited, once, to give
    feedback in their language."""
    now = now or timezone.now()
    session = _locked_session(session.pk)
    if session.starts_at > now:
        raise SessionNotStarted
    count = _apply_attendance(session, set(attended_ids), now)
    audit.record(
        by=by,
        action="learning.record_attendance",
        target=session,
        title=_("Attendance recorded for %(count)s people"),
        title_values={"count": count},
        organisation=session.organisation,
    )
    return session


@transaction.atomic
def import_attendance(
    *,
    session: Session,
    rows: Sequence[dict[str, str]],
    by: Any,
    now: datetime.datetime | None = None,
) -> Session:
    """Attendance from a spreadsheet (columns `email` and `attended`): all rows or none.

    Every row is checked first; any error raises `AttendanceFileInvalid` with each row's
    problem, and nothing is saved.
    """
    now = now or timezone.now()
    session = _locked_session(session.pk)
    if session.starts_at > now:
        raise SessionNotStarted
    by_email = {
        booking.person.email.lower(): booking
        for booking in session.bookings.filter(status=BookingStatus.CONFIRMED).select_related(
            "person"
        )
    }
    errors: list[tuple[int, str]] = []
    attended: set[int] = set()
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        email = str(row.get("email") or "").strip().lower()
        answer = str(row.get("attended") or "").strip().lower()
        if not email:
            errors.append((number, "no_email"))
        elif email not in by_email:
            errors.append((number, "not_booked"))
        elif email in seen:
            errors.append((number, "duplicate"))
        elif answer not in YES | NO:
            errors.append((number, "bad_answer"))
        else:
            seen.add(email)
            if answer in YES:
                attended.add(by_email[email].pk)
    if not rows:
        errors.append((1, "empty"))
    if errors:
        raise AttendanceFileInvalid(errors)
    count = _apply_attendance(session, attended, now)
    audit.record(
        by=by,
        action="learning.import_attendance",
        target=session,
        title=_("Attendance imported for %(count)s people"),
        title_values={"count": count},
        organisation=session.organisation,
    )
    return session


@transaction.atomic
def submit_feedback(
    *, booking: Booking, rating: int, was_useful: bool, would_recommend: bool, comments: str = ""
) -> Feedback:
    """The attendee's feedback, once."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.attended:
        raise NotAttended
    if Feedback.objects.filter(booking=booking).exists():
        raise FeedbackAlreadyGiven
    feedback = Feedback.objects.create(
        booking=booking,
        rating=rating,
        was_useful=was_useful,
        would_recommend=would_recommend,
        comments=comments.strip(),
    )
    audit.record(
        by=booking.person,
        action="learning.submit_feedback",
        target=feedback,
        title=_("Feedback given"),
        after=audit.snapshot(feedback, ["rating"]),
    )
    return feedback


@transaction.atomic
def erase_sensitive_answers(*, now: datetime.datetime | None = None) -> list[Booking]:
    """Erase access needs and answers to the course's questions 30 days after the session
    (run daily by `manage.py erase_learning_answers`); the booking itself is kept for reach."""
    now = now or timezone.now()
    due = list(
        Booking.objects.select_for_update()
        .filter(
            session__ends_at__lt=now - datetime.timedelta(days=SENSITIVE_KEPT_DAYS),
            answers_erased_at__isnull=True,
        )
        .exclude(access_needs="", extra_answers=[])
    )
    for booking in due:
        booking.access_needs = ""
        booking.extra_answers = []
        booking.answers_erased_at = now
        booking.save(update_fields=["access_needs", "extra_answers", "answers_erased_at"])
        audit.record(
            by=None,
            action="learning.erase_sensitive_answers",
            target=booking,
            title=_("Booking answers erased 30 days after the session"),
            organisation=booking.organisation,
        )
    return due


REMINDERS = (("week_reminder_sent_at", 7), ("day_reminder_sent_at", 1))


@transaction.atomic
def send_session_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind people with a confirmed place 7 days and 1 day before, each once, in their
    language. Each booking is marked in the same transaction as the email is queued, so a
    second run sends nothing twice. Returns how many reminders were queued."""
    now = now or timezone.now()
    sent = 0
    for field, days in REMINDERS:
        due = list(
            Booking.objects.select_for_update(of=("self",))
            .filter(
                status=BookingStatus.CONFIRMED,
                session__cancelled_at__isnull=True,
                session__starts_at__gt=now,
                session__starts_at__lte=now + datetime.timedelta(days=days),
                **{f"{field}__isnull": True},
            )
            .select_related("person", "session__course")
        )
        for booking in due:
            setattr(booking, field, now)
            if days == 7 and booking.session.starts_at <= now + datetime.timedelta(days=1):
                continue  # booked late: the one-day reminder alone is enough
            _email(
                booking.person,
                "reminder",
                {"session": booking.session, "booking": booking, "days": days},
            )
            sent += 1
        Booking.objects.bulk_update(due, [field])
    return sent


# --- Organisers' pages: creating and editing courses and sessions ------------------------------


def unique_course_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the English title, numbered when another course has it already."""
    base = slugify(title)[:90] or "course"
    taken = set(
        Course.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def create_course(*, by: Any, **fields: Any) -> Course:
    """An organiser adds a course; its slug comes from the English title and is never reused."""
    if not is_organiser(by):
        raise NotAllowed
    return save_course(slug=unique_course_slug(fields["title_en"]), by=by, **fields)


@transaction.atomic
def update_course(*, course: Course, by: Any, **fields: Any) -> Course:
    """An organiser changes a course (publishing or withdrawing it with `is_published`)."""
    if not is_organiser(by):
        raise NotAllowed
    return save_course(slug=course.slug, by=by, **fields)


class TooFewPlaces(Exception):
    """The capacity is below the places already held on the session."""


@transaction.atomic
def update_session(
    *,
    session: Session,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    delivery_language: str,
    capacity: int,
    booking_closes_at: datetime.datetime,
    place_en: str = "",
    place_cy: str = "",
    joining_link: str = "",
    organisation: Any = None,
    is_published: bool,
    by: Any,
) -> Session:
    """Change a session's time, place or places, or publish it. Under the session's row lock:
    the capacity may not drop below the places already held; freed places go to the waiting
    list through `offer_free_places`."""
    session = _locked_session(session.pk)
    if not may_manage_session(by, session):
        raise NotAllowed
    if organisation is not None and not (is_organiser(by) or can_administer(by, organisation)):
        raise NotAllowed
    if organisation is None and not is_organiser(by):
        raise NotAllowed
    if session.is_cancelled:
        raise SessionCancelled
    booking_opens_at = min(
        session.booking_opens_at, booking_closes_at - datetime.timedelta(hours=1)
    )
    if not (starts_at < ends_at and booking_opens_at < booking_closes_at <= starts_at):
        raise BadDates
    if capacity < _places_held(session):
        raise TooFewPlaces
    was_published = session.is_published
    for name, value in {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "delivery_language": delivery_language,
        "capacity": capacity,
        "booking_opens_at": booking_opens_at,
        "booking_closes_at": booking_closes_at,
        "place_en": place_en.strip(),
        "place_cy": place_cy.strip(),
        "joining_link": joining_link.strip(),
        "organisation": organisation,
        "is_published": is_published,
    }.items():
        setattr(session, name, value)
    session.save()
    audit.record(
        by=by,
        action="learning.publish_session"
        if is_published and not was_published
        else "learning.update_session",
        target=session,
        title=_("Session published")
        if is_published and not was_published
        else _("Session changed"),
        after=audit.snapshot(session, ["starts_at", "capacity", "is_published"]),
        organisation=organisation,
    )
    if is_published and not was_published and session.course.is_published:
        session_published.send(sender=Session, session=session)
    return session


# --- Booking a colleague by invitation --------------------------------------------------------


class NotAColleague(Exception):
    """Nobody with that email address is a member of a body the person belongs to."""


class InvitationAnswered(Exception):
    """The colleague has already accepted or declined this invitation."""


def colleague_by_email(*, by: Any, email: str, session: Session) -> Any:
    """The member, with that email address, of a body the person administers (for a body's
    own session, that body); else NotAColleague. NotAllowed if they administer none."""
    bodies = bodies_to_invite_from(by, session)
    if not bodies:
        raise NotAllowed
    for body in bodies:
        found = members_of(body).filter(person__email__iexact=email).exclude(person=by).first()
        if found is not None:
            return found.person
    raise NotAColleague


@transaction.atomic
def invite_colleague(*, session: Session, email: str, by: Any) -> ColleagueInvitation:
    """Book a place (or a waiting-list place) in a colleague's name and ask them to accept it.
    The same rules as booking for oneself: the row lock, no over-booking, one booking each."""
    if not may_book_session(by, session):
        raise NotAllowed
    colleague = colleague_by_email(by=by, email=email.strip(), session=session)
    if not may_see_session(colleague, session):
        raise NotAllowed
    booking = book_place(
        session=session,
        person=colleague,
        participation_language=colleague.preferred_language or "en",
        notify=False,
    )
    invitation = ColleagueInvitation.objects.create(booking=booking, invited_by=by)
    _email(
        colleague,
        "colleague_invitation",
        {"session": session, "booking": booking, "invitation": invitation, "by": by},
    )
    _record(
        by,
        "invite_colleague",
        booking,
        _("Place booked for %(person)s, who was asked to accept it"),
        person=audit.name_of(colleague),
    )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: ColleagueInvitation, now: datetime.datetime | None = None):
    """The colleague takes the place booked for them."""
    invitation = ColleagueInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_answered:
        raise InvitationAnswered
    invitation.accepted_at = now or timezone.now()
    invitation.save(update_fields=["accepted_at"])
    booking = invitation.booking
    _record(booking.person, "accept_invitation", booking, _("Invitation accepted"))
    return invitation


@transaction.atomic
def decline_invitation(*, invitation: ColleagueInvitation, now: datetime.datetime | None = None):
    """The colleague does not want the place: it is freed (and offered to the waiting list by
    the worker, `queue.queue_offers`), or they leave the waiting list."""
    invitation = ColleagueInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_answered:
        raise InvitationAnswered
    booking = invitation.booking
    if booking.status == BookingStatus.WAITING:
        leave_waiting_list(booking=booking, now=now)
    elif booking.status in HOLDS_A_PLACE:
        cancel_booking(booking=booking, by=booking.person, now=now)
    invitation.declined_at = now or timezone.now()
    invitation.save(update_fields=["declined_at"])
    return invitation
