"""Recordings, slides and captions: organisers add them; people who came see them after the
session; people who did not come, or did not book, do not."""

import datetime

import pytest
from django.utils import timezone

from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
from porth.learning import actions
from porth.learning.models import Booking, BookingStatus

from .factories import SessionFactory

pytestmark = pytest.mark.django_db

MATERIAL = {
    "kind": "recording",
    "title_en": "Recording of the session",
    "title_cy": "Recordiad y sesiwn",
    "url": "https://video.example.org/session-1",
    "language": "bilingual",
}


@pytest.fixture
def past_session(db):
    now = timezone.now()
    return SessionFactory(
        starts_at=now - datetime.timedelta(days=2),
        booking_opens_at=now - datetime.timedelta(days=30),
        booking_closes_at=now - datetime.timedelta(days=3),
    )


def place(session, *, attended=None):
    person = UserFactory()
    Booking.objects.create(
        session=session,
        person=person,
        status=BookingStatus.CONFIRMED,
        participation_language="en",
        attended=attended,
    )
    return person


def test_an_organiser_adds_a_recording_through_the_page(client, past_session):
    client.force_login(CentreStaffFactory())
    response = client.post(f"/en/learning/sessions/{past_session.pk}/materials/", MATERIAL)
    assert response.status_code == 302
    assert past_session.materials.get().title_en == "Recording of the session"


def test_a_bad_link_is_refused_with_a_message(client, past_session):
    client.force_login(CentreStaffFactory())
    response = client.post(
        f"/cy/learning/sessions/{past_session.pk}/materials/", {**MATERIAL, "url": "not a link"}
    )
    assert response.status_code == 200
    assert not past_session.materials.exists()
    assert "Gwall: " in response.content.decode()


def test_someone_who_is_not_an_organiser_cannot_add_materials(past_session):
    with pytest.raises(actions.NotAllowed):
        actions.add_material(session=past_session, by=UserFactory(), **MATERIAL)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_people_who_came_see_the_materials_and_others_do_not(client, past_session, language):
    actions.add_material(session=past_session, by=CentreStaffFactory(), **MATERIAL)
    came = place(past_session, attended=True)
    absent = place(past_session, attended=False)
    stranger = UserFactory()
    title = MATERIAL["title_en"] if language == "en" else MATERIAL["title_cy"]
    url = f"/{language}/learning/sessions/{past_session.pk}/"
    client.force_login(came)
    assert title in client.get(url).content.decode()
    for person in (absent, stranger):
        client.force_login(person)
        assert MATERIAL["url"] not in client.get(url).content.decode()
    client.logout()
    assert MATERIAL["url"] not in client.get(url).content.decode()


def test_materials_are_not_shown_before_the_session_starts(client, session):
    actions.add_material(session=session, by=CentreStaffFactory(), **MATERIAL)
    client.force_login(place(session))
    html = client.get(f"/en/learning/sessions/{session.pk}/").content.decode()
    assert MATERIAL["url"] not in html
