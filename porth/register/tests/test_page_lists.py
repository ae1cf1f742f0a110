"""The register's lists are kept through changes to what they do not show, such as a
service's owner, its steps or its figures, and dropped by changes to what they show, find,
filter or order by (docs/adr/0072-lists-kept-and-memberships-read-once.md)."""

import datetime

import pytest

from porth.core import pagecache
from porth.register import actions
from porth.register.actions.history import LISTED
from porth.register.description import SERVICE_FIELDS

from .factories import ServiceFactory
from .test_page_parts import _cached, _save, page_cache_on  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

SEARCH = "/en/register/?q=parking"
FILTERED = "/cy/register/?welsh=all"


@pytest.fixture
def service(organisation):
    return ServiceFactory(
        organisation=organisation,
        name_en="Apply for a parking permit",
        description_en="Residents' parking permits for streets near the town centre.",
    )


def test_changing_the_owner_keeps_the_registers_searches_and_filters(
    client, service, django_capture_on_commit_callbacks
):
    for address in (SEARCH, FILTERED):
        assert _cached(client, address) == "miss"

    _save(service, django_capture_on_commit_callbacks, owner_role="Head of parking services")

    assert _cached(client, SEARCH) == "hit"
    assert _cached(client, FILTERED) == "hit"
    assert _cached(client, service.get_absolute_url()) == "miss"  # its own page is made again


def test_changing_a_description_drops_the_search_that_shows_it(
    client, service, django_capture_on_commit_callbacks
):
    _cached(client, SEARCH)

    _save(service, django_capture_on_commit_callbacks, description_en="Permits for residents.")

    assert _cached(client, SEARCH) == "miss"
    assert "Permits for residents." in client.get(SEARCH).text


def test_a_change_of_phase_drops_the_lists_as_they_show_the_phase(
    client, service, django_capture_on_commit_callbacks
):
    from porth.register.models import Phase

    _cached(client, SEARCH)

    with django_capture_on_commit_callbacks(execute=True):
        actions.record_phase(
            service=service,
            phase=Phase.PUBLIC_BETA if service.phase != Phase.PUBLIC_BETA else Phase.LIVE,
            applies_from=datetime.date(2025, 4, 1),
            recorded_by=None,
        )

    assert _cached(client, SEARCH) == "miss"


def test_the_register_ordered_by_change_is_dropped_by_any_change(
    client, service, django_capture_on_commit_callbacks
):
    by_change = "/en/register/?sort=updated"
    _cached(client, by_change)

    _save(service, django_capture_on_commit_callbacks, owner_role="Head of parking services")

    assert _cached(client, by_change) == "miss"


def test_working_out_the_landscape_again_keeps_the_lists(
    client, service, django_capture_on_commit_callbacks
):
    from porth.open_data.actions import refresh_landscape_figures

    _cached(client, SEARCH)

    with django_capture_on_commit_callbacks(execute=True):
        refresh_landscape_figures()

    assert _cached(client, SEARCH) == "hit"


def test_every_field_the_register_lists_show_find_or_filter_by_is_marked_listed():
    """A new field is unlisted unless marked: this names the ones that are, so adding one that
    the lists show, search or filter by means marking it, or its changes would not reach them."""
    assert {declared.name for declared in SERVICE_FIELDS if declared.listed} == {
        "name_en",
        "name_cy",
        "description_en",
        "description_cy",
        "partner_organisations",  # the body filter finds partners' services
        "service_area",
        "users_served",
        "channels",  # the channel filter, and the Welsh availability worked out from them
    }
    assert "phase" in LISTED


@pytest.fixture
def four_services(organisation):
    return [
        ServiceFactory(organisation=organisation, name_en=f"Apply for a permit {n}")
        for n in range(4)
    ]


API_PAGES = ["/api/v1/services/?page_size=2", "/api/v1/services/?page_size=2&page=2"]


def test_a_page_of_the_apis_services_is_kept_when_a_service_it_does_not_show_changes(
    client, four_services, django_capture_on_commit_callbacks
):
    """An owner's change is not listed, so it drops only the API's page that shows the
    service (its `updated_at` changed), not every page of every live service (ADR 0073)."""
    for address in API_PAGES:
        assert _cached(client, address) == "miss"
    changed = four_services[3]
    before = client.get(API_PAGES[1]).json()["results"][1]["updated_at"]

    _save(changed, django_capture_on_commit_callbacks, owner_role="Head of parking services")

    assert _cached(client, API_PAGES[0]) == "hit"
    assert _cached(client, API_PAGES[1]) == "miss"
    [_, shown] = client.get(API_PAGES[1]).json()["results"]
    assert shown["public_id"] == changed.public_id and shown["updated_at"] != before


def test_retiring_a_service_drops_the_apis_pages_whose_services_move_up(
    client, four_services, django_capture_on_commit_callbacks
):
    for address in API_PAGES:
        _cached(client, address)

    with django_capture_on_commit_callbacks(execute=True):
        actions.retire_service(
            service=four_services[0], retired_on=datetime.date(2025, 1, 1), retired_by=None
        )

    second = client.get(API_PAGES[1])
    assert second[pagecache.HEADER] == "miss"
    assert [s["public_id"] for s in second.json()["results"]] == [four_services[3].public_id]
    assert second.json()["count"] == 3


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/services/?page_size=2&sort=updated",  # ordered by change: any change moves it
        "/api/v1/services/?page_size=2&phase=live",  # filtered: read and counted afresh
    ],
)
def test_an_ordered_or_filtered_api_list_is_dropped_by_any_change(
    client, four_services, django_capture_on_commit_callbacks, address
):
    _cached(client, address)

    _save(four_services[3], django_capture_on_commit_callbacks, owner_role="Head of service")

    assert _cached(client, address) == "miss"
