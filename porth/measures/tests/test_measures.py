"""Declaring, discovering, snapshotting and reading success measures."""

import datetime
import logging
from decimal import Decimal

import pytest
from django.utils import timezone

from porth.baseline import actions as baseline
from porth.core.measures import EVERYONE, Reading, Scope, month_starts
from porth.measures import actions, queries, registry
from porth.measures.models import Snapshot, Target
from porth.measures.scopes import Filters, stored_filters
from porth.organisations.tests.factories import OrganisationFactory
from porth.register.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def measure(key: str):
    return registry.find(key)


def test_each_app_declares_its_measures_in_its_own_module_and_the_registry_finds_them():
    keys = {m.key for m in registry.all_measures()}
    assert {
        "register.services_recorded",
        "register.welsh_every_step",
        "register.stale_figures",
        "baseline.signed_off",
        "standards.self_assessments_started",
        "standards.self_assessments_completed",
        "standards.reviews_held",
        "standards.standards_met",
    } <= keys
    assert all(
        m.name_en and m.name_cy and m.definition_en and m.definition_cy
        for m in registry.all_measures()
    )


def test_services_recorded_counts_what_was_in_the_register_on_the_date():
    service = ServiceFactory()
    retired = ServiceFactory(is_retired=True, retired_on=datetime.date(2026, 1, 1))
    long_ago = timezone.make_aware(datetime.datetime(2025, 6, 1))
    type(service).objects.filter(pk__in=[service.pk, retired.pk]).update(created_at=long_ago)
    today = timezone.localdate()
    services = measure("register.services_recorded").compute
    assert services(today, EVERYONE).value == 1
    assert services(datetime.date(2025, 12, 31), EVERYONE).value == 2
    # Before either was added, nothing
    assert services(datetime.date(2000, 1, 1), EVERYONE).value == 0
    only_theirs = Scope(organisations=frozenset({retired.organisation.slug}))
    assert services(today, only_theirs).value == 0
    assert services(today, Scope(organisations=frozenset({service.organisation.slug}))).value == 1


def test_the_baseline_measure_gives_the_share_of_bodies_signed_off_with_its_coverage(
    centre_staff, organisation_admin, organisation
):
    OrganisationFactory()
    round_ = baseline.open_round(
        name_en="2026",
        name_cy="2026",
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        deadline=datetime.date(2026, 12, 31),
        body_types=["principal_council"],
        opened_by=centre_staff,
    )
    participation = round_.participations.get(organisation=organisation)
    participation.signed_off_at = timezone.now()
    participation.save()
    signed_off = measure("baseline.signed_off")
    reading = signed_off.compute(timezone.localdate(), EVERYONE)
    assert (reading.counted, reading.total, reading.value) == (1, 2, 50.0)
    assert signed_off.coverage_text(reading, "en") == "1 of 2 bodies signed off"
    assert signed_off.coverage_text(reading, "cy") == "1 o 2 corff wedi cymeradwyo"
    assert signed_off.compute(datetime.date(2000, 1, 1), EVERYONE).value is None


def test_a_measure_with_no_data_yet_is_declared_not_available_with_a_reason():
    welsh = measure("register.welsh_every_step")
    assert not welsh.is_available
    assert "channel" in welsh.unavailable_en and "sianel" in welsh.unavailable_cy


def test_taking_snapshots_twice_for_a_date_leaves_one_set(today):
    ServiceFactory()
    first = actions.take_snapshots(on=today)
    again = actions.take_snapshots(on=today)
    assert first == again == Snapshot.objects.count()
    assert first == len(registry.all_measures()) * len(stored_filters())


def test_recomputing_the_history_snapshots_the_first_of_each_month_and_today(today):
    ServiceFactory()
    actions.recompute_history(months=3, today=today)
    days = set(Snapshot.objects.values_list("taken_on", flat=True))
    assert days == {*month_starts(months=3, today=today), today}


def test_a_measure_that_raises_is_logged_and_stored_as_not_available(extra_measures, today, caplog):
    with caplog.at_level(logging.ERROR, logger="porth.measures.queries"):
        actions.take_snapshots(on=today)
    broken = Snapshot.objects.get(measure_key="test.broken", scope="", taken_on=today)
    assert not broken.is_available and broken.value is None
    assert "test.broken" in caplog.text
    # The others carried on
    assert Snapshot.objects.get(measure_key="test.private", scope="", taken_on=today).value == 7


def test_a_measure_whose_query_fails_in_the_database_spoils_no_other(
    extra_measures, monkeypatch, today
):
    """On PostgreSQL a failed query aborts the transaction: each reading has its own
    savepoint, so the measures after it are still stored."""
    import dataclasses

    from django.db import connection

    def bad_query(on, scope):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_at_all")

    failing = dataclasses.replace(extra_measures[0], key="test.bad_query", compute=bad_query)
    declared = registry.all_measures()
    monkeypatch.setattr(registry, "all_measures", lambda: (failing, *declared))
    actions.take_snapshots(on=today)
    assert not Snapshot.objects.get(measure_key="test.bad_query", scope="").is_available
    assert Snapshot.objects.get(measure_key="test.private", scope="", taken_on=today).value == 7


def test_tiles_read_the_latest_snapshot_and_fall_back_to_a_live_reading(extra_measures, today):
    Snapshot.objects.create(measure_key="test.private", scope="", taken_on=today, value=9)
    tiles = {t.measure.key: t for t in queries.tiles(public_only=False, filters=Filters())}
    assert tiles["test.private"].value == 9
    assert tiles["test.broken"].reading is None  # no snapshot, and the live reading failed
    public = {t.measure.key for t in queries.tiles(public_only=True, filters=Filters())}
    assert "test.private" not in public and "register.services_recorded" in public


@pytest.mark.parametrize(
    ("direction_up", "value", "expected"),
    [
        (True, 80, "green"),
        (True, 72, "amber"),
        (True, 50, "red"),
        (False, 7, "green"),
        (False, 10.5, "amber"),
        (False, 12, "red"),
    ],
)
def test_the_status_is_green_on_target_amber_within_a_tenth_and_red_beyond(
    extra_measures, direction_up, value, expected
):
    declared = measure("register.services_recorded" if direction_up else "test.private")
    target = Decimal(75) if direction_up else Decimal(10)
    assert queries.status(declared, value, target) == expected
    assert queries.status(declared, value, None) == "none"


def test_under_a_filter_a_figure_from_fewer_than_five_records_is_suppressed():
    filtered = Filters(body_type="police_force")
    assert queries.is_suppressed(Reading(value=3), filtered)
    assert queries.is_suppressed(Reading(value=50.0, counted=2, total=4), filtered)
    assert not queries.is_suppressed(Reading(value=50.0, counted=3, total=6), filtered)
    assert not queries.is_suppressed(Reading(value=0), filtered)
    assert not queries.is_suppressed(Reading(value=3), Filters())


def test_a_region_filter_counts_only_that_regions_bodies():
    cardiff = OrganisationFactory(slug="cardiff")
    gwynedd = OrganisationFactory(slug="gwynedd")
    ServiceFactory(organisation=cardiff)
    ServiceFactory(organisation=gwynedd)
    scope = Filters(region="north").scope()
    assert "gwynedd" in scope.organisations and "cardiff" not in scope.organisations
    assert measure("register.services_recorded").compute(timezone.localdate(), scope).value == 1
    both = Filters(region="north", body_type="police_force")
    assert not both.is_stored


def test_setting_a_target_is_audited_and_changes_the_status(centre_staff, extra_measures):
    Snapshot.objects.create(
        measure_key="test.private", scope="", taken_on=timezone.localdate(), value=7
    )

    def status():
        return queries.tile(key="test.private", public_only=False, filters=Filters()).status

    assert status() == "none"
    actions.set_target(measure_key="test.private", value=Decimal(5), by=centre_staff)
    assert status() == "red"
    actions.set_target(measure_key="test.private", value=Decimal(7), by=centre_staff)
    assert status() == "green"
    assert Target.objects.count() == 1
    actions.remove_target(measure_key="test.private", by=centre_staff)
    assert status() == "none"


def test_a_target_for_a_measure_nobody_declared_is_refused(centre_staff):
    with pytest.raises(actions.UnknownMeasure):
        actions.set_target(measure_key="nobody.nothing", value=Decimal(1), by=centre_staff)
