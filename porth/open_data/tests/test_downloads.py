import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.db.models.signals import pre_init
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from porth.open_data.columns import METRIC_COLUMNS, SERVICE_COLUMNS, service_rows
from porth.open_data.forms import OpenDataFilters
from porth.open_data.queries import services_for_open_data
from porth.organisations.models import OrganisationType
from porth.register import actions
from porth.register.models import ServiceArea, ServiceChannel, TechnologyProduct, UserGroup
from porth.register.search import ServiceFilters

from .factories import make_service, record

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    """The streamed content, read once and kept (a stream can only be read once)."""
    if not hasattr(response, "read_body"):
        response.read_body = b"".join(response.streaming_content)
    return response.read_body


def csv_rows(response, columns=SERVICE_COLUMNS) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(body(response).decode("utf-8-sig")))
    headers = next(reader)
    codes = {column.header: column.code for column in columns}
    return [dict(zip([codes[h] for h in headers], row, strict=True)) for row in reader]


@pytest.fixture
def services(organisation, other_organisation):
    product = TechnologyProduct.objects.create(name="FormBuilder", supplier="Acme")
    housing = make_service(
        organisation,
        name_en="Apply for social housing",
        name_cy="Gwneud cais am dai cymdeithasol",
        service_area=ServiceArea.objects.get(code="housing"),
        channels={"online": True, "phone": True},
        users_served=["public", "third_sector"],
        technology=[product],
        partner_organisations=[other_organisation],
    )
    roads = make_service(other_organisation, name_en="=cmd|' /C calc'!A0", name_cy="Ffyrdd")
    return housing, roads


def test_the_csv_has_every_service_with_both_languages_and_bilingual_headings(client, services):
    response = client.get("/cy/open-data/services.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="porth-services-' in response["Content-Disposition"]
    assert "open-government-licence" in response["Link"]
    header = body(response).decode("utf-8-sig").splitlines()[0]
    assert "Name (English) / Enw (Saesneg)" in header
    rows = csv_rows(response)
    housing = next(row for row in rows if row["public_id"] == services[0].public_id)
    assert housing["name_en"] == "Apply for social housing"
    assert housing["name_cy"] == "Gwneud cais am dai cymdeithasol"
    assert housing["service_area_en"] == "Housing"
    assert housing["service_area_cy"] == "Tai"
    assert housing["phase_en"] == "Live"
    assert housing["phase_cy"] == "Byw"
    assert housing["welsh_availability"] == "all"
    assert housing["users_served"] == "public; third_sector"
    assert housing["technology"] == "FormBuilder (Acme)"
    assert "owner_email" not in housing
    assert "alys.owen" not in body(client.get("/cy/open-data/services.csv")).decode()


def test_a_formula_typed_as_a_name_is_neutralised_in_csv_and_xlsx(client, services):
    rows = csv_rows(client.get("/en/open-data/services.csv"))
    assert "'=cmd|' /C calc'!A0" in [row["name_en"] for row in rows]

    workbook = load_workbook(io.BytesIO(body(client.get("/en/open-data/services.xlsx"))))
    names = [row[1] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert "'=cmd|' /C calc'!A0" in names


def test_downloads_take_the_register_lists_filters(client, services, other_organisation):
    other_organisation.type = OrganisationType.LOCAL_HEALTH_BOARD
    other_organisation.save()

    by_area = csv_rows(client.get("/en/open-data/services.csv?area=housing"))
    by_body_type = csv_rows(client.get("/en/open-data/services.csv?body_type=local_health_board"))
    by_channel = csv_rows(client.get("/en/open-data/services.csv?channel=phone&welsh=all"))
    searched = csv_rows(client.get("/en/open-data/services.csv?q=cymdeithasol"))

    assert [row["public_id"] for row in by_area] == [services[0].public_id]
    assert [row["public_id"] for row in by_body_type] == [services[1].public_id]
    assert [row["public_id"] for row in by_channel] == [services[0].public_id]
    assert [row["public_id"] for row in searched] == [services[0].public_id]


def test_a_partner_organisation_finds_the_joint_service(client, services, other_organisation):
    rows = csv_rows(
        client.get(f"/en/open-data/services.csv?organisation={other_organisation.slug}")
    )

    assert {row["public_id"] for row in rows} == {s.public_id for s in services}


def test_retired_services_are_left_out_unless_asked_for(client, services):
    actions.retire_service(service=services[1], retired_on=datetime.date.today(), retired_by=None)

    assert len(csv_rows(client.get("/en/open-data/services.csv"))) == 1
    assert len(csv_rows(client.get("/en/open-data/services.csv?retired=on"))) == 2


def test_the_json_round_trips_to_the_services_fields(client, services):
    document = json.loads(body(client.get("/en/open-data/services.json")))
    housing = next(r for r in document["rows"] if r["public_id"] == services[0].public_id)
    service = services[0]
    service.refresh_from_db()

    assert housing["name_cy"] == service.name_cy
    assert housing["description_en"] == service.description_en
    assert housing["phase_since"] == service.phase_since.isoformat()
    assert housing["channels"] == ["online", "phone"]
    assert housing["channels_in_welsh"] == ["online", "phone"]
    assert housing["partner_organisations"] == [services[1].organisation.slug]
    assert housing["steps"] == ["apply", "track"]
    assert housing["online_steps"] == ["apply", "track"]
    assert housing["welsh_steps"] == ["apply"]
    assert housing["steps_in_welsh"] == "some"
    assert document["columns"][1] == {
        "code": "name_en",
        "label_en": "Name (English)",
        "label_cy": "Enw (Saesneg)",
    }


def test_the_csv_round_trips_to_the_json(client, services):
    from_csv = csv_rows(client.get("/en/open-data/services.csv"))
    from_json = json.loads(body(client.get("/en/open-data/services.json")))["rows"]

    for csv_row, json_row in zip(from_csv, from_json, strict=True):
        for code, value in json_row.items():
            if isinstance(value, list):
                value = "; ".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            elif value is None:
                value = ""
            if value.startswith(("=", "+", "-", "@")):
                value = "'" + value
            assert csv_row[code] == value, code


def test_the_metrics_download_carries_both_languages_and_filters_by_service(client, services):
    record(services[0], "user-satisfaction", datetime.date(2025, 1, 1), "81.5")
    record(services[1], "transactions-online", datetime.date(2025, 1, 1), "1200")
    record(services[1], "completion-rate", datetime.date(2025, 2, 1), None, reason="Not measured")

    def metrics(query: str) -> list[dict[str, str]]:
        return csv_rows(client.get(f"/en/open-data/metrics.csv?{query}"), METRIC_COLUMNS)

    everything = metrics("")
    housing_only = metrics("area=housing")
    one_measure = metrics("measure=transactions-online")

    assert len(everything) == 3
    assert [row["service"] for row in housing_only] == [services[0].public_id]
    assert housing_only[0]["measure_en"] == "User satisfaction"
    assert housing_only[0]["measure_cy"] == "Boddhad defnyddwyr"
    assert housing_only[0]["value"] == "81.50"
    assert housing_only[0]["period_end"] == "2025-01-31"
    assert [row["value"] for row in one_measure] == ["1200.00"]
    reasons = [row["not_provided_reason"] for row in everything if not row["value"]]
    assert reasons == ["Not measured"]


def test_the_metrics_spreadsheet_has_numbers_and_dates(client, services):
    record(services[0], "user-satisfaction", datetime.date(2025, 1, 1), "81.5")

    workbook = load_workbook(io.BytesIO(body(client.get("/en/open-data/metrics.xlsx"))))
    header, row = list(workbook.active.iter_rows(values_only=True))
    values = dict(zip([c.code for c in METRIC_COLUMNS], row, strict=True))

    with translation.override("cy"):
        assert header[0] == "Service ID / " + str(METRIC_COLUMNS[0].label)
    assert values["value"] == 81.5
    assert values["period_start"].date() == datetime.date(2025, 1, 1)


def test_an_unknown_format_is_not_found(client):
    assert client.get("/en/open-data/services.pdf").status_code == 404


def test_a_download_is_streamed(client, services):
    assert client.get("/en/open-data/services.json").streaming


def _one_body_csv(client, organisation) -> tuple[int, list[dict[str, str]]]:
    """How many queries a body's CSV takes, read to its end, and its rows."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/open-data/services.csv?organisation={organisation.slug}")
        rows = csv_rows(response)
    return len(queries), rows


def test_a_bodys_csv_takes_the_same_queries_however_many_services_and_related_rows(
    client, services, organisation, other_organisation
):
    few, rows = _one_body_csv(client, organisation)
    product = TechnologyProduct.objects.create(name="Bookings", supplier="")
    for number in range(6):
        make_service(
            organisation,
            name_en=f"Book a room {number}",
            channels={"online": True, "phone": True, "face_to_face": True},
            users_served=["public", "businesses"],
            technology=[product],
            partner_organisations=[other_organisation],
        )

    many, more_rows = _one_body_csv(client, organisation)

    assert (len(rows), len(more_rows)) == (1, 7)
    assert many == few
    joint = next(row for row in more_rows if row["name_en"] == "Book a room 0")
    assert joint["partner_organisations"] == other_organisation.slug
    assert joint["technology"] == "Bookings"
    assert joint["users_served"] == "public; businesses"


def test_download_rows_are_read_as_values_without_model_instances(services, organisation):
    """A row's service, body, area, partners, groups, channels and products are read as plain
    values: building an instance for each cost more than the row itself (ADRs 0062, 0063)."""
    built = []

    def count(sender, **_kwargs):
        built.append(sender.__name__)

    chosen = services_for_open_data(ServiceFilters(organisations=[organisation.slug]))
    pre_init.connect(count)
    try:
        rows = list(service_rows(chosen))
    finally:
        pre_init.disconnect(count)

    assert [row["technology"] for row in rows] == [["FormBuilder (Acme)"]]
    assert rows[0]["partner_organisations"] and rows[0]["service_area"] == "housing"
    assert built == []


def test_a_bodys_services_are_found_by_its_id_not_by_reading_every_service(
    services, organisation, other_organisation
):
    """The database is given the body's ID and its partnered services' IDs, which its indexes
    find, instead of a join on the slug with a subquery, which made it read the whole register."""
    filters = OpenDataFilters(QueryDict(f"organisation={other_organisation.slug}"))
    sql = str(services_for_open_data(filters.services).query)

    assert "EXISTS" not in sql
    assert f'"organisation_id" IN ({other_organisation.pk})' in sql
    assert f"IN ({services[0].pk})" in sql


def test_a_download_reads_partners_groups_channels_and_products_as_values_not_models(
    client, services, monkeypatch
):
    """Model instances for each service's related rows cost more than the rows themselves at
    100,000 services (ADR 0062): the download reads them as plain values."""

    def no_instances(*args, **kwargs):
        raise AssertionError("a related row was read as a model instance")

    for model in (UserGroup, ServiceChannel, TechnologyProduct):
        monkeypatch.setattr(model, "from_db", classmethod(no_instances))

    rows = csv_rows(client.get("/en/open-data/services.csv?retired=on"))

    housing = next(row for row in rows if row["public_id"] == services[0].public_id)
    assert housing["technology"] == "FormBuilder (Acme)"
    assert housing["users_served"] == "public; third_sector"
