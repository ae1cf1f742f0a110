"""Learning pages: the catalogue and its filters, booking, the waiting list, who sees what."""

import datetime

import pytest
from django.utils import timezone

from porth.accounts.tests.factories import CentreStaffFactory, MembershipFactory, UserFactory
from porth.core.permissions import Role
from porth.learning import actions
from porth.learning.models import BookingStatus, LearnerProfile

from .factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db


def book(session, person, **kwargs):
    return actions.book_place(session=session, person=person, participation_language="en", **kwargs)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_catalogue_lists_upcoming_sessions_with_places_left(client, session, language):
    response = client.get(f"/{language}/learning/")
    assert response.status_code == 200
    html = response.content.decode()
    assert session.course.title_en if language == "en" else session.course.title_cy in html
    assert f'lang="{language}"' in html


def test_the_catalogue_filters_come_from_the_url(client):
    welsh = SessionFactory(delivery_language="cy", course=CourseFactory(topic="data"))
    english = SessionFactory(delivery_language="en")
    html = client.get("/en/learning/?language=cy").content.decode()
    assert welsh.course.title_en in html and english.course.title_en not in html
    html = client.get("/en/learning/?topic=data").content.decode()
    assert welsh.course.title_en in html and english.course.title_en not in html


def test_the_catalogue_finds_courses_by_skill_code(client):
    leadership = SessionFactory(course=CourseFactory(skill_codes=["digital-leadership"]))
    other = SessionFactory()
    html = client.get("/en/learning/?skill=digital-leadership").content.decode()
    assert leadership.course.title_en in html and other.course.title_en not in html


def test_a_full_session_is_left_out_when_asking_for_places_left(client, full_session):
    open_session = SessionFactory()
    html = client.get("/en/learning/?places_left=on").content.decode()
    assert open_session.course.title_en in html
    assert full_session.course.title_en not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date_from_day=31&date_from_month=2&date_from_year=2027", "Enter a real date"),
        (
            "date_from_day=1&date_from_month=5&date_from_year=2027"
            "&date_to_day=1&date_to_month=4&date_to_year=2027",
            "must be the same as or after",
        ),
    ],
)
def test_bad_dates_in_the_filters_get_a_clear_message(client, session, query, message):
    response = client.get(f"/en/learning/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_body_s_own_session_is_seen_only_by_its_members(client, organisation, member, outsider):
    private = SessionFactory(organisation=organisation)
    assert private.course.title_en not in client.get("/en/learning/").content.decode()
    assert client.get(f"/en/learning/sessions/{private.pk}/").status_code == 302
    client.force_login(outsider)
    assert private.course.title_en not in client.get("/en/learning/").content.decode()
    assert client.get(f"/en/learning/sessions/{private.pk}/").status_code == 403
    client.force_login(member)
    assert private.course.title_en in client.get("/en/learning/").content.decode()
    assert client.get(f"/en/learning/sessions/{private.pk}/").status_code == 200


@pytest.mark.parametrize("language", ["en", "cy"])
def test_booking_asks_the_role_once_and_confirms_the_place(
    client, session, language, django_capture_on_commit_callbacks
):
    person = UserFactory()
    client.force_login(person)
    url = f"/{language}/learning/sessions/{session.pk}/book/"
    assert 'name="role_category"' in client.get(url).content.decode()
    response = client.post(url, {"participation_language": "cy"})
    assert response.status_code == 200, "a missing answer shows the form again"
    assert "govuk-error-summary" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"participation_language": "cy", "role_category": "senior_leader"}
        )
    booking = person.learning_bookings.get()
    assert response["Location"] == f"/{language}/learning/bookings/{booking.pk}/"
    assert booking.status == BookingStatus.CONFIRMED
    other = SessionFactory()
    html = client.get(f"/{language}/learning/sessions/{other.pk}/book/").content.decode()
    assert 'name="role_category"' not in html


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "You are 2nd on the waiting list"), ("cy", "Chi yw rhif 2 ar y rhestr aros")],
)
def test_people_waiting_see_their_place_in_the_queue(client, full_session, language, text):
    book(full_session, UserFactory())
    booking = book(full_session, UserFactory())
    client.force_login(booking.person)
    html = client.get(f"/{language}/learning/bookings/{booking.pk}/").content.decode()
    assert text in html


def test_a_person_never_sees_another_person_s_booking(client, session):
    booking = book(session, UserFactory(), access_needs="Wheelchair space")
    client.force_login(UserFactory())
    for path in ("", "calendar.ics", "cancel/"):
        response = client.get(f"/en/learning/bookings/{booking.pk}/{path}")
        assert response.status_code == 403
    client.force_login(CentreStaffFactory())
    assert client.get(f"/en/learning/bookings/{booking.pk}/").status_code == 403


def test_a_duplicate_booking_is_sent_to_the_booking_it_already_has(client, session):
    person = UserFactory()
    booking = book(session, person)
    client.force_login(person)
    response = client.get(f"/en/learning/sessions/{session.pk}/book/", follow=True)
    assert "You have already booked this session." in response.content.decode()
    assert response.redirect_chain[-1][0] == f"/en/learning/bookings/{booking.pk}/"


def test_posting_the_booking_form_again_goes_to_the_booking_it_already_has(client, session):
    """The POST is not checked before the action: the action's AlreadyBooked leads there."""
    person = UserFactory()
    booking = book(session, person)
    client.force_login(person)
    response = client.post(
        f"/en/learning/sessions/{session.pk}/book/",
        {"participation_language": "en", "access_needs": "", "role_category": "practitioner"},
        follow=True,
    )
    assert "You have already booked this session." in response.content.decode()
    assert response.redirect_chain[-1][0] == f"/en/learning/bookings/{booking.pk}/"
    assert session.bookings.count() == 1


def test_booking_a_closed_session_says_so_in_welsh(client):
    now = timezone.now()
    session = SessionFactory(
        booking_opens_at=now - datetime.timedelta(days=5),
        booking_closes_at=now - datetime.timedelta(days=1),
    )
    client.force_login(UserFactory())
    response = client.post(
        f"/cy/learning/sessions/{session.pk}/book/",
        {"participation_language": "cy", "role_category": "other"},
        follow=True,
    )
    assert "Nid yw archebu ar agor ar gyfer y sesiwn hon." in response.content.decode()
    assert not LearnerProfile.objects.exists(), "a refused booking saves nothing"


def test_cancelling_offers_the_place_through_the_worker_and_accepting_confirms_it(
    client, full_session, django_capture_on_commit_callbacks
):
    leaver = full_session.bookings.first()
    waiting = book(full_session, UserFactory())
    client.force_login(leaver.person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/learning/bookings/{leaver.pk}/cancel/")
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.OFFERED
    client.force_login(waiting.person)
    client.post(f"/en/learning/bookings/{waiting.pk}/accept/")
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.CONFIRMED


def test_leaving_the_waiting_list_is_one_post(client, full_session):
    waiting = book(full_session, UserFactory())
    client.force_login(waiting.person)
    client.post(f"/en/learning/bookings/{waiting.pk}/leave/")
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.LEFT


def test_only_organisers_and_the_body_s_admins_manage_a_session(client, organisation):
    private = SessionFactory(organisation=organisation)
    client.force_login(MembershipFactory(organisation=organisation, role=Role.MEMBER).person)
    assert client.get(f"/en/learning/sessions/{private.pk}/manage/").status_code == 403
    client.force_login(MembershipFactory(organisation=organisation, role=Role.ADMIN).person)
    assert client.get(f"/en/learning/sessions/{private.pk}/manage/").status_code == 200
    open_session = SessionFactory()
    assert client.get(f"/en/learning/sessions/{open_session.pk}/manage/").status_code == 403
    organiser = UserFactory()
    actions.grant_organiser(person=organiser, by=CentreStaffFactory())
    client.force_login(organiser)
    assert client.get(f"/en/learning/sessions/{open_session.pk}/manage/").status_code == 200


def test_centre_staff_move_someone_up_only_with_a_reason(client, full_session):
    book(full_session, UserFactory())
    second = book(full_session, UserFactory())
    client.force_login(CentreStaffFactory())
    url = f"/en/learning/bookings/{second.pk}/move-up/"
    response = client.post(url, {"reason": ""})
    assert "Enter the reason for moving this person up" in response.content.decode()
    client.post(url, {"reason": "Their body has nobody trained yet"})
    second.refresh_from_db()
    assert (
        second.queued_at
        < full_session.bookings.filter(status="waiting").exclude(pk=second.pk).get().queued_at
    )


def test_the_catalogue_is_served_as_icalendar_and_atom_without_private_sessions(
    client, session, organisation
):
    private = SessionFactory(organisation=organisation)
    ics = client.get("/en/learning/sessions.ics").content.decode()
    assert ics.startswith("BEGIN:VCALENDAR") and f"session-{session.pk}@" in ics
    assert f"session-{private.pk}@" not in ics
    atom = client.get("/cy/learning/sessions.atom").content.decode()
    assert session.course.title_cy in atom and private.course.title_cy not in atom


def test_your_bookings_shows_waiting_positions_in_a_fixed_number_of_queries(
    client, full_session, django_assert_max_num_queries
):
    person = UserFactory()
    for _ in range(3):
        book(full_session, UserFactory())
    book(full_session, person)
    for _ in range(3):
        book(SessionFactory(capacity=0), person)
    client.force_login(person)
    with django_assert_max_num_queries(12):
        html = client.get("/en/learning/bookings/").content.decode()
    assert "You are 4th on the waiting list." in html
    assert html.count("You are 1st on the waiting list.") == 3
