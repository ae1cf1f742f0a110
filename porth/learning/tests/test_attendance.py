"""The attendance register (form and upload), no-show rates, and feedback."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
from porth.learning import actions, queries
from porth.learning.models import Booking, BookingStatus, Feedback

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_session():
    now = timezone.now()
    session = SessionFactory(
        starts_at=now - datetime.timedelta(hours=3),
        booking_opens_at=now - datetime.timedelta(days=20),
        booking_closes_at=now - datetime.timedelta(days=1),
    )
    for language in ("en", "cy", "en"):
        Booking.objects.create(
            session=session,
            person=UserFactory(preferred_language=language),
            status=BookingStatus.CONFIRMED,
            participation_language="en",
        )
    return session


def test_the_register_marks_who_came_and_invites_them_once_to_give_feedback(
    past_session, django_capture_on_commit_callbacks
):
    came = list(past_session.bookings.order_by("id")[:2])
    staff = CentreStaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        actions.record_attendance(session=past_session, attended_ids={b.pk for b in came}, by=staff)
        actions.record_attendance(session=past_session, attended_ids={b.pk for b in came}, by=staff)
    assert len(mail.outbox) == 2
    assert "Dywedwch wrthym beth oeddech chi'n ei feddwl" in mail.outbox[1].subject
    assert queries.no_shows(session=past_session).rate == 33


def test_an_upload_with_a_bad_row_saves_nothing_and_names_each_row(past_session):
    staff = CentreStaffFactory()
    rows = [
        {"email": past_session.bookings.first().person.email, "attended": "yes"},
        {"email": "stranger@example.org", "attended": "yes"},
        {"email": "", "attended": "no"},
    ]
    with pytest.raises(actions.AttendanceFileInvalid) as raised:
        actions.import_attendance(session=past_session, rows=rows, by=staff)
    assert raised.value.errors == [(3, "not_booked"), (4, "no_email")]
    assert not past_session.bookings.filter(attended__isnull=False).exists()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_register_page_takes_a_csv_upload_and_shows_row_errors(client, past_session, language):
    client.force_login(CentreStaffFactory())
    url = f"/{language}/learning/sessions/{past_session.pk}/register/"
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile("register.csv", b"email,attended\nnobody@example.org,maybe\n")
    html = client.post(url, {"upload": "1", "file": bad}).content.decode()
    expected = {"en": "Row 2:", "cy": "Rhes 2:"}[language]
    assert expected in html
    emails = [b.person.email for b in past_session.bookings.order_by("id")]
    good = "email,attended\n" + "\n".join(f"{email},yes" for email in emails)
    client.post(url, {"upload": "1", "file": SimpleUploadedFile("r.csv", good.encode())})
    assert past_session.bookings.filter(attended=True).count() == 3


def test_feedback_is_given_once_and_shown_only_from_five_answers(past_session):
    session = past_session
    for _ in range(2):
        Booking.objects.create(
            session=session,
            person=UserFactory(),
            status=BookingStatus.CONFIRMED,
            participation_language="en",
        )
    bookings = list(session.bookings.all())
    actions.record_attendance(
        session=session, attended_ids={b.pk for b in bookings}, by=CentreStaffFactory()
    )
    for number, booking in enumerate(bookings[:4]):
        actions.submit_feedback(
            booking=booking, rating=4, was_useful=True, would_recommend=number % 2 == 0
        )
    assert not queries.feedback_results(session=session).is_shown
    actions.submit_feedback(
        booking=bookings[4], rating=5, was_useful=False, would_recommend=True, comments="Great"
    )
    results = queries.feedback_results(session=session)
    assert results.is_shown and results.average_rating == 4.2
    assert results.useful_percent == 80 and results.recommend_percent == 60
    with pytest.raises(actions.FeedbackAlreadyGiven):
        actions.submit_feedback(
            booking=bookings[0], rating=1, was_useful=False, would_recommend=False
        )
    assert Feedback.objects.count() == 5


def test_only_people_who_came_give_feedback(client, past_session):
    booking = past_session.bookings.first()
    client.force_login(booking.person)
    response = client.get(f"/en/learning/bookings/{booking.pk}/feedback/", follow=True)
    assert "Only people who came to the session can give feedback." in response.content.decode()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_feedback_form_keeps_answers_and_free_text_stays_with_organisers(
    client, past_session, language
):
    booking = past_session.bookings.first()
    actions.record_attendance(
        session=past_session, attended_ids={booking.pk}, by=CentreStaffFactory()
    )
    client.force_login(booking.person)
    url = f"/{language}/learning/bookings/{booking.pk}/feedback/"
    html = client.post(url, {"rating": "4", "comments": "Too short"}).content.decode()
    assert "Too short" in html and "govuk-error-summary" in html
    client.post(
        url, {"rating": "4", "was_useful": "yes", "would_recommend": "no", "comments": "Too short"}
    )
    assert Feedback.objects.get().comments == "Too short"
    assert (
        "Too short"
        not in client.get(f"/{language}/learning/sessions/{past_session.pk}/").content.decode()
    )
    client.force_login(CentreStaffFactory())
    assert (
        "Too short"
        in client.get(f"/{language}/learning/sessions/{past_session.pk}/manage/").content.decode()
    )
