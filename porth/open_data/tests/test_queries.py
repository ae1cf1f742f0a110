import datetime
import html
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from porth.open_data.actions import refresh_landscape_figures, take_snapshot
from porth.open_data.models import LandscapeFigures
from porth.open_data.queries import (
    changes_since,
    landscape_figures,
    landscape_figures_in,
    recent_since,
)
from porth.open_data.queries.landscape import _median
from porth.open_data.queue import _claim_and_queue_refresh
from porth.organisations.models import OrganisationType
from porth.organisations.tests.factories import OrganisationFactory
from porth.register import actions as register
from porth.register.models import ServiceArea, TechnologyProduct

from .factories import make_service, record

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
THIS_MONTH = TODAY.replace(day=1)


# --- What changed since a snapshot --------------------------------------------------------


def test_changes_since_a_snapshot_lists_added_retired_and_changed_services(organisation):
    unchanged = make_service(organisation, name_en="Unchanged")
    renamed = make_service(organisation, name_en="Old name")
    retired = make_service(organisation, name_en="To retire")
    snapshot = take_snapshot()

    details = register.ServiceDetails.from_service(renamed)
    details.name_en = "New name"
    details.channels = {"online": True, "phone": True}
    register.update_service(service=renamed, details=details, changed_by=None)
    register.retire_service(service=retired, retired_on=TODAY, retired_by=None)
    added = make_service(organisation, name_en="Brand new")

    changes = changes_since(snapshot)

    assert [s.public_id for s in changes.added] == [added.public_id]
    assert [s.public_id for s in changes.retired] == [retired.public_id]
    assert [s.public_id for s in changes.changed] == [renamed.public_id]
    assert unchanged.public_id not in {s.public_id for s in changes.changed}
    fields = {change.column.code: (change.old, change.new) for change in changes.changed[0].changes}
    assert fields["name_en"] == ("Old name", "New name")
    assert fields["channels_in_welsh"] == (["online"], ["online", "phone"])
    assert fields["welsh_availability"] == ("some", "all")
    assert (changes.added_count, changes.retired_count, changes.changed_count) == (1, 1, 1)
    assert changes.has_changes


def test_renaming_a_service_area_is_not_a_change_to_each_service(organisation):
    make_service(organisation)
    snapshot = take_snapshot()
    area = ServiceArea.objects.get(code="streets-highways")
    register.save_service_area(area=area, name_en="Roads", name_cy="Ffyrdd")

    assert not changes_since(snapshot).has_changes


def test_the_lists_of_changes_stop_at_the_limit_but_the_counts_do_not(organisation):
    snapshot = take_snapshot()
    for number in range(3):
        make_service(organisation, name_en=f"New {number}")

    changes = changes_since(snapshot, limit=2)

    assert changes.added_count == 3
    assert len(changes.added) == 2


def test_a_change_reads_in_the_readers_language(organisation):
    service = make_service(organisation)
    snapshot = take_snapshot()
    register.retire_service(service=service, retired_on=TODAY, retired_by=None)
    make_service(organisation, name_en="Other", name_cy="Arall")

    changes = changes_since(snapshot)
    with translation.override("cy"):
        assert changes.added[0].name == "Arall"


# --- The landscape --------------------------------------------------------------------------


def test_median_of_an_odd_and_an_even_number_of_figures():
    assert _median([1.0, 2.0, 10.0]) == 2.0
    assert _median([1.0, 2.0, 4.0, 10.0]) == 3.0
    assert _median([]) is None


@pytest.fixture
def landscape_data(organisation, other_organisation):
    other_organisation.type = OrganisationType.LOCAL_HEALTH_BOARD
    other_organisation.save()
    crm = TechnologyProduct.objects.create(name="CRM One", supplier="Acme")
    forms = TechnologyProduct.objects.create(name="Forms Two", supplier="Acme")
    housing = ServiceArea.objects.get(code="housing")
    first = make_service(
        organisation,
        service_area=housing,
        channels={"online": True, "phone": True},
        technology=[crm, forms],
    )
    second = make_service(
        organisation, service_area=housing, channels={"online": False}, technology=[crm]
    )
    third = make_service(
        other_organisation, phase="alpha", channels={}, technology=[crm], users_served=[]
    )
    gone = make_service(other_organisation, technology=[forms])
    register.retire_service(service=gone, retired_on=TODAY, retired_by=None)
    recent = recent_since()
    record(first, "user-satisfaction", recent, "80")
    record(second, "user-satisfaction", recent, "60")
    record(second, "user-satisfaction", recent.replace(year=recent.year - 2), "10")
    record(third, "completion-rate", THIS_MONTH, "90")
    return first, second, third


def tally(tallies, code):
    return next(t.count for t in tallies if t.code == code)


def test_the_landscape_counts_current_services_by_each_dimension(landscape_data):
    figures = landscape_figures()

    assert figures.total == 3
    assert tally(figures.by_body_type, "principal_council") == 2
    assert tally(figures.by_body_type, "local_health_board") == 1
    assert tally(figures.by_body_type, "police_force") == 0
    assert tally(figures.by_phase, "live") == 2
    assert tally(figures.by_phase, "alpha") == 1
    assert tally(figures.by_phase, "retired") == 0
    assert tally(figures.by_area, "housing") == 2
    assert tally(figures.by_area, "streets-highways") == 1
    assert tally(figures.by_channel, "online") == 2
    assert tally(figures.by_channel, "phone") == 1
    assert tally(figures.by_welsh, "all") == 1
    assert tally(figures.by_welsh, "none") == 1
    assert tally(figures.by_welsh, "unknown") == 1


def test_the_landscape_shows_coverage_and_freshness_by_body(
    landscape_data, organisation, other_organisation
):
    OrganisationFactory(name_en="Zzz body with nothing")
    coverage = {body.organisation: body for body in landscape_figures().coverage}

    assert coverage[organisation].services == 2
    assert coverage[organisation].with_recent_figures == 2
    assert coverage[organisation].percent_with_recent_figures == 100
    assert coverage[other_organisation].services == 1
    assert coverage[other_organisation].percent_with_recent_figures == 100
    assert coverage[organisation].last_updated is not None
    empty = next(body for body in coverage.values() if body.services == 0)
    assert empty.percent_with_recent_figures is None
    assert empty.last_updated is None


def test_the_landscape_ranks_products_by_how_many_bodies_share_them(landscape_data):
    products = landscape_figures().products

    assert [(use.product.name, use.bodies, use.services) for use in products] == [
        ("CRM One", 2, 3),
        ("Forms Two", 1, 1),
    ]


def test_kpi_medians_use_recent_figures_of_current_services_by_area(landscape_data):
    figures = landscape_figures()
    kpi_codes = [kpi.code for kpi in figures.kpis]
    housing = next(row for row in figures.medians if row.area_code == "housing")
    roads = next(row for row in figures.medians if row.area_code == "streets-highways")

    assert housing.medians[kpi_codes.index("user-satisfaction")] == 70.0
    assert housing.medians[kpi_codes.index("completion-rate")] is None
    assert roads.medians[kpi_codes.index("completion-rate")] == 90.0
    assert housing.formatted[kpi_codes.index("user-satisfaction")] == "70%"


def test_both_languages_are_worked_out_from_one_reading_of_the_register(
    django_assert_num_queries,
):
    nature = OrganisationFactory(
        name_en="Natural Resources Wales", name_cy="Cyfoeth Naturiol Cymru"
    )
    cardiff = OrganisationFactory(name_en="Cardiff Council", name_cy="Cyngor Caerdydd")
    make_service(nature, phase="live")
    make_service(cardiff, phase="live")

    # One language's 7 queries, and one more for the bodies' order in the other.
    with django_assert_num_queries(8):
        figures = landscape_figures_in(["cy", "en"])

    assert figures["cy"].total == figures["en"].total == 2
    live = {
        language: next(t for t in figures[language].by_phase if t.code == "live")
        for language in figures
    }
    assert (live["en"].label, live["en"].count) == ("Live", 2)
    assert (live["cy"].label, live["cy"].count) == ("Byw", 2)
    ours = {nature, cardiff}
    order = {
        language: [b.organisation for b in figures[language].coverage if b.organisation in ours]
        for language in figures
    }
    assert order == {"en": [cardiff, nature], "cy": [nature, cardiff]}  # each by its own names


def refresh_both_languages() -> None:
    """What the worker does after a change (tests leave it to each test)."""
    refresh_landscape_figures()


def test_the_landscape_makes_the_same_queries_whatever_the_size(
    client, organisation, django_assert_num_queries
):
    make_service(organisation)
    with django_assert_num_queries(7):
        landscape_figures()
    refresh_both_languages()
    with CaptureQueriesContext(connection) as small:
        assert client.get("/en/open-data/landscape/").status_code == 200
    small_count = len(small)  # the next request empties the query log

    for number in range(12):
        body = OrganisationFactory()
        product = TechnologyProduct.objects.create(name=f"Product {number}")
        service = make_service(body, technology=[product], channels={"email": True})
        record(service, "digital-take-up", recent_since(), str(number))
    with django_assert_num_queries(7):
        landscape_figures()
    refresh_both_languages()
    with CaptureQueriesContext(connection) as large:
        assert client.get("/en/open-data/landscape/").status_code == 200

    assert len(large) == small_count == 1


def test_the_dashboard_shows_stored_figures_with_their_date_and_never_writes(client, organisation):
    make_service(organisation, name_en="First")
    refresh_both_languages()
    make_service(organisation, name_en="Second")
    LandscapeFigures.objects.update(worked_out_at=timezone.now() - datetime.timedelta(days=3))

    with CaptureQueriesContext(connection) as read:
        stale = client.get("/en/open-data/landscape/")
    statements = [query["sql"].split()[0] for query in read]  # the next request empties it
    welsh = client.get("/cy/open-data/landscape/")

    assert stale.context["figures"].total == 1  # stale, shown as it is
    assert statements == ["SELECT"]
    worked_out = timezone.localtime(LandscapeFigures.objects.get(language="en").worked_out_at)
    assert f"{worked_out:%-d} {worked_out:%B %Y}" in stale.content.decode()
    assert welsh.context["figures"].total == 1
    assert LandscapeFigures.objects.filter(refresh_requested_at__isnull=False).count() == 0


def test_before_anything_is_worked_out_the_dashboard_says_figures_are_being_prepared(
    client, organisation
):
    make_service(organisation)

    english = client.get("/en/open-data/landscape/")
    welsh = client.get("/cy/open-data/landscape/")

    assert english.status_code == welsh.status_code == 200
    assert "The figures are being prepared" in english.content.decode()
    assert "Mae'r ffigurau'n cael eu paratoi" in html.unescape(welsh.content.decode())
    assert not LandscapeFigures.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_change_to_the_register_queues_one_refresh_after_it_commits(organisation):
    make_service(organisation, name_en="First")  # commits; tests run the queued task at once

    assert LandscapeFigures.objects.get(language="en").landscape.total == 1
    assert LandscapeFigures.objects.get(language="cy").landscape.total == 1

    with (
        mock.patch("porth.open_data.tasks.refresh_landscape_later", backend="default") as task,
        transaction.atomic(),
    ):
        make_service(organisation, name_en="Second")
        make_service(organisation, name_en="Third")
        assert task.enqueue.call_count == 0  # nothing before the commit
    # One refresh, for both languages, for the whole transaction.
    assert [call.kwargs for call in task.enqueue.call_args_list] == [{"languages": ["cy", "en"]}]


def test_a_refresh_already_queued_is_not_queued_again(organisation):
    make_service(organisation)
    refresh_both_languages()
    LandscapeFigures.objects.update(refresh_requested_at=timezone.now())

    with mock.patch("porth.open_data.tasks.refresh_landscape_later", backend="default") as task:
        _claim_and_queue_refresh()
    assert task.enqueue.call_count == 0

    LandscapeFigures.objects.update(
        refresh_requested_at=timezone.now() - datetime.timedelta(hours=1)  # a lost claim
    )
    with mock.patch("porth.open_data.tasks.refresh_landscape_later", backend="default") as task:
        _claim_and_queue_refresh()
    assert [call.kwargs for call in task.enqueue.call_args_list] == [{"languages": ["cy", "en"]}]


def test_where_the_queue_can_wait_a_claimed_refresh_runs_a_minute_later_for_every_change_since(
    organisation, queue_that_waits
):
    make_service(organisation)
    refresh_both_languages()

    _claim_and_queue_refresh()
    _claim_and_queue_refresh()  # a second change within the minute queues nothing more

    [refresh] = [r for r in queue_that_waits if r.task.name == "refresh_landscape_later"]
    assert refresh.kwargs == {"languages": ["cy", "en"]}  # one for both languages
    assert 50 < (refresh.task.run_after - timezone.now()).total_seconds() <= 60


def test_the_refresh_command_works_the_figures_out_in_both_languages(organisation):
    make_service(organisation)

    call_command("refresh_landscape", "--now", stdout=io.StringIO())

    assert {row.language: row.landscape.total for row in LandscapeFigures.objects.all()} == {
        "en": 1,
        "cy": 1,
    }


def test_stored_figures_that_cannot_be_read_back_wait_for_the_worker(client, organisation):
    make_service(organisation)
    refresh_both_languages()
    LandscapeFigures.objects.update(figures=b"not a pickle")

    assert (
        "The figures are being prepared" in client.get("/en/open-data/landscape/").content.decode()
    )
