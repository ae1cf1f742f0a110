"""Counting page views with no cookie, no IP address and no user agent, and no write per view."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from porth.core.measures import EVERYONE
from porth.insight import actions, counting, queries
from porth.insight.models import PageViewDay
from porth.measures.registry import find

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_buffer():
    counting.BUFFER.flush()
    counting.take_batches()
    yield
    counting.BUFFER.flush()
    counting.take_batches()


def test_a_page_view_is_counted_without_touching_the_database(client):
    with CaptureQueriesContext(connection) as queries_run:
        client.get("/en/measures/", HTTP_REFERER="https://www.gov.wales/some/page?x=1")
    assert not any(q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE")) for q in queries_run)
    counting.BUFFER.flush()
    actions.record_page_views()
    row = PageViewDay.objects.get()
    assert (row.path, row.language, row.referrer_domain, row.views) == (
        "/measures/",
        "en",
        "www.gov.wales",
        1,
    )


def test_nothing_about_the_person_is_kept_and_no_cookie_is_set(client):
    response = client.get("/cy/measures/", HTTP_USER_AGENT="Secret/1.0", REMOTE_ADDR="10.9.8.7")
    # The only cookie is the language the visitor chose (RememberLanguageMiddleware): counting
    # sets none.
    assert set(response.cookies) <= {"porth_language"}
    counting.BUFFER.flush()
    batches = counting.take_batches()
    assert "Secret" not in repr(batches) and "10.9.8.7" not in repr(batches)
    assert [field.name for field in PageViewDay._meta.get_fields()] == [
        "id",
        "day",
        "path",
        "language",
        "referrer_domain",
        "views",
    ]


def test_views_are_batched_and_added_to_the_days_count_in_one_go():
    today = datetime.date(2026, 11, 2)
    for _ in range(3):
        counting.count_view(path="/cy/register/", referrer="", host="porth", today=today)
    counting.count_view(path="/en/register/", referrer="/en/", host="porth", today=today)
    counting.BUFFER.flush()
    assert actions.record_page_views() == 4
    counting.count_view(path="/cy/register/", referrer="", host="porth", today=today)
    counting.BUFFER.flush()
    actions.record_page_views()
    assert PageViewDay.objects.get(language="cy").views == 4
    # Flushing again with nothing new adds nothing
    assert actions.record_page_views() == 0


def test_pages_people_sign_in_on_and_other_sites_links_to_ours_are_told_apart():
    assert counting.page_of("/en/accounts/login/") is None
    assert counting.page_of("/api/v1/") is None
    assert counting.page_of("/cy/register/services/") == ("cy", "/register/services/")
    assert counting.referrer_domain("https://porth.example/en/", "porth.example") == ""
    assert (
        counting.referrer_domain("https://Search.Example:443/q?s=me", "porth") == "search.example"
    )
    assert counting.referrer_domain("not a url", "porth") == ""


def test_counts_older_than_two_years_are_pruned():
    today = datetime.date(2026, 12, 1)
    PageViewDay.objects.create(day=datetime.date(2024, 11, 30), path="/", language="en", views=1)
    PageViewDay.objects.create(day=datetime.date(2024, 12, 2), path="/", language="en", views=1)
    assert actions.prune_page_views(today=today) == 1
    assert PageViewDay.objects.count() == 1


def test_the_audience_lists_top_pages_the_welsh_share_and_pages_low_in_welsh():
    today = datetime.date(2026, 12, 1)
    PageViewDay.objects.create(day=today, path="/register/", language="en", views=90)
    PageViewDay.objects.create(day=today, path="/register/", language="cy", views=2)
    PageViewDay.objects.create(day=today, path="/standards/", language="en", views=20)
    PageViewDay.objects.create(day=today, path="/standards/", language="cy", views=20)
    PageViewDay.objects.create(
        day=today - datetime.timedelta(days=40), path="/old/", language="en", views=500
    )
    seen = queries.audience(today=today)
    assert [p.path for p in seen.top_pages] == ["/register/", "/standards/"]
    assert (seen.welsh, seen.total) == (22, 132)
    assert [p.path for p in seen.low_welsh] == ["/register/"]
    reading = find("insight.welsh_share").compute(today, EVERYONE)
    assert reading.value == round(100 * 22 / 132, 1)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_only_centre_staff_see_the_audience(client, organisation_admin, centre_staff, language):
    assert client.get(f"/{language}/audience/").status_code == 302
    client.force_login(organisation_admin)
    assert client.get(f"/{language}/audience/").status_code == 403
    client.force_login(centre_staff)
    assert client.get(f"/{language}/audience/").status_code == 200


def test_the_privacy_notice_says_what_is_counted_and_for_how_long_in_both_languages():
    """The notice (seeded by the pages app) must stay true to the counting code: what a count
    holds, what is never kept, and that counts go after 2 years (`KEEP_DAYS`)."""
    from porth.insight.models import KEEP_DAYS
    from porth.pages.seed_content.privacy import PAGE

    notice = repr(PAGE)
    assert KEEP_DAYS == 730
    for english in (
        "Counting page views",
        "address",
        "its language, the day",
        "the website that linked to it",
        "sets no cookie",
        "IP address",
        "kept for 2 years",
    ):
        assert english in notice, english
    for welsh in (
        "Cyfrif golygon tudalennau",
        "ei hiaith, y diwrnod",
        "enw'r wefan a gysylltodd",
        "Nid yw'n gosod cwci",
        "cyfeiriad IP",
        "am 2 flynedd",
    ):
        assert welsh in notice, welsh
