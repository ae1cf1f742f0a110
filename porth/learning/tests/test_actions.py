"""Booking, cancelling, the waiting list and offers, through the actions."""

import datetime
import types

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from porth.accounts.tests.factories import CentreStaffFactory, MembershipFactory, UserFactory
from porth.core.models import AuditEntry
from porth.core.permissions import Role
from porth.learning import actions, emails, queries
from porth.learning.models import Booking, BookingStatus, LearnerProfile

from .factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db


def book(session, person=None, **kwargs):
    return actions.book_place(
        session=session, person=person or UserFactory(), participation_language="en", **kwargs
    )


def test_a_free_place_is_confirmed_and_emailed_with_a_calendar_file(
    session, django_capture_on_commit_callbacks
):
    person = UserFactory(preferred_language="cy")
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(session, person, access_needs="Captions")
    assert booking.status == BookingStatus.CONFIRMED
    message = mail.outbox[-1]
    assert message.to == [person.email]
    assert "Mae eich lle wedi'i archebu" in message.subject
    filename, content, mimetype = message.attachments[0]
    assert filename == "session.ics" and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "DTSTART:" in content


def test_a_full_session_puts_people_on_the_waiting_list(full_session):
    booking = book(full_session)
    assert booking.status == BookingStatus.WAITING
    assert queries.waiting_position(booking) == 1
    assert queries.waiting_position(book(full_session)) == 2


def test_the_same_person_cannot_book_twice(session):
    person = UserFactory()
    book(session, person)
    with pytest.raises(actions.AlreadyBooked):
        book(session, person)


def test_booking_refuses_closed_cancelled_and_past_sessions():
    now = timezone.now()
    closed = SessionFactory(booking_opens_at=now + datetime.timedelta(days=1))
    with pytest.raises(actions.BookingClosed):
        book(closed)
    past = SessionFactory(
        starts_at=now - datetime.timedelta(hours=1),
        booking_opens_at=now - datetime.timedelta(days=3),
        booking_closes_at=now - datetime.timedelta(days=1),
    )
    with pytest.raises(actions.SessionInPast):
        book(past)
    cancelled = SessionFactory(cancelled_at=now)
    with pytest.raises(actions.SessionCancelled):
        book(cancelled)


def test_scheduling_a_session_with_dates_out_of_order_is_refused(session):
    staff = CentreStaffFactory()
    with pytest.raises(actions.BadDates):
        actions.schedule_session(
            course=session.course,
            starts_at=session.starts_at,
            ends_at=session.starts_at - datetime.timedelta(hours=1),
            delivery_language="en",
            capacity=10,
            booking_opens_at=session.booking_opens_at,
            booking_closes_at=session.booking_closes_at,
            by=staff,
        )


def test_an_organisation_admin_publishes_sessions_only_for_their_own_body(
    organisation, other_organisation
):
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN).person
    course = CourseFactory()
    now = timezone.now()
    times = {
        "starts_at": now + datetime.timedelta(days=5),
        "ends_at": now + datetime.timedelta(days=5, hours=1),
        "booking_opens_at": now,
        "booking_closes_at": now + datetime.timedelta(days=4),
    }
    own = actions.schedule_session(
        course=course,
        delivery_language="cy",
        capacity=5,
        organisation=organisation,
        by=admin,
        **times,
    )
    assert own.organisation == organisation
    with pytest.raises(actions.NotAllowed):
        actions.schedule_session(
            course=course, delivery_language="cy", capacity=5, by=admin, **times
        )
    with pytest.raises(actions.NotAllowed):
        actions.schedule_session(
            course=course,
            delivery_language="cy",
            capacity=5,
            organisation=other_organisation,
            by=admin,
            **times,
        )


def test_cancelling_frees_the_place_and_the_worker_offers_it_to_the_next_person(
    full_session, django_capture_on_commit_callbacks
):
    first_booked = full_session.bookings.order_by("id").first()
    waiting = book(full_session, UserFactory(preferred_language="cy"))
    actions.cancel_booking(booking=first_booked, by=first_booked.person)
    with django_capture_on_commit_callbacks(execute=True):
        offers = actions.offer_free_places(session_id=full_session.pk)
    assert [offer.pk for offer in offers] == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.OFFERED
    assert waiting.offer_expires_at - waiting.offered_at == datetime.timedelta(hours=48)
    assert "Mae lle wedi dod ar gael" in mail.outbox[-1].subject


def test_a_retried_offer_task_never_makes_two_offers_for_one_place(full_session):
    booking = full_session.bookings.first()
    book(full_session)
    book(full_session)
    actions.cancel_booking(booking=booking, by=booking.person)
    assert len(actions.offer_free_places(session_id=full_session.pk)) == 1
    assert actions.offer_free_places(session_id=full_session.pk) == []
    assert full_session.bookings.filter(status=BookingStatus.OFFERED).count() == 1


def test_accepting_an_offer_confirms_the_place(full_session, django_capture_on_commit_callbacks):
    booking = full_session.bookings.first()
    waiting = book(full_session)
    actions.cancel_booking(booking=booking, by=booking.person)
    actions.offer_free_places(session_id=full_session.pk)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = actions.accept_offer(booking=waiting)
    assert accepted.status == BookingStatus.CONFIRMED
    assert mail.outbox[-1].attachments


def test_an_expired_offer_passes_to_the_next_person(full_session):
    booking = full_session.bookings.first()
    first, second = book(full_session), book(full_session)
    actions.cancel_booking(booking=booking, by=booking.person)
    actions.offer_free_places(session_id=full_session.pk)
    later = timezone.now() + datetime.timedelta(hours=49)
    assert actions.expire_offers(now=later) == [full_session.pk]
    with pytest.raises(actions.OfferExpired):
        actions.accept_offer(booking=first, now=later)
    offers = actions.offer_free_places(session_id=full_session.pk, now=later)
    assert [offer.pk for offer in offers] == [second.pk]
    assert AuditEntry.objects.filter(action="learning.expire_offers").count() == 1


def test_people_cannot_cancel_after_the_cut_off(session):
    booking = book(session)
    with pytest.raises(actions.TooLateToCancel):
        actions.cancel_booking(
            booking=booking, by=booking.person, now=session.starts_at - datetime.timedelta(hours=1)
        )


def test_leaving_the_waiting_list_moves_the_others_up(full_session):
    first, second = book(full_session), book(full_session)
    actions.leave_waiting_list(booking=first)
    assert queries.waiting_position(second) == 1
    with pytest.raises(actions.NotOnWaitingList):
        actions.leave_waiting_list(booking=first)


def test_centre_staff_move_someone_up_with_a_reason_that_is_kept(full_session):
    first, second = book(full_session), book(full_session)
    staff = CentreStaffFactory()
    with pytest.raises(actions.ReasonRequired):
        actions.move_up(booking=second, reason="  ", by=staff)
    second = actions.move_up(booking=second, reason="Their body has nobody trained yet", by=staff)
    assert queries.waiting_position(second) == 1
    assert queries.waiting_position(first) == 2
    entry = AuditEntry.objects.get(action="learning.move_up")
    assert "nobody trained yet" in entry.title["en"]
    with pytest.raises(actions.NotAllowed):
        actions.move_up(booking=first, reason="Friend", by=first.person)


def test_cancelling_a_session_tells_everyone_and_releases_their_places(
    full_session, django_capture_on_commit_callbacks
):
    waiting = book(full_session)
    staff = CentreStaffFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_session(session=full_session, by=staff)
    assert len(mail.outbox) == 3
    assert not Booking.objects.filter(
        session=full_session, status__in=["confirmed", "offered", "waiting"]
    ).exists()
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.SESSION_CANCELLED


def test_the_role_category_is_kept_on_the_profile_and_the_booking(session):
    person = UserFactory()
    actions.save_learner_profile(person=person, role_category="elected_member")
    assert book(session, person).role_category == "elected_member"


def test_sensitive_answers_are_erased_30_days_after_the_session(session):
    booking = book(session, access_needs="Hearing loop", extra_answers=["More on agile"])
    assert actions.erase_sensitive_answers(now=session.ends_at + datetime.timedelta(days=29)) == []
    erased = actions.erase_sensitive_answers(now=session.ends_at + datetime.timedelta(days=31))
    assert [b.pk for b in erased] == [booking.pk]
    booking.refresh_from_db()
    assert booking.access_needs == "" and booking.extra_answers == []
    assert booking.status == BookingStatus.CONFIRMED, "the booking itself is kept for reach"
    assert actions.erase_sensitive_answers(now=session.ends_at + datetime.timedelta(days=32)) == []


def test_the_joining_link_is_shown_only_to_confirmed_people_from_half_an_hour_before(full_session):
    confirmed = full_session.bookings.first()
    waiting = book(full_session)
    before = full_session.starts_at - datetime.timedelta(minutes=31)
    soon = full_session.starts_at - datetime.timedelta(minutes=29)
    assert queries.joining_link_for(confirmed, now=before) == ""
    assert queries.joining_link_for(confirmed, now=soon) == full_session.joining_link
    assert queries.joining_link_for(waiting, now=soon) == ""


def test_reminders_go_a_week_and_a_day_before_each_once(
    session, django_capture_on_commit_callbacks
):
    booking = book(session, UserFactory(preferred_language="cy"))
    week = session.starts_at - datetime.timedelta(days=6)
    day = session.starts_at - datetime.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_session_reminders(now=week) == 1
        assert actions.send_session_reminders(now=week) == 0
        assert actions.send_session_reminders(now=day) == 1
        assert actions.send_session_reminders(now=day) == 0
    assert [m.subject.split(":")[0] for m in mail.outbox[-2:]] == ["Wythnos nesaf", "Yfory"]
    booking.refresh_from_db()
    assert booking.week_reminder_sent_at and booking.day_reminder_sent_at


def test_a_booking_queues_only_its_id_and_the_worker_renders_the_email(
    session, django_capture_on_commit_callbacks, monkeypatch
):
    """The request does not render the message or its calendar file (ADR 0064)."""
    from porth.learning import emails

    queued = []
    monkeypatch.setattr(
        emails,
        "send_booking_email_later",
        types.SimpleNamespace(enqueue=lambda **kwargs: queued.append(kwargs)),
    )
    rendered = []
    monkeypatch.setattr(emails, "render_to_string", lambda *a, **k: rendered.append(a) or "")
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(session)

    assert queued == [{"booking_id": booking.pk, "template": "confirmed", "with_ics": True}]
    assert rendered == []
    assert mail.outbox == []


def test_the_worker_sends_the_booking_email_in_the_persons_language(session):
    booking = book(session, UserFactory(preferred_language="cy"))
    mail.outbox.clear()

    assert emails.send_booking_email(booking_id=booking.pk, template="waiting") is True
    assert mail.outbox[-1].subject.startswith("Rydych ar y rhestr aros: ")
    assert mail.outbox[-1].attachments == []


def test_a_booking_email_for_a_booking_that_is_gone_sends_nothing(session):
    booking = book(session)
    mail.outbox.clear()
    Booking.objects.filter(pk=booking.pk).delete()

    assert emails.send_booking_email(booking_id=booking.pk, template="confirmed") is False
    assert mail.outbox == []


def test_only_the_booking_emails_can_be_queued_by_id(session):
    with pytest.raises(ValueError):
        emails.send_booking_email(booking_id=1, template="../../secrets")


def test_a_persons_learner_role_is_none_until_they_have_a_profile():
    person = UserFactory()
    assert queries.learner_role(person) is None

    LearnerProfile.objects.create(person=person, role_category="senior_leader")
    assert queries.learner_role(person) == "senior_leader"


def test_a_booking_records_the_role_its_caller_read_without_reading_it_again(session):
    person = UserFactory()
    LearnerProfile.objects.create(person=person, role_category="elected_member")
    with CaptureQueriesContext(connection) as counted:
        booking = book(session, person, profile_role="elected_member")
    assert booking.role_category == "elected_member"
    assert not any("learning_learnerprofile" in q["sql"] for q in counted.captured_queries)


def test_the_counts_under_the_booking_lock_match_the_same_counts_through_the_orm(full_session):
    """`_counts_under_lock` is SQL written out; it must count what the ORM would."""
    from django.db.models import Count, Q

    from porth.learning.models import HOLDS_A_PLACE

    waiting = book(full_session)
    book(full_session)
    someone = Booking.objects.filter(session=full_session, status=BookingStatus.CONFIRMED).first()
    for person_id in (someone.person_id, waiting.person_id, UserFactory().pk):
        expected = full_session.bookings.filter(
            status__in=[*HOLDS_A_PLACE, BookingStatus.WAITING]
        ).aggregate(
            held=Count("id", filter=Q(status__in=HOLDS_A_PLACE)),
            waiting=Count("id", filter=Q(status=BookingStatus.WAITING)),
            mine=Count("id", filter=Q(person_id=person_id)),
        )
        assert actions._counts_under_lock(session_id=full_session.pk, person_id=person_id) == (
            expected["held"],
            expected["waiting"],
            expected["mine"],
        )
    assert expected["held"] >= 1 and expected["waiting"] == 2
