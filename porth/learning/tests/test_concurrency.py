"""No over-booking, ever: many people book the last places at the same moment.

Each booker runs in its own thread with its own database connection, so the session row lock
(PostgreSQL) or the IMMEDIATE write transaction (SQLite) is what keeps the count right
(docs/adr/0030-booking-concurrency.md). The second test goes through the real server: 50
signed-in people post the booking form at once.
"""

import re
import threading

import pytest
import requests
from django.conf import settings
from django.db import connection, connections
from django.test import Client

from porth.accounts.tests.factories import UserFactory
from porth.learning import actions
from porth.learning.models import Booking, BookingStatus

from .factories import SessionFactory

BOOKERS = 50
PLACES = 20

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the test database on SQLite is one in-memory connection shared by every thread of "
    "the live server, so it cannot show concurrent transactions: this runs on PostgreSQL (CI)",
)


def _all_at_once(work) -> list[Exception]:
    """Run `work(i)` in BOOKERS threads released together; returns the errors raised."""
    barrier = threading.Barrier(BOOKERS)
    errors: list[Exception] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(BOOKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def _counts(session) -> dict[str, int]:
    rows = Booking.objects.filter(session=session)
    return {
        "confirmed": rows.filter(status=BookingStatus.CONFIRMED).count(),
        "waiting": rows.filter(status=BookingStatus.WAITING).count(),
    }


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_fifty_people_booking_twenty_places_at_once_get_twenty_places_and_thirty_waiting():
    session = SessionFactory(capacity=PLACES)
    people = [UserFactory() for _ in range(BOOKERS)]

    def book(i: int) -> None:
        actions.book_place(session=session, person=people[i], participation_language="en")

    assert _all_at_once(book) == []
    assert _counts(session) == {"confirmed": PLACES, "waiting": BOOKERS - PLACES}


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_bookings_through_the_real_server_never_overbook(live_server):
    session = SessionFactory(capacity=PLACES)
    url = f"{live_server.url}/en/learning/sessions/{session.pk}/book/"
    browsers = []
    for _ in range(BOOKERS):
        client = Client()
        client.force_login(UserFactory())
        browser = requests.Session()
        browser.cookies.set(
            settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
        )
        page = browser.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        browsers.append((browser, token))

    def post(i: int) -> None:
        browser, token = browsers[i]
        response = browser.post(
            url,
            data={
                "csrfmiddlewaretoken": token,
                "role_category": "practitioner",
                "participation_language": "en",
            },
            headers={"Referer": url},
            allow_redirects=False,
        )
        assert response.status_code == 302, response.status_code

    assert _all_at_once(post) == []
    assert _counts(session) == {"confirmed": PLACES, "waiting": BOOKERS - PLACES}
