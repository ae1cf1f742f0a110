"""The private calendar feed: a person's confirmed places at a secret address they can reset."""

import pytest

from porth.accounts.tests.factories import UserFactory
from porth.learning import actions, queries

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def booked_person(session, **kwargs):
    person = UserFactory()
    actions.book_place(
        session=session,
        person=person,
        participation_language="en",
        role_category="practitioner",
        **kwargs,
    )
    return person


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_calendar_page_shows_the_private_address(client, session, language):
    person = booked_person(session)
    client.force_login(person)
    html = client.get(f"/{language}/learning/calendar/").content.decode()
    token = queries.calendar_token_of(person)
    assert token and f"/{language}/learning/calendar/{token}.ics" in html
    assert f'lang="{language}"' in html


def test_the_feed_is_a_calendar_of_the_persons_confirmed_places(client, session):
    person = booked_person(session)
    other = SessionFactory(course__title_en="Someone else's course")
    booked_person(other)
    token = queries.calendar_token_of(person)
    response = client.get(f"/en/learning/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"]
    text = response.content.decode()
    assert "BEGIN:VCALENDAR" in text and session.course.title_en in text
    assert "Someone else" not in text


def test_a_cancelled_place_leaves_the_feed(client, session):
    person = booked_person(session)
    booking = person.learning_bookings.get()
    actions.cancel_booking(booking=booking, by=person)
    token = queries.calendar_token_of(person)
    text = client.get(f"/en/learning/calendar/{token}.ics").content.decode()
    assert session.course.title_en not in text


def test_an_unknown_address_is_not_found(client):
    assert client.get("/en/learning/calendar/nobody.ics").status_code == 404


def test_resetting_the_address_stops_the_old_one(client, session):
    person = booked_person(session)
    old = queries.calendar_token_of(person)
    client.force_login(person)
    response = client.post("/en/learning/calendar/")
    assert response.status_code == 302
    new = queries.calendar_token_of(person)
    assert new != old
    assert client.get(f"/en/learning/calendar/{old}.ics").status_code == 404
    assert client.get(f"/en/learning/calendar/{new}.ics").status_code == 200


def test_someone_who_has_never_booked_is_told_how_to_get_an_address(client):
    client.force_login(UserFactory())
    html = client.get("/en/learning/calendar/").content.decode()
    assert "when you first book" in html
