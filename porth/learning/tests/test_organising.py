"""Organisers' pages: creating, editing and publishing courses and sessions; organisation
admins publish sessions private to their own body, and nobody else's."""

import datetime

import pytest
from django.utils import timezone

from porth.accounts.tests.factories import CentreStaffFactory, MembershipFactory, UserFactory
from porth.core.permissions import Role
from porth.learning import actions
from porth.learning.models import Course, Session

from .factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.now().year + 1


@pytest.fixture
def organiser(db):
    person = UserFactory()
    actions.grant_organiser(person=person, by=CentreStaffFactory())
    return person


def course_data(**changes):
    return {
        "title_en": "Service design basics",
        "title_cy": "Hanfodion dylunio gwasanaethau",
        "summary_en": "How to start with users.",
        "summary_cy": "Sut i ddechrau gyda defnyddwyr.",
        "description_en": "",
        "description_cy": "",
        "topic": "user_centred_design",
        "audience": "practitioners",
        "format": "online",
        "length_minutes": "90",
        "skill_codes": "user-research, service-design",
        "is_published": "on",
        **changes,
    }


def session_data(**changes):
    return {
        "date_day": "3",
        "date_month": "2",
        "date_year": str(NEXT_YEAR),
        "start_time": "10:00",
        "end_time": "11:30",
        "delivery_language": "bilingual",
        "place_en": "",
        "place_cy": "",
        "joining_link": "https://meet.example.org/abc",
        "capacity": "25",
        "booking_closes_hours": "2",
        "audience": "open",
        "is_published": "on",
        **changes,
    }


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_organiser_creates_a_course_in_both_languages(client, organiser, language):
    client.force_login(organiser)
    assert client.get(f"/{language}/learning/courses/new/").status_code == 200
    response = client.post(f"/{language}/learning/courses/new/", course_data())
    course = Course.objects.get(title_en="Service design basics")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/learning/courses/{course.pk}/sessions/")
    assert course.slug == "service-design-basics"
    assert course.skill_codes == ["user-research", "service-design"]
    assert course.is_published


def test_a_second_course_with_the_same_title_gets_its_own_slug(organiser):
    fields = {k: v for k, v in course_data().items() if k != "skill_codes"}
    fields.update(length_minutes=60, is_published=True)
    first = actions.create_course(by=organiser, **fields)
    second = actions.create_course(by=organiser, **fields)
    assert first.pk != second.pk and second.slug == "service-design-basics-2"


@pytest.mark.parametrize(
    "language,message", [("en", "Enter the title in Welsh"), ("cy", "Rhowch y teitl yn Gymraeg")]
)
def test_the_course_form_keeps_what_was_typed_and_explains_in_the_page_s_language(
    client, organiser, language, message
):
    client.force_login(organiser)
    response = client.post(f"/{language}/learning/courses/new/", course_data(title_cy=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Service design basics"' in html
    assert not Course.objects.exists()


def test_an_organiser_edits_a_course_and_withdraws_it(client, organiser):
    course = CourseFactory()
    client.force_login(organiser)
    page = client.get(f"/en/learning/courses/{course.pk}/edit/").content.decode()
    assert f'value="{course.title_en}"' in page
    data = course_data(title_en="New title")
    del data["is_published"]
    client.post(f"/en/learning/courses/{course.pk}/edit/", data)
    course.refresh_from_db()
    assert course.title_en == "New title" and not course.is_published
    assert course.slug.startswith("course-")


def test_an_organiser_publishes_a_session_that_then_appears_in_the_catalogue(client, organiser):
    course = CourseFactory(title_en="Service design basics")
    client.force_login(organiser)
    response = client.post(f"/en/learning/courses/{course.pk}/sessions/new/", session_data())
    assert response.status_code == 302
    session = Session.objects.get(course=course)
    local = timezone.localtime(session.starts_at, datetime.UTC)
    # 10:00 in London in February is 10:00 UTC.
    assert (local.hour, local.minute) == (10, 0)
    assert session.organisation is None and session.is_published
    assert session.booking_closes_at == session.starts_at - datetime.timedelta(hours=2)
    client.logout()
    assert "Service design basics" in client.get("/en/learning/").content.decode()


def test_a_draft_session_stays_out_of_the_catalogue_until_published(client, organiser):
    course = CourseFactory(title_en="Service design basics")
    client.force_login(organiser)
    data = session_data()
    del data["is_published"]
    client.post(f"/en/learning/courses/{course.pk}/sessions/new/", data)
    session = Session.objects.get(course=course)
    assert not session.is_published
    assert "Service design basics" not in client.get("/en/learning/").content.decode()
    client.post(f"/en/learning/sessions/{session.pk}/edit/", session_data())
    session.refresh_from_db()
    assert session.is_published
    assert "Service design basics" in client.get("/en/learning/").content.decode()


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"end_time": "09:00"}, "The end time must be after the start time"),
        ({"start_time": "25:00"}, "Enter a real time, for example 14:30"),
        ({"date_year": "2001"}, "The session must start in the future"),
        ({"joining_link": ""}, "Enter the place, or an online joining link"),
        ({"joining_link": "", "place_en": "Cardiff"}, "Enter the place in both Welsh and English"),
        ({"capacity": "0"}, "There must be at least 1 place"),
        ({"date_month": "13"}, "The month must be a number from 1 to 12"),
    ],
)
def test_the_session_form_refuses_bad_input_and_keeps_what_was_typed(
    client, organiser, changes, message
):
    course = CourseFactory()
    client.force_login(organiser)
    data = session_data(**changes)
    response = client.post(f"/en/learning/courses/{course.pk}/sessions/new/", data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert f'value="{data["capacity"]}"' in html and f'value="{data["start_time"]}"' in html
    assert not Session.objects.exists()


def test_the_session_form_explains_in_welsh(client, organiser):
    client.force_login(organiser)
    course = CourseFactory()
    html = client.post(
        f"/cy/learning/courses/{course.pk}/sessions/new/", session_data(end_time="09:00")
    ).content.decode()
    assert "Rhaid i’r amser gorffen fod ar ôl yr amser dechrau" in html


def test_an_organisation_admin_publishes_a_session_for_their_own_body_only(
    client, organisation, organisation_admin, other_organisation
):
    course = CourseFactory()
    client.force_login(organisation_admin)
    page = client.get(f"/en/learning/courses/{course.pk}/sessions/new/").content.decode()
    assert organisation.name_en in page
    assert other_organisation.name_en not in page
    assert "Anyone in the Welsh public sector" not in page
    # Neither open to everyone nor another body's: the choice is refused.
    for audience in ("open", str(other_organisation.pk)):
        response = client.post(
            f"/en/learning/courses/{course.pk}/sessions/new/", session_data(audience=audience)
        )
        assert response.status_code == 200
    assert not Session.objects.exists()
    client.post(
        f"/en/learning/courses/{course.pk}/sessions/new/",
        session_data(audience=str(organisation.pk)),
    )
    session = Session.objects.get()
    assert session.organisation == organisation and session.is_published
    # Seen by the body's members, not by anyone else.
    member = UserFactory()
    MembershipFactory(person=member, organisation=organisation, role=Role.MEMBER)
    client.force_login(member)
    assert client.get(f"/en/learning/sessions/{session.pk}/").status_code == 200
    client.force_login(UserFactory())
    assert client.get(f"/en/learning/sessions/{session.pk}/").status_code == 403


def test_an_organisation_admin_cannot_change_another_body_s_session(client, organisation, outsider):
    session = SessionFactory(organisation=organisation)
    client.force_login(outsider)
    assert client.get(f"/en/learning/sessions/{session.pk}/edit/").status_code == 403
    assert (
        client.post(f"/en/learning/sessions/{session.pk}/edit/", session_data()).status_code == 403
    )


def test_people_who_are_not_organisers_cannot_create_or_edit_courses(client, outsider):
    course = CourseFactory()
    client.force_login(outsider)
    assert client.get("/en/learning/courses/").status_code == 403
    assert client.post("/en/learning/courses/new/", course_data()).status_code == 403
    assert client.post(f"/en/learning/courses/{course.pk}/edit/", course_data()).status_code == 403
    client.force_login(UserFactory())
    assert client.get(f"/en/learning/courses/{course.pk}/sessions/new/").status_code == 403


def test_a_session_cannot_shrink_below_the_places_taken(client, organiser):
    session = SessionFactory(capacity=3)
    for _ in range(2):
        actions.book_place(session=session, person=UserFactory(), participation_language="en")
    client.force_login(organiser)
    response = client.post(f"/en/learning/sessions/{session.pk}/edit/", session_data(capacity="1"))
    assert "There are more places booked than that" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 3


def test_more_places_on_a_full_session_go_to_the_waiting_list(client, organiser, full_session):
    waiting = actions.book_place(
        session=full_session, person=UserFactory(), participation_language="en"
    )
    assert waiting.is_waiting
    client.force_login(organiser)
    client.post(f"/en/learning/sessions/{full_session.pk}/edit/", session_data(capacity="3"))
    actions.offer_free_places(session_id=full_session.pk)
    waiting.refresh_from_db()
    assert waiting.is_offered


def test_the_organiser_s_course_list_is_paginated_and_shows_drafts(client, organiser):
    CourseFactory.create_batch(21, is_published=False)
    client.force_login(organiser)
    html = client.get("/en/learning/courses/").content.decode()
    assert "Draft" in html and "govuk-pagination" in html


def test_the_catalogue_links_organisers_to_their_courses(client, organiser):
    client.force_login(organiser)
    assert "/en/learning/courses/" in client.get("/en/learning/").content.decode()
    client.force_login(UserFactory())
    assert "/en/learning/courses/" not in client.get("/en/learning/").content.decode()
