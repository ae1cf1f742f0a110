"""Safety net: no GET request writes to the database (docs/adr/0024-sqlite-and-postgresql.md).

On SQLite a page that writes waits for the worker's write lock and can fail with "database is
locked"; on any database a GET that writes can be replayed by a crawler or a prefetching
browser. So every route of ours is fetched, with real data behind its parameters, by an
anonymous visitor, a body's editor and centre staff, while a database wrapper refuses any
INSERT, UPDATE or DELETE.

The one write allowed is Django's own session row: the session middleware saves a session a
request changed (signing in, a flash message read, a language remembered), and that is how
sessions work, not a page writing data. allauth's and axes's own pages are theirs to answer for.
"""

import datetime
import re

import pytest
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from porth.communities.tests.factories import CommunityFactory, published_thread
from porth.core.tests.test_url_permissions import our_routes
from porth.learning.actions import book_place
from porth.learning.tests.factories import SessionFactory as LearningSessionFactory
from porth.open_data.actions import create_token, refresh_landscape_figures, take_snapshot
from porth.open_data.tests.conftest import published, reported  # noqa: F401 (fixtures)
from porth.open_data.tests.factories import record
from porth.standards.tests.conftest import (  # noqa: F401 (fixtures)
    assessors,
    criteria,
    review_in_progress,
    self_assessment,
    service,
    standard_rows,
    standard_set,
    submitted_self_assessment,
)

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
ALLOWED_TABLES = ('"django_session"',)


class WroteOnGet(AssertionError):
    """A GET request tried to change the database."""


def refuse_writes(execute, sql, params, many, context):
    if WRITE.match(sql) and not any(table in sql for table in ALLOWED_TABLES):
        raise WroteOnGet(sql)
    return execute(sql, params, many, context)


def get_without_writing(client, path: str) -> int:
    """GET `path` with writes refused; returns the status code. A refused write would surface
    as WroteOnGet (the test client re-raises exceptions from views)."""
    with connection.execute_wrapper(refuse_writes):
        response = client.get(path)
        # Read a streamed download to its end here (the test client closes it then): a stream
        # left half-read keeps a server-side cursor open, and closing it later, from inside
        # another query on the same connection, hangs psycopg. Writes while streaming are
        # refused too.
        if response.streaming:
            b"".join(response.streaming_content)
        return response.status_code


def _pk_for(name: str, ids: dict[str, int]) -> int:
    """The object a route's `pk` names, guessed from the route's name."""
    for words, key in (
        (("self_assessment", "answer", "action_"), "self_assessment"),
        (("review", "recommendation"), "review"),
        (("snapshot",), "snapshot"),
        (("token",), "token"),
        (("round", "participation"), "round"),
        (("learning:session", "learning:booking_create"), "learning_session"),
        (("learning:course",), "learning_course"),
        (("learning:booking", "learning:waiting"), "learning_booking"),
    ):
        if any(word in name for word in words):
            return ids[key]
    return 999999


def concrete_paths(ids: dict, organisation, the_service) -> list[str]:
    """Every GET route of ours in both languages, its parameters filled with real objects."""
    values = {
        "slug": organisation.slug,
        "public_id": the_service.public_id,
        "number": 1,
        "file_format": "csv",
        "kind": "services",
        "step": "sample",
        "token": "sample",
        "unknown": "sample",
        "membership_id": 999999,
        "resource_id": 999999,
        "thread_id": ids.get("thread", 999999),
        "action_pk": 999999,
        "recommendation_pk": 999999,
        "key": "register.services_recorded",
    }
    paths = ["/en/", "/cy/"]
    for language in ("en", "cy"):
        with translation.override(language):
            for route in our_routes():
                if not route.name or route.name.startswith("api"):
                    continue
                kwargs = {name: values.get(name) for name in route.parameters}
                if "pk" in kwargs:
                    kwargs["pk"] = _pk_for(route.name, ids)
                try:
                    paths.append(reverse(route.name, kwargs=kwargs))
                except NoReverseMatch:
                    paths.append(route.path.replace("/en/", f"/{language}/", 1))
    paths += ["/api/v1/", "/api/v1/services/", f"/api/v1/services/{the_service.public_id}/"]
    paths += ["/api/v1/metrics/", "/api/v1/organisations/", "/api/v1/review-reports/"]
    paths += ["/api/v1/success-measures/", "/api/v1/success-measures/download/xlsx/"]
    return list(dict.fromkeys(paths))


def _community_ids(organisation, person) -> dict[str, int]:
    """A community at the organisation's slug (the walk fills every slug with it) where the
    person leads, with a shown thread, so its pages answer with content."""
    community = CommunityFactory(slug=organisation.slug)
    return {"thread": published_thread(community, lead=person).pk}


def _learning_ids(person) -> dict[str, int]:
    """A session with a booking, so the learning pages answer with content."""
    session = LearningSessionFactory()
    booking = book_place(session=session, person=person, participation_language="en")
    return {
        "learning_session": session.pk,
        "learning_booking": booking.pk,
        "learning_course": session.course_id,
    }


@pytest.fixture
def site_with_data(seeded_site, organisation, service, published, editor, centre_staff):  # noqa: F811
    """Pages, a service with figures, a published review, a snapshot, stored landscape
    figures and a token: enough that the main pages show real content, not a 404."""
    record(service, "user-satisfaction", datetime.date(2025, 4, 1), "70")
    snapshot = take_snapshot(label_en="Before", label_cy="Cyn")
    token, _secret = create_token(person=editor, name="Script")
    refresh_landscape_figures()
    return {
        "self_assessment": published.self_assessment_id,
        "review": published.pk,
        "snapshot": snapshot.pk,
        "token": token.pk,
        "round": 999999,
        **_learning_ids(editor),
        **_community_ids(organisation, editor),
    }


@pytest.mark.parametrize("who", ["anonymous", "editor", "centre_staff"])
def test_no_get_request_writes_to_the_database(
    client,
    site_with_data,
    organisation,
    service,  # noqa: F811
    editor,
    centre_staff,
    who,
):
    if who != "anonymous":
        client.force_login({"editor": editor, "centre_staff": centre_staff}[who])
    answered = {
        path: get_without_writing(client, path)
        for path in concrete_paths(site_with_data, organisation, service)
    }

    # The walk means something only if the main pages answered with content.
    assert answered["/en/register/"] == answered["/cy/open-data/landscape/"] == 200
    assert answered[f"/en/register/services/{service.public_id}/"] == 200
    assert answered[f"/cy/standards/reviews/{site_with_data['review']}/"] == 200
    assert answered[f"/en/open-data/snapshots/{site_with_data['snapshot']}/changes/"] == 200
    thread_page = f"/cy/communities/{organisation.slug}/threads/{site_with_data['thread']}/"
    assert answered[thread_page] == 200
    assert 500 not in answered.values()


def test_the_write_guard_catches_a_write(client, organisation):
    with pytest.raises(WroteOnGet), connection.execute_wrapper(refuse_writes):
        organisation.save()
