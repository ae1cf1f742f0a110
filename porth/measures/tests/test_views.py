"""The dashboard, its downloads, the centre's targets and the API."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from porth.measures.models import Snapshot, Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapped(extra_measures):
    today = timezone.localdate()
    Snapshot.objects.create(
        measure_key="test.private", scope="", taken_on=today, value=7, counted=7, total=100
    )
    Snapshot.objects.create(
        measure_key="register.services_recorded",
        scope="",
        taken_on=today.replace(day=1),
        value=120,
        counted=12,
        total=12,
    )
    return today


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_public_dashboard_shows_public_measures_and_a_broken_one_as_not_available(
    client, snapped, language
):
    response = client.get(f"/{language}/measures/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "A broken measure" in page or "Mesur wedi torri" in page
    assert ("Not available" if language == "en" else "Ddim ar gael") in page
    assert "test.private" not in page and "A private measure" not in page
    assert "<svg" in page and "<table" in page
    assert "120" in page


def test_the_centre_dashboard_shows_every_measure_with_its_coverage(client, centre_staff, snapped):
    client.force_login(centre_staff)
    page = client.get("/en/measures/centre/all/").content.decode()
    assert "A private measure" in page
    assert "7 of 100 things" in page
    assert "No target set" in page


def test_a_private_measure_is_not_found_at_a_public_address(client, snapped):
    assert client.get("/en/measures/test.private/").status_code == 404
    assert client.get("/en/measures/test.private/csv/").status_code == 404
    assert client.get("/api/v1/success-measures/test.private/").status_code == 404


def test_a_people_from_a_body_cannot_set_targets(client, organisation_admin, snapped):
    client.force_login(organisation_admin)
    assert client.get("/en/measures/centre/test.private/target/").status_code == 403
    response = client.post("/en/measures/centre/test.private/target/", {"value": "5"})
    assert response.status_code == 403
    assert not Target.objects.exists()


def test_centre_staff_set_a_target_and_the_status_turns_red(client, centre_staff, snapped):
    client.force_login(centre_staff)
    response = client.post("/cy/measures/centre/test.private/target/", {"value": "5"})
    assert response.status_code == 302
    assert Target.objects.get().value == Decimal(5)
    page = client.get("/en/measures/centre/test.private/").content.decode()
    assert "Off target" in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter a target"),
        ("lots", "Enter the target as a number, like 75 or 12.5"),
        ("101", "A percentage target must be 100 or less"),
        ("-1", "The target must be 0 or more"),
    ],
)
def test_a_bad_target_is_refused_with_a_clear_message_and_keeps_what_was_typed(
    client, centre_staff, snapped, value, message
):
    client.force_login(centre_staff)
    response = client.post("/en/measures/centre/test.private/target/", {"value": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if value:
        assert f'value="{value}"' in page
    assert not Target.objects.exists()


def test_the_target_error_is_in_welsh_on_welsh_pages(client, centre_staff, snapped):
    client.force_login(centre_staff)
    response = client.post("/cy/measures/centre/test.private/target/", {"value": ""})
    assert "Rhowch darged" in response.content.decode()


def test_removing_a_target(client, centre_staff, snapped):
    Target.objects.create(measure_key="test.private", value=5)
    client.force_login(centre_staff)
    client.post("/en/measures/centre/test.private/target/", {"remove": "1"})
    assert not Target.objects.exists()


def test_a_measures_csv_has_headers_in_both_languages_and_its_history(client, snapped):
    response = client.get("/en/measures/register.services_recorded/csv/")
    assert response.status_code == 200
    assert "license" in response["Link"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1] == "Measure in English / Mesur yn Saesneg"
    assert len(rows) == 13
    assert rows[-1][8] == "120.0"


def test_a_filter_hides_small_numbers_in_the_page_and_the_csv(client, extra_measures):
    Snapshot.objects.create(
        measure_key="register.services_recorded",
        scope="type:police_force",
        taken_on=timezone.localdate().replace(day=1),
        value=3,
        counted=2,
        total=2,
    )
    page = client.get("/en/measures/?body_type=police_force").content.decode()
    assert "Fewer than 5 records match these filters" in page
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    "/en/measures/register.services_recorded/csv/?body_type=police_force"
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[-1][8] == "" and "Fewer than 5" in rows[-1][12]


def test_a_filter_that_is_not_on_the_list_counts_everyone_and_says_so(client, snapped):
    response = client.get("/en/measures/?body_type=nonsense")
    assert response.status_code == 200
    assert "A filter was not on the list" in response.content.decode()


def test_the_api_lists_public_measures_with_their_history_and_licence(client, snapped):
    data = client.get("/api/v1/success-measures/").json()
    assert data["licence"]["name_cy"] == "Trwydded Llywodraeth Agored v3.0"
    keys = [m["key"] for m in data["results"]]
    assert "register.services_recorded" in keys and "test.private" not in keys
    broken = next(m for m in data["results"] if m["key"] == "test.broken")
    assert broken["latest"]["available"] is False
    services = client.get("/api/v1/success-measures/register.services_recorded/").json()
    assert services["name_cy"] == "Gwasanaethau wedi'u cofnodi"
    assert len(services["history"]) == 12


def test_the_api_refuses_a_filter_that_makes_no_sense(client, snapped):
    assert client.get("/api/v1/success-measures/?region=atlantis").status_code == 400


def test_the_api_downloads_csv_and_xlsx(client, snapped):
    csv_response = client.get("/api/v1/success-measures/download/csv/")
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    xlsx = client.get("/api/v1/success-measures/download/xlsx/")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Measures - Mesurau", "Licence - Trwydded"]
    assert client.get("/api/v1/success-measures/download/pdf/").status_code != 200


def test_the_refresh_button_queues_snapshots_for_today(
    client, centre_staff, extra_measures, django_capture_on_commit_callbacks
):
    client.force_login(centre_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/measures/centre/refresh/")
    assert response.status_code == 302
    assert Snapshot.objects.filter(taken_on=timezone.localdate(), scope="").count() > 5


def test_under_a_filter_a_small_line_of_a_breakdown_is_suppressed_too(client, extra_measures):
    """A whole figure of 40 can hide a line of 2: that line is blanked on the page and in the
    API, and the dashboard's downloads keep the filter."""
    Snapshot.objects.create(
        measure_key="register.services_recorded",
        scope="region:north",
        taken_on=timezone.localdate().replace(day=1),
        value=40,
        parts=[
            {"key": "councils", "label_en": "Councils", "label_cy": "Cynghorau", "value": 38},
            {"key": "police", "label_en": "Police", "label_cy": "Heddlu", "value": 2},
        ],
    )
    page = client.get("/en/measures/register.services_recorded/?region=north").content.decode()
    assert ">Police</th>" in page
    police_row = page.split(">Police</th>", 1)[1].split("</tr>", 1)[0]
    assert "Fewer than 5" in police_row and ">2<" not in police_row
    assert "38" in page

    data = client.get("/api/v1/success-measures/register.services_recorded/?region=north").json()
    parts = {part["key"]: part for part in data["latest"]["parts"]}
    assert parts["police"] == {**parts["police"], "value": None, "suppressed": True}
    assert parts["councils"]["value"] == 38 and parts["councils"]["suppressed"] is False

    dashboard = client.get("/en/measures/?region=north&utm=x").content.decode()
    assert '/api/v1/success-measures/download/csv/?region=north"' in dashboard


def test_without_a_filter_a_small_line_of_a_breakdown_is_shown(client, extra_measures):
    Snapshot.objects.create(
        measure_key="register.services_recorded",
        scope="",
        taken_on=timezone.localdate().replace(day=1),
        value=40,
        parts=[{"key": "police", "label_en": "Police", "label_cy": "Heddlu", "value": 2}],
    )
    data = client.get("/api/v1/success-measures/register.services_recorded/").json()
    assert data["latest"]["parts"][0]["value"] == 2
