"""The register's reads for pages, exports and the API (search has its own: test_search.py)."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from porth.organisations.tests.factories import OrganisationFactory
from porth.register import actions, queries
from porth.register.models import ChangeKind, Measure, Service, SpreadsheetImport
from porth.register.queries import (
    MetricSeries,
    editable_organisations,
    measures_for,
    metric_series,
    published_services,
    service_for_page,
    service_history,
    similar_services,
    with_details_read,
)

from .factories import MeasureFactory, ServiceFactory
from .test_actions import create, details

pytestmark = pytest.mark.django_db


def test_published_services_leave_out_retired_ones_unless_asked(register):
    pothole = register[0]
    actions.retire_service(service=pothole, retired_on=datetime.date.today(), retired_by=None)
    assert pothole not in published_services()
    assert pothole in published_services(include_retired=True)
    assert published_services().count() == 2


def test_published_services_bring_their_body_and_area_in_the_same_query(register):
    with CaptureQueriesContext(connection) as captured:
        rows = [(s.organisation.name, s.service_area.name) for s in published_services()]
    assert len(rows) == 3
    assert len(captured) == 1


def test_service_for_page_finds_a_service_by_its_id_in_any_case(register):
    pothole = register[0]
    found = service_for_page(pothole.public_id.lower())
    assert found == pothole
    with CaptureQueriesContext(connection) as captured:
        assert [c.channel for c in found.channels.all()] == ["online", "phone"]
        list(found.users_served.all())
        list(found.partner_organisations.all())
    assert len(captured) == 0  # already read with the service


def test_service_for_page_is_none_for_an_unknown_id(register):
    assert service_for_page("PS-999999") is None


def test_service_history_lists_the_latest_changes_first(register, editor):
    pothole = register[0]
    actions.mark_service_reviewed(
        service=pothole, reviewed_on=datetime.date(2025, 1, 2), reviewed_by=editor
    )
    history = service_history(pothole)
    assert history[0].changed_by == editor
    assert history[-1].kind == ChangeKind.CREATED
    assert len(service_history(pothole, limit=1)) == 1


def test_similar_services_come_from_other_bodies_in_the_same_area(register, organisation):
    pothole, _council_tax, water = register
    for number in range(3):
        create(OrganisationFactory(), name_en=f"Report a pothole {number}")
    create(organisation, name_en="Report a blocked drain")
    similar = similar_services(pothole)
    assert water in similar
    assert all(other.organisation_id != organisation.pk for other in similar)
    assert len({other.organisation_id for other in similar}) == len(similar) == 4


def test_similar_services_read_what_the_list_shows_without_another_query(
    register, django_assert_num_queries
):
    """Only the name, ID and body's name are read (ADR 0063): showing them makes no query,
    and the list is at most two queries (one where only the area in name order is read)."""
    pothole = register[0]
    for number in range(3):
        create(OrganisationFactory(), name_en=f"Report a pothole {number}")
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 1):
        similar = similar_services(pothole)
    with django_assert_num_queries(0):
        shown = [(o.get_absolute_url(), o.name, o.organisation.name) for o in similar]
    assert len(shown) == 4


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram likeness needs PostgreSQL")
def test_on_postgresql_the_area_is_not_read_when_alike_names_fill_the_list(
    register, django_assert_num_queries
):
    pothole = register[0]
    for number in range(6):
        create(OrganisationFactory(), name_en=f"Report a pothole {number}")
    with django_assert_num_queries(1):
        similar = similar_services(pothole)
    assert len({other.organisation_id for other in similar}) == len(similar) == 5


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_on_postgresql_similar_services_walk_the_nearest_names_of_the_area_only(register):
    """The nearest names are read from the area-and-names index with the area as a condition
    of the index (ADR 0076), not from the names of the whole register with the other areas
    thrown away: the area is compared as the column's own type. On a small table PostgreSQL
    would rather read it all, so sequential reads are turned off for the plan."""
    pothole = register[0]
    create(OrganisationFactory(), name_en="Report a pothole")
    with CaptureQueriesContext(connection) as captured:
        similar_services(pothole)
    nearest = captured.captured_queries[0]["sql"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + nearest)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "register_service_area_names_gist" in plan
    assert "Index Cond: (service_area_id = " in plan


def test_with_details_read_reads_groups_partners_channels_and_products_once(
    organisation, other_organisation, django_assert_num_queries
):
    service = create(organisation, partner_organisations=[other_organisation])
    service = Service.objects.select_related("service_area").get(pk=service.pk)
    with django_assert_num_queries(4):
        with_details_read(service)
    with django_assert_num_queries(0):
        first = actions.ServiceDetails.from_service(service)
        again = actions.ServiceDetails.from_service(service)
    assert first == again
    assert first.partner_organisations == [other_organisation]


def test_checking_an_editors_answers_reads_the_services_details_once(client, organisation, editor):
    """Every page of questions reads the service's details; they are read once a request,
    not four queries a page (58 queries before, ADR 0063)."""
    service = create(organisation)
    client.force_login(editor)
    check = reverse("register:service_update", kwargs={"public_id": service.public_id})
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"{check}?start=1").status_code == 200
    technology = [query for query in captured if "register_service_technology" in query["sql"]]
    assert len(technology) == 1
    assert len(captured) <= 20


def test_metric_series_keeps_the_latest_periods_in_order(organisation):
    service = ServiceFactory(organisation=organisation)
    measure = Measure.objects.get(code="transactions-online")
    for month in range(1, 13):
        for year in (2023, 2024):
            actions.record_metric_value(
                service=service,
                measure=measure,
                period_type="month",
                period_start=datetime.date(year, month, 1),
                value=Decimal(month),
                recorded_by=None,
            )
    (series,) = metric_series(service, periods=6)
    assert [f.period_start for f in series.figures] == [
        datetime.date(2024, month, 1) for month in range(7, 13)
    ]
    assert series.latest.period_start == datetime.date(2024, 12, 1)


def test_a_metric_series_knows_its_latest_figure(organisation):
    service = ServiceFactory(organisation=organisation)
    measure = Measure.objects.get(code="transactions-online")
    for month, value in ((1, Decimal(5)), (2, None)):
        actions.record_metric_value(
            service=service,
            measure=measure,
            period_type="month",
            period_start=datetime.date(2025, month, 1),
            value=value,
            not_provided_reason="" if value is not None else "System outage",
            recorded_by=None,
        )
    (series,) = metric_series(service)
    assert isinstance(series, MetricSeries)
    assert series.latest.period_start == datetime.date(2025, 2, 1)


def test_measures_offered_are_the_shared_ones_and_the_bodys_own(organisation, other_organisation):
    service = ServiceFactory(organisation=organisation)
    own = MeasureFactory(organisation=organisation)
    theirs = MeasureFactory(organisation=other_organisation)
    offered = list(measures_for(service))
    assert own in offered
    assert theirs not in offered
    assert Measure.objects.get(code="user-satisfaction") in offered


def test_editors_and_centre_staff_know_where_they_can_add_services(
    organisation, other_organisation, editor, member, centre_staff
):
    assert list(editable_organisations(editor)) == [organisation]
    assert list(editable_organisations(member)) == []
    assert set(editable_organisations(centre_staff)) == {organisation, other_organisation}


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram likeness needs PostgreSQL")
def test_on_postgresql_the_most_alike_name_comes_first_however_many_services_share_the_area(
    register,
):
    pothole = register[0]
    for number in range(25):  # more than similar_services reads from the name index
        create(OrganisationFactory(), name_en=f"Apply for a licence {number}", name_cy="Trwydded")
    alike = create(OrganisationFactory(), name_en="Report a pothole on a road", name_cy="Twll")
    similar = similar_services(pothole)
    assert similar[0] == alike
    assert len({other.organisation_id for other in similar}) == len(similar) == 5


def test_service_added_by_form_finds_the_service_a_one_time_token_added(organisation):
    token = uuid.uuid4()
    service = ServiceFactory(organisation=organisation, creation_token=token)

    assert queries.service_added_by_form(token) == service
    assert queries.service_added_by_form(uuid.uuid4()) is None
    assert queries.service_added_by_form(None) is None


def test_reference_taken_looks_only_at_the_bodys_other_services(organisation, other_organisation):
    service = ServiceFactory(organisation=organisation, reference="HR-042")
    ServiceFactory(organisation=other_organisation, reference="CS-1")
    assert queries.reference_taken(organisation=organisation, reference="HR-042", service=None)
    assert not queries.reference_taken(
        organisation=organisation, reference="HR-042", service=service
    )
    assert not queries.reference_taken(organisation=organisation, reference="CS-1", service=None)


def test_past_imports_are_the_bodys_own_newest_first_without_their_files(
    organisation, other_organisation, editor
):
    from porth.register import imports

    def upload(body, name):
        return imports.start_import(
            organisation=body, kind="services", file_name=name, data=b"a,b", uploaded_by=editor
        )

    first, second = upload(organisation, "first.csv"), upload(organisation, "second.csv")
    upload(other_organisation, "theirs.csv")
    found = list(queries.past_imports(organisation))
    assert [record.pk for record in found] == [second.pk, first.pk]
    assert "file_data" in found[0].get_deferred_fields()


def test_import_dictionary_and_its_csv_describe_every_kind_and_code_list():
    described = queries.import_dictionary()
    assert set(described["columns"]) == {"services", "metrics"}
    assert any(code_list.key == "phase" for code_list in described["code_lists"])
    assert queries.import_dictionary_csv("services").startswith("\ufeff".encode())


def test_public_register_changes_give_a_publicchange_per_public_change_newest_first(
    organisation, editor
):
    """Each PublicChange carries the change and its public lines in the reader's language; a
    change to the owner's details alone is left out, and one body's list is its own."""
    service = create(organisation, editor)
    actions.update_service(
        service=service, details=details(owner_email="new.owner@example.gov.uk"), changed_by=editor
    )
    actions.update_service(
        service=service,
        details=details(owner_email="new.owner@example.gov.uk", name_en="Pay your council tax"),
        changed_by=editor,
    )
    create(OrganisationFactory(), editor)

    found = queries.public_register_changes(organisation=organisation)

    assert all(isinstance(item, queries.PublicChange) for item in found)
    assert [item.change.kind for item in found] == [ChangeKind.UPDATED, ChangeKind.CREATED]
    assert not any("example.gov.uk" in str(item.lines) for item in found)
    assert any(line["new"] == "Pay your council tax" for line in found[0].lines)
    assert len(queries.public_register_changes()) == 3


def test_the_import_page_reads_one_page_of_the_preview_and_every_flagged_row(organisation, editor):
    from porth.register.queries import import_outcome

    rows = [
        {"row": n, "action": "duplicate" if n in (3, 150) else "created", "name": {"en": str(n)}}
        for n in range(2, 260)
    ]
    preview = {"counts": {"created": 256, "updated": 0, "unchanged": 0}, "rows": rows}
    made = SpreadsheetImport.objects.create(
        organisation=organisation, kind="services", file_name="f.csv", file_data=b"",
        uploaded_by=editor, status="checked", preview=preview,
    )  # fmt: skip
    record = SpreadsheetImport.objects.defer("preview", "summary").get(pk=made.pk)
    found, flagged = import_outcome(record)
    assert len(found) == 258 and list(found[100:200]) == rows[100:200]
    assert list(found[200:258]) == rows[200:] and found[5] == rows[5]
    assert flagged == [rows[1], rows[148]]
    assert record.preview == {"counts": preview["counts"]}


def test_live_service_count_is_kept_until_a_service_is_added_or_retired(
    settings, organisation, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    ServiceFactory(organisation=organisation)
    live = queries.published_services()

    assert queries.live_service_count(live) == 1
    # Retired behind the actions' back: nothing says the register changed, so not seen.
    Service.objects.update(is_retired=True, retired_on=datetime.date(2025, 1, 1))
    assert queries.live_service_count(live) == 1

    with django_capture_on_commit_callbacks(execute=True):
        create(organisation)
    assert queries.live_service_count(live) == 1  # the one just added; the other is retired
