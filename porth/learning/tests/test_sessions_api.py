"""/api/v1/learning-sessions/: published upcoming open sessions, with places left, in the open
API's conventions (pagination with the licence, bilingual codes, filters that refuse nonsense)."""

import datetime

import pytest
from django.utils import timezone

from porth.accounts.tests.factories import UserFactory
from porth.learning import actions

from .factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/learning-sessions/"


def test_the_api_lists_open_published_upcoming_sessions_with_places_left(client, organisation):
    session = SessionFactory(capacity=3, delivery_language="cy")
    actions.book_place(session=session, person=UserFactory(), participation_language="cy")
    SessionFactory(organisation=organisation)  # a body's own: never listed
    SessionFactory(is_published=False)
    SessionFactory(course=CourseFactory(is_published=False))
    SessionFactory(cancelled_at=timezone.now())
    SessionFactory(
        starts_at=timezone.now() - datetime.timedelta(days=1),
        booking_opens_at=timezone.now() - datetime.timedelta(days=3),
        booking_closes_at=timezone.now() - datetime.timedelta(days=2),
    )
    body = client.get(URL).json()
    assert body["count"] == 1 and "licence" in body
    item = body["results"][0]
    assert item["id"] == session.pk
    assert item["places_left"] == 2 and item["capacity"] == 3
    assert item["language"] == {"code": "cy", "name_en": "Welsh", "name_cy": "Cymraeg"}
    assert item["course"]["title_cy"] == session.course.title_cy
    assert item["course"]["format"]["code"] == "online"
    assert "joining_link" not in item
    assert item["url"].endswith(f"/en/learning/sessions/{session.pk}/")


def test_one_session_and_a_private_one_is_not_found(client, organisation):
    session = SessionFactory()
    private = SessionFactory(organisation=organisation)
    assert client.get(f"{URL}{session.pk}/").json()["id"] == session.pk
    assert client.get(f"{URL}{private.pk}/").status_code == 404


def test_the_api_filters_sessions_and_refuses_nonsense_in_welsh_and_english(client):
    full = SessionFactory(capacity=1, course=CourseFactory(topic="data"))
    actions.book_place(session=full, person=UserFactory(), participation_language="en")
    open_one = SessionFactory(delivery_language="en")
    ids = lambda query: [item["id"] for item in client.get(URL + query).json()["results"]]  # noqa: E731
    assert ids("?has_places=true") == [open_one.pk]
    assert ids("?has_places=false") == [full.pk]
    assert ids("?topic=data") == [full.pk]
    assert ids("?language=en") == [open_one.pk]
    assert ids("?delivery=in_person") == []
    later = (timezone.now() + datetime.timedelta(days=30)).date().isoformat()
    assert ids(f"?starts_after={later}") == []
    response = client.get(URL + "?topic=cooking")
    assert response.status_code == 400 and "topic" in response.json()
    welsh = client.get(URL + "?has_places=maybe", HTTP_ACCEPT_LANGUAGE="cy")
    assert welsh.status_code == 400


def test_the_api_root_links_to_learning_sessions(client):
    assert client.get("/api/v1/").json()["resources"]["learning_sessions"].endswith(URL)


def test_the_schema_describes_learning_sessions(client):
    assert "/api/v1/learning-sessions/" in client.get("/api/v1/schema/").content.decode()
