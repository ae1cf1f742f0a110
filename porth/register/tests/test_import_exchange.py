"""Register data exchange (issue 11, ADR 0040): rows match by service ID or the body's own
reference and never by name; empty cells leave details alone unless the person says; the
preview shows every change first, with before and after, and downloads in full; problems are
grouped, show the bad value, and download in full; a body's own export imports as a no-op."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from porth.open_data.columns import SERVICE_COLUMNS, service_rows
from porth.register import imports
from porth.register.forms.service_steps import NameForm
from porth.register.imports.services import similar_name
from porth.register.models import ImportStatus, Service, ServiceChange

from .test_actions import create
from .test_imports import SERVICE_HEADERS, _export, confirm, csv_bytes, run, service_row, xlsx_bytes

pytestmark = pytest.mark.django_db


def choose(record, person, *, decisions=None, empty_cells_clear=False):
    """The person's choices on the preview, then the check again (the immediate backend)."""
    imports.choose_for_import(
        spreadsheet_import=record,
        empty_cells_clear=empty_cells_clear,
        decisions=decisions or {},
        chosen_by=person,
    )
    imports.check_import(record.pk)
    record.refresh_from_db()
    return record


def bins(organisation, editor, **overrides):
    return create(
        organisation,
        editor,
        name_en="Empty the bins",
        name_cy="Gwagio'r biniau",
        url_en="https://example.gov.wales/bins",
        team_roles=["design", "delivery"],
        **overrides,
    )


# --- Matching -------------------------------------------------------------------------------


def test_a_row_named_like_a_service_without_id_or_reference_never_changes_it(organisation, editor):
    service = bins(organisation, editor)
    before = ServiceChange.objects.count()
    row = service_row(name="Empty the bins", name_cy="Gwagio'r biniau")
    row[2] = "A newcomer's text that must not overwrite the body's own service."
    record = run(organisation, editor, csv_bytes([SERVICE_HEADERS, row]))
    assert record.status == ImportStatus.CHECKED, record.problems
    assert record.preview["undecided"] == 1
    assert record.preview["rows"][0]["duplicate_of"] == service.public_id
    assert not record.can_be_applied
    with pytest.raises(imports.ImportNotReady):
        imports.confirm_import(spreadsheet_import=record, confirmed_by=editor)
    record = confirm(choose(record, editor, decisions={"2": "skip"}), editor)
    assert record.summary["counts"] == {"created": 0, "updated": 0, "unchanged": 0}
    assert record.summary["skipped"] == 1
    service.refresh_from_db()
    assert service.description_en == "Tell us about a pothole on a road or pavement."
    assert service.team_roles == ["design", "delivery"]
    assert ServiceChange.objects.count() == before


def test_a_very_similar_name_is_flagged_too_and_the_person_may_add_or_link(organisation, editor):
    service = bins(organisation, editor)
    assert similar_name("Empty your bins!") == similar_name("empty the  bins")
    rows = [
        SERVICE_HEADERS,
        service_row(name="Empty your bins!", name_cy="Gwagio biniau"),
        service_row(name="Empty the bins", name_cy="Gwagio'r biniau"),
    ]
    record = run(organisation, editor, csv_bytes(rows))
    assert record.preview["undecided"] == 2
    record = choose(record, editor, decisions={"2": "add", "3": service.public_id})
    assert record.preview["undecided"] == 0
    assert record.preview["counts"] == {"created": 1, "updated": 1, "unchanged": 0}
    confirm(record, editor)
    assert Service.objects.filter(organisation=organisation).count() == 2
    service.refresh_from_db()
    assert service.description_en == "Bins emptied weekly."


def test_a_renamed_service_with_the_same_reference_is_updated_not_duplicated(organisation, editor):
    service = bins(organisation, editor, reference="BINS-1")
    headers = [*SERVICE_HEADERS, "reference"]
    row = [*service_row(name="Collect household waste", name_cy="Casglu gwastraff"), "BINS-1"]
    record = confirm(run(organisation, editor, csv_bytes([headers, row])), editor)
    assert record.summary["counts"] == {"created": 0, "updated": 1, "unchanged": 0}
    assert Service.objects.filter(organisation=organisation).count() == 1
    service.refresh_from_db()
    assert service.name_en == "Collect household waste"
    assert service.reference == "BINS-1"


def test_a_new_reference_adds_a_service_even_beside_one_with_the_same_name(organisation, editor):
    bins(organisation, editor)
    headers = [*SERVICE_HEADERS, "Your reference"]
    record = run(organisation, editor, csv_bytes([headers, [*service_row(), "BINS-2"]]))
    assert record.preview["counts"]["created"] == 1
    assert record.preview["undecided"] == 0


def test_a_reference_is_unique_within_a_body_on_every_door(
    organisation, other_organisation, editor
):
    first = bins(organisation, editor, reference="BINS-1")
    second = create(organisation, editor, reference="ROADS-1")
    create(other_organisation, None, reference="BINS-1")  # another body may use it
    headers = [*SERVICE_HEADERS, "public_id", "reference"]
    row = [*service_row(), second.public_id, "BINS-1"]
    record = run(organisation, editor, csv_bytes([headers, row]))
    with translation.override("en"):
        assert [imports.describe(p) for p in record.problems] == [
            "Another of your organisation's services already has the reference “BINS-1”"
        ]
    data = {
        "name_en": "Roads",
        "name_cy": "Ffyrdd",
        "description_en": "Roads.",
        "description_cy": "Ffyrdd.",
        "reference": "BINS-1",
    }
    with translation.override("en"):
        form = NameForm(data, organisation=organisation, service=second)
        assert not form.is_valid()
        assert form.errors["reference"] == [
            "Another of your organisation's services already has the reference “BINS-1”"
        ]
        assert NameForm(data, organisation=organisation, service=first).is_valid()


# --- Empty cells ----------------------------------------------------------------------------


def test_an_empty_cell_never_clears_a_detail_unless_the_box_is_ticked(organisation, editor):
    service = bins(organisation, editor)
    headers = [*SERVICE_HEADERS, "public_id", "url_en", "team_roles", "owner_name"]
    same = [
        service.name_en,
        service.name_cy,
        service.description_en,
        service.description_cy,
        "streets-highways",
        "live",
    ]
    data = csv_bytes([headers, [*same, service.public_id, "", "", ""]])
    record = run(organisation, editor, data)
    assert record.preview["counts"] == {"created": 0, "updated": 0, "unchanged": 1}
    record = choose(record, editor, empty_cells_clear=True)
    assert record.preview["counts"] == {"created": 0, "updated": 1, "unchanged": 0}
    service.refresh_from_db()
    assert service.url_en == "https://example.gov.wales/bins"  # not yet: only previewed
    confirm(record, editor)
    service.refresh_from_db()
    assert (service.url_en, service.team_roles, service.owner_name) == ("", [], "")


# --- The preview ----------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_preview_shows_changes_first_with_before_and_after_and_downloads_in_full(
    client, organisation, editor, file_format
):
    service = bins(organisation, editor)
    rows = [[*SERVICE_HEADERS, "public_id"]]
    rows += [[*service_row(name=f"Service {n}", name_cy=f"Gwasanaeth {n}"), ""] for n in range(3)]
    rows.append([*service_row(name="Empty the bins", name_cy="Gwagio'r biniau"), service.public_id])
    record = run(organisation, editor, csv_bytes(rows))
    preview = record.preview["rows"]
    assert [row["action"] for row in preview] == ["updated", "created", "created", "created"]
    labels = {change["label"]["en"]: change for change in preview[0]["changes"]}
    assert labels["Description in English"]["before"]["en"] == (
        "Tell us about a pothole on a road or pavement."
    )
    assert labels["Description in English"]["after"]["en"] == "Bins emptied weekly."
    client.force_login(editor)
    page = client.get(reverse("register:import_detail", args=[organisation.slug, record.pk]))
    assert "Bins emptied weekly." in page.text
    download = client.get(
        reverse(
            "register:import_preview_download", args=[organisation.slug, record.pk, file_format]
        )
    )
    assert download.status_code == 200
    lines = _read(download.content, file_format)
    assert lines[0][:3] == ["Row", "What happens", "Service ID"]
    assert [line[1] for line in lines[1:]].count("New service") == 3
    changed = [line for line in lines[1:] if line[1] == "Changed"]
    assert len(changed) == len(preview[0]["changes"])


def _read(content: bytes, file_format: str) -> list[list]:
    if file_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


# --- Problems -------------------------------------------------------------------------------


def test_problems_show_the_bad_value_and_the_allowed_codes(organisation, editor):
    rows = [
        [*SERVICE_HEADERS, "url_en"],
        [*service_row(area="bins-and-things"), "not a web address"],
    ]
    record = run(organisation, editor, csv_bytes(rows))
    with translation.override("en"):
        by_column = {p["column"]: (p.get("value"), imports.describe(p)) for p in record.problems}
    value, message = by_column["service_area"]
    assert value == "bins-and-things"
    assert "waste-recycling" in message and "streets-highways" in message
    assert by_column["url_en"][0] == "not a web address"


def test_problems_are_grouped_by_kind_and_the_download_lists_every_one(
    client, organisation, editor
):
    rows = [SERVICE_HEADERS] + [service_row(name=f"S{n}", area="") for n in range(30)]
    rows.append(service_row(name="Bad area", area="nowhere"))
    record = run(organisation, editor, csv_bytes(rows))
    assert len(record.problems) == 31
    client.force_login(editor)
    page = client.get(reverse("register:import_detail", args=[organisation.slug, record.pk]))
    groups = page.context["problem_groups"]
    assert [(group["column"], group["count"]) for group in groups] == [
        ("Service area code", 30),
        ("Service area code", 1),
    ]
    for file_format in ("csv", "xlsx"):
        download = client.get(
            reverse(
                "register:import_problems_download",
                args=[organisation.slug, record.pk, file_format],
            )
        )
        lines = _read(download.content, file_format)
        assert len(lines) == 32  # the column names and every problem
        assert [str(c) for c in lines[-1][:3]] == ["32", "Service area code", "nowhere"]


# --- Round trip -----------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_importing_a_bodys_own_export_changes_nothing_whatever_its_line_endings(
    organisation, editor, file_format
):
    bins(organisation, editor, reference="BINS-1", description_en="Line one\r\nLine two  \rThree")
    create(organisation, editor, name_en="Pay council tax", name_cy="Talu treth gyngor")
    services = Service.objects.filter(organisation=organisation).order_by("pk")
    exported = [dict(row) for row in service_rows(services)]
    for row in exported:  # as a spreadsheet program may save them
        row["description_en"] = row["description_en"].replace("\n", "\r\n") + " "
    changes = ServiceChange.objects.count()
    record = run(
        organisation,
        editor,
        _export(SERVICE_COLUMNS, exported, file_format),
        name=f"export.{file_format}",
    )
    assert record.preview["counts"] == {"created": 0, "updated": 0, "unchanged": 2}, (
        record.problems or record.preview["rows"]
    )
    confirm(record, editor)
    assert ServiceChange.objects.count() == changes
    assert services.get(reference="BINS-1").description_en == "Line one\nLine two\nThree"


def test_an_xlsx_without_ids_or_references_is_flagged_not_matched(organisation, editor):
    bins(organisation, editor)
    record = run(
        organisation, editor, xlsx_bytes([SERVICE_HEADERS, service_row()]), name="file.xlsx"
    )
    assert record.preview["undecided"] == 1
