"""A change to one service drops its own page and its bodies' downloads from the page cache,
and keeps every other service's page, unless it changes what those pages show of it
(docs/adr/0070-the-register-in-parts.md)."""

from dataclasses import replace

import pytest
from django.core.cache import cache

from porth.core import pagecache
from porth.organisations.tests.factories import OrganisationFactory
from porth.register import actions
from porth.register.actions import ServiceDetails

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()


@pytest.fixture
def bodies(organisation):
    return organisation, OrganisationFactory(slug="another-body")


@pytest.fixture
def services(bodies):
    own, other = bodies
    # In the same area, run by different bodies: each is among the other's similar services.
    return ServiceFactory(organisation=own), ServiceFactory(organisation=other)


def _page(service) -> str:
    return f"/en/register/services/{service.public_id}/"


def _download(body) -> str:
    return f"/en/open-data/services.csv?organisation={body.slug}"


def _cached(client, address: str) -> str:
    response = client.get(address)
    if response.streaming:
        b"".join(response.streaming_content)
    return response[pagecache.HEADER]


def _read_all(client, *addresses: str) -> None:
    for address in addresses:
        _cached(client, address)


def _save(service, capture, **changes) -> None:
    details = replace(ServiceDetails.from_service(service), **changes)
    with capture(execute=True):
        actions.update_service(service=service, details=details, changed_by=None)


def test_saving_a_service_drops_its_page_and_its_bodys_download_and_keeps_the_others(
    client, bodies, services, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_MAX_STREAM_BYTES = 100_000
    changed, other = services
    addresses = [_page(changed), _page(other), _download(bodies[0]), _download(bodies[1])]
    _read_all(client, *addresses, "/en/register/")

    _save(changed, django_capture_on_commit_callbacks, description_en="Apply online or by phone.")

    assert [_cached(client, address) for address in addresses] == ["miss", "hit", "miss", "hit"]
    assert "Apply online or by phone." in client.get(_page(changed)).text
    assert _cached(client, "/en/register/") == "miss"  # the list shows the whole register


def test_renaming_a_service_drops_the_pages_that_list_it_among_their_similar_services(
    client, services, django_capture_on_commit_callbacks
):
    renamed, other = services
    _read_all(client, _page(renamed), _page(other))

    _save(renamed, django_capture_on_commit_callbacks, name_en="Apply for a parking permit")

    assert _cached(client, _page(other)) == "miss"
    assert "Apply for a parking permit" in client.get(_page(other)).text


def test_retiring_a_service_drops_every_service_page(
    client, services, django_capture_on_commit_callbacks
):
    import datetime

    retired, other = services
    _read_all(client, _page(other))

    with django_capture_on_commit_callbacks(execute=True):
        actions.retire_service(
            service=retired, retired_on=datetime.date(2025, 1, 1), retired_by=None
        )

    assert _cached(client, _page(other)) == "miss"


def test_working_out_the_landscape_again_keeps_service_pages(
    client, services, django_capture_on_commit_callbacks
):
    from porth.open_data.actions import refresh_landscape_figures

    _read_all(client, _page(services[0]))

    with django_capture_on_commit_callbacks(execute=True):
        refresh_landscape_figures()

    assert _cached(client, _page(services[0])) == "hit"


def test_saving_a_service_unchanged_drops_its_page_as_it_shows_the_review_date(
    client, services, django_capture_on_commit_callbacks
):
    import datetime

    from porth.register.models import Service

    saved, other = services
    Service.objects.filter(pk=saved.pk).update(last_reviewed_on=datetime.date(2024, 5, 1))
    saved.refresh_from_db()
    _read_all(client, _page(saved), _page(other))

    _save(saved, django_capture_on_commit_callbacks)

    assert _cached(client, _page(saved)) == "miss"
    assert _cached(client, _page(other)) == "hit"


def test_importing_figures_drops_the_pages_of_the_services_they_are_for(
    client, organisation, editor, django_capture_on_commit_callbacks
):
    from .test_imports import METRIC_HEADERS, confirm, csv_bytes, run

    service = ServiceFactory(organisation=organisation)
    _read_all(client, _page(service))
    rows = [METRIC_HEADERS, [service.public_id, "user-satisfaction", "month", "2025-01-01", "85.5"]]

    with django_capture_on_commit_callbacks(execute=True):
        confirm(run(organisation, editor, csv_bytes(rows), kind="metrics"), editor)

    assert _cached(client, _page(service)) == "miss"
    assert "85.5" in client.get(_page(service)).text


@pytest.fixture
def similar_worked_out(monkeypatch):
    """How many times a service page's similar services were worked out, not read kept."""
    from porth.register import queries

    calls = []
    uncached = queries._similar_services

    def counted(service, *, limit):
        calls.append(service.pk)
        return uncached(service, limit=limit)

    monkeypatch.setattr(queries, "_similar_services", counted)
    return calls


def test_a_page_made_again_after_its_own_change_reads_its_similar_services_kept(
    client, services, similar_worked_out, django_capture_on_commit_callbacks
):
    changed, other = services
    client.get(_page(changed))

    _save(changed, django_capture_on_commit_callbacks, description_en="Apply online or by phone.")
    page = client.get(_page(changed))

    assert page[pagecache.HEADER] == "miss"
    assert "Apply online or by phone." in page.text
    assert other.name_en in page.text  # still listed, from the kept list
    assert similar_worked_out == [changed.pk]


def test_retiring_another_service_works_the_similar_services_out_again(
    client, services, similar_worked_out, django_capture_on_commit_callbacks
):
    import datetime

    shown, retired = services
    assert retired.name_en in client.get(_page(shown)).text

    with django_capture_on_commit_callbacks(execute=True):
        actions.retire_service(
            service=retired, retired_on=datetime.date(2025, 1, 1), retired_by=None
        )

    assert retired.name_en not in client.get(_page(shown)).text
    assert similar_worked_out == [shown.pk, shown.pk]


def test_similar_services_are_kept_for_each_language_apart(client, services, similar_worked_out):
    shown = services[0]

    client.get(_page(shown))
    client.get(_page(shown).replace("/en/", "/cy/"))

    assert similar_worked_out == [shown.pk, shown.pk]


def test_similar_services_are_worked_out_when_the_cache_cannot_be_reached(
    client, services, similar_worked_out, monkeypatch
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis has gone")

    shown, other = services
    monkeypatch.setattr(pagecache, "_generations", unreachable)

    page = client.get(_page(shown))

    assert page.status_code == 200
    assert other.name_en in page.text
    assert similar_worked_out == [shown.pk]


def _api_count(client, query: str = "") -> int:
    return client.get(f"/api/v1/services/?page_size=1{query}").json()["count"]


def test_the_api_counts_every_live_service_once_until_the_register_changes_as_a_whole(
    client, services, django_capture_on_commit_callbacks
):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert _api_count(client) == 2
    with CaptureQueriesContext(connection) as again:  # another page, made afresh
        assert _api_count(client, "&page=2") == 2
    assert not [q for q in again.captured_queries if "COUNT(" in q["sql"].upper()]

    # A change to one service's own details keeps the count; retiring one does not.
    _save(services[0], django_capture_on_commit_callbacks, description_en="Phone us.")
    assert _api_count(client, "&page=1&format=json") == 2
    with django_capture_on_commit_callbacks(execute=True):
        actions.retire_service(
            service=services[1], retired_on=datetime.date(2025, 1, 1), retired_by=None
        )
    assert _api_count(client) == 1


def test_a_filtered_api_list_is_always_counted_afresh(
    client, services, django_capture_on_commit_callbacks
):
    import datetime

    assert _api_count(client, "&phase=alpha") == 0
    with django_capture_on_commit_callbacks(execute=True):  # names only the service's parts
        actions.record_phase(
            service=services[0],
            phase="alpha",
            applies_from=datetime.date(2025, 1, 1),
            recorded_by=None,
        )

    assert _api_count(client, "&phase=alpha&page=1") == 1


def test_saving_a_service_drops_its_api_answer_and_keeps_the_others(
    client, services, django_capture_on_commit_callbacks
):
    changed = services[0]
    answers = [f"/api/v1/services/{service.public_id}/" for service in services]
    _read_all(client, *answers)

    _save(changed, django_capture_on_commit_callbacks, description_en="Apply online or by phone.")

    assert [_cached(client, address) for address in answers] == ["miss", "hit"]
    assert client.get(answers[0]).json()["description_en"] == "Apply online or by phone."


def test_retiring_a_service_drops_every_api_answer(
    client, services, django_capture_on_commit_callbacks
):
    import datetime

    retired, other = services
    answer = f"/api/v1/services/{other.public_id}/"
    _read_all(client, answer)

    with django_capture_on_commit_callbacks(execute=True):
        actions.retire_service(
            service=retired, retired_on=datetime.date(2025, 1, 1), retired_by=None
        )

    assert _cached(client, answer) == "miss"


def test_a_service_page_is_kept_longer_than_the_register_list(client, services, monkeypatch):
    """It is dropped as soon as its service, or the register as a whole, changes (ADR 0071)."""
    import datetime
    import zoneinfo

    noon = datetime.datetime(2026, 12, 6, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    monkeypatch.setattr(pagecache.timezone, "localtime", lambda *args: noon)
    kept = {}
    keep_seconds = pagecache._keep_seconds

    def watched(parts):
        kept["by parts" if parts else "whole"] = seconds = keep_seconds(parts)
        return seconds

    monkeypatch.setattr(pagecache, "_keep_seconds", watched)

    _read_all(client, _page(services[0]), "/en/register/")

    assert kept == {"by parts": 3600, "whole": 300}
