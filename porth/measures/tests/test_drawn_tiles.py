"""The dashboard's tiles are drawn once and kept under what they show (ADR 0060)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from porth.core.measures import Direction, Measure, Reading, Unit
from porth.measures import actions, registry
from porth.measures.models import Snapshot

pytestmark = pytest.mark.django_db

TILE = "measures/includes/tile.html"


def _tiles_drawn(response) -> int:
    return sum(1 for template in response.templates if template.name == TILE)


def _snapshot(key: str, value: float, **fields) -> Snapshot:
    snapshot, _ = Snapshot.objects.update_or_create(
        measure_key=key,
        scope=fields.pop("scope", ""),
        taken_on=fields.pop("taken_on", timezone.localdate()),
        defaults={"value": value, **fields},
    )
    return snapshot


@pytest.fixture
def snapped(extra_measures):
    _snapshot("test.private", 7, counted=7, total=100)
    _snapshot("register.services_recorded", 120, counted=12, total=12)


def test_a_second_reading_of_the_dashboard_draws_no_tile_again(client, snapped):
    first = client.get("/en/measures/")
    second = client.get("/en/measures/")
    assert _tiles_drawn(first) > 0
    assert _tiles_drawn(second) == 0
    assert first.content == second.content


def test_a_new_snapshot_is_shown_at_once_and_only_its_tile_is_drawn_again(client, snapped):
    client.get("/en/measures/")
    _snapshot("register.services_recorded", 4321, counted=12, total=12)
    response = client.get("/en/measures/")
    assert "4,321" in response.content.decode()
    assert _tiles_drawn(response) == 1


def test_taking_snapshots_through_the_action_shows_the_new_figures(client, snapped):
    client.get("/en/measures/")
    actions.take_snapshots(on=timezone.localdate())  # no services in the register: 0
    response = client.get("/en/measures/")
    tile = response.content.decode().split('id="tile-registerservices_recorded"', 1)[1]
    assert '<p class="measures-tile__value">0</p>' in tile.split("</section>", 1)[0]
    assert _tiles_drawn(response) > 0


def test_setting_or_removing_a_target_shows_on_the_next_reading(client, centre_staff, snapped):
    client.force_login(centre_staff)
    assert "No target set" in client.get("/en/measures/centre/test.private/").content.decode()
    actions.set_target(measure_key="test.private", value=5, by=centre_staff)
    page = client.get("/en/measures/centre/all/").content.decode()
    assert "Off target" in page
    actions.remove_target(measure_key="test.private", by=centre_staff)
    page = client.get("/en/measures/centre/all/").content.decode()
    assert "Off target" not in page


def test_a_tile_kept_in_english_is_not_shown_on_the_welsh_page(client, snapped):
    client.get("/en/measures/")
    welsh = client.get("/cy/measures/")
    page = welsh.content.decode()
    assert _tiles_drawn(welsh) > 0
    assert "Gwasanaethau wedi" in page
    assert "/cy/measures/register.services_recorded/" in page
    assert "/en/measures/register.services_recorded/" not in page


def test_a_tile_kept_for_the_centre_is_not_shown_to_the_public(client, centre_staff, snapped):
    staff = client.__class__()
    staff.force_login(centre_staff)
    assert "Set the target" in staff.get("/en/measures/centre/all/").content.decode()
    page = client.get("/en/measures/").content.decode()
    assert "Set the target" not in page
    assert "A private measure" not in page


def test_a_tile_kept_for_everyone_is_not_shown_under_a_filter(client, snapped):
    client.get("/en/measures/")
    _snapshot("register.services_recorded", 3, counted=1, total=1, scope="region:north")
    page = client.get("/en/measures/?region=north").content.decode()
    assert "Fewer than 5 records match these filters" in page


def test_a_cache_that_cannot_be_reached_still_draws_the_dashboard(client, snapped, monkeypatch):
    from porth.measures import rendering

    def unreachable(*args, **kwargs):
        raise ConnectionError("no cache")

    monkeypatch.setattr(rendering.cache, "get_many", unreachable)
    monkeypatch.setattr(rendering.cache, "set_many", unreachable)
    response = client.get("/en/measures/")
    assert response.status_code == 200
    assert "120" in response.content.decode()


def _counting(key: str, order: int) -> Measure:
    return Measure(
        key=key,
        source="test",
        name_en=f"Counted {order}",
        name_cy=f"Wedi'i gyfrif {order}",
        definition_en="A number.",
        definition_cy="Rhif.",
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=lambda on, scope: Reading(value=1),
        order=order,
    )


@pytest.mark.parametrize("path", ["/en/measures/", "/en/measures/?body_type=principal_council"])
def test_the_dashboard_reads_as_many_queries_for_thirty_more_measures(client, monkeypatch, path):
    declared = registry.all_measures()
    today = timezone.localdate()

    def count() -> int:
        client.get(path)  # draws and keeps the tiles
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries.captured_queries)

    actions.take_snapshots(on=today)
    few = count()
    more = tuple(_counting(f"test.counted_{n}", 200 + n) for n in range(30))
    monkeypatch.setattr(registry, "all_measures", lambda: (*declared, *more))
    actions.take_snapshots(on=today)
    assert count() == few


def test_a_new_release_draws_the_tiles_again(client, snapped, monkeypatch):
    from porth.core import release

    client.get("/en/measures/")
    monkeypatch.setattr(release, "fingerprint", lambda: "the-next-release")

    response = client.get("/en/measures/")

    assert _tiles_drawn(response) > 0
