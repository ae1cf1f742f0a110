"""The mapping step (issue 11 item 2, ADR 0047): a file with its own column names waits for
its columns to be matched instead of being refused; columns and values are mapped on one page
that works without JavaScript; the body's mapping is saved and offered for its next file.
Also the honest phase dates and the body's import history (issue 11 item 8)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from porth.register import imports
from porth.register.imports.mapping import saved_mapping, suggested_columns
from porth.register.models import ImportMapping, ImportStatus, Service

from .test_imports import SERVICE_HEADERS, confirm, csv_bytes, import_url, run, service_row

pytestmark = pytest.mark.django_db

FOREIGN = [
    "Service title",
    "Teitl",
    "Summary",
    "Crynodeb",
    "Area",
    "Customer type",
    "Stage",
    "Notes",
]


def foreign_row(customer="PERSON; BUSINESS", stage="LIVE SERVICE"):
    return [
        "Empty the bins",
        "Gwagio'r biniau",
        "Bins emptied weekly.",
        "Gwagio biniau bob wythnos.",
        "waste-recycling",
        customer,
        stage,
        "Internal note",
    ]


MAPPING = {
    "columns": [
        "name_en", "name_cy", "description_en", "description_cy", "service_area",
        "users_served", "phase", "",
    ],
    "values": {
        "users_served": {"person": "public", "business": "businesses"},
        "phase": {"live service": "live"},
    },
}  # fmt: skip


def foreign_file(organisation, editor):
    return run(organisation, editor, csv_bytes([FOREIGN, foreign_row()]))


def mapped(record, person, mapping=MAPPING):
    imports.map_import(spreadsheet_import=record, mapping=mapping, mapped_by=person)
    imports.check_import(record.pk)
    record.refresh_from_db()
    return record


def test_a_file_with_its_own_column_names_waits_for_them_to_be_matched_with_its_values_kept(
    organisation, editor
):
    record = foreign_file(organisation, editor)
    assert record.status == ImportStatus.MAPPING
    assert record.file_columns["headers"] == FOREIGN
    assert record.file_columns["values"][5] == ["PERSON; BUSINESS"]
    assert not Service.objects.exists()


def test_mapped_columns_and_values_are_checked_and_imported_by_the_usual_rules(
    organisation, editor
):
    record = mapped(foreign_file(organisation, editor), editor)
    assert record.status == ImportStatus.CHECKED, record.problems
    assert record.preview["counts"]["created"] == 1
    assert record.preview["ignored_columns"] == []
    confirm(record, editor)
    service = Service.objects.get()
    assert set(service.users_served.values_list("code", flat=True)) == {"public", "businesses"}
    assert service.phase == "live"


def test_a_value_left_unmapped_is_a_problem_showing_the_value_and_the_allowed_codes(
    organisation, editor
):
    mapping = {**MAPPING, "values": {"phase": {"live service": "live"}}}
    record = mapped(foreign_file(organisation, editor), editor, mapping)
    assert record.status == ImportStatus.CHECKED
    problem = record.problems[0]
    assert (problem["column"], problem["value"]) == ("users_served", "PERSON; BUSINESS")
    # The structured field's own words (ADR 0048) name the allowed codes.
    assert "public" in str(problem["params"])


def test_the_mapping_is_saved_for_the_body_and_offered_for_its_next_file(
    organisation, other_organisation, editor
):
    mapped(foreign_file(organisation, editor), editor)
    saved = saved_mapping(organisation, "services")
    assert saved.columns["customer type"] == "users_served"
    assert saved.values["users_served"]["person"] == "public"
    assert saved_mapping(other_organisation, "services") is None
    headers = ["Stage", "Service title", "Something new"]
    assert suggested_columns("services", headers, saved, {}) == ["phase", "name_en", ""]
    # A column named as Porth names it is recognised without a saved mapping.
    assert suggested_columns("services", ["Name (English)"], None, {}) == ["name_en"]
    mapped(foreign_file(organisation, editor), editor)
    assert ImportMapping.objects.count() == 1


def test_a_file_that_already_matches_never_stops_for_its_columns(organisation, editor):
    record = run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()]))
    assert record.status == ImportStatus.CHECKED
    assert record.file_columns["headers"] == SERVICE_HEADERS
    assert record.may_be_mapped


def test_an_applied_import_cannot_be_mapped_again(organisation, editor):
    record = confirm(run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()])), editor)
    with pytest.raises(imports.ImportNotReady):
        imports.map_import(spreadsheet_import=record, mapping=MAPPING, mapped_by=editor)


# --- The page ---------------------------------------------------------------------------------


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_import_page_sends_a_file_that_does_not_match_to_its_columns_page(
    client, organisation, editor, language
):
    record = foreign_file(organisation, editor)
    client.force_login(editor)
    response = client.get(import_url("import_detail", organisation, language, pk=record.pk))
    assert response["Location"] == import_url(
        "import_mapping", organisation, language, pk=record.pk
    )
    html = page(client.get(response["Location"]))
    assert html.html["lang"] == language
    assert html.select_one("label[for=id_column-0]").text.strip() == "Service title"
    assert (
        html.select_one("#id_column-0 option[selected]") is None
        or html.select_one("#id_column-0 option[selected]")["value"] == ""
    )
    # The body has no saved mapping yet: nothing is asked about values until a column is chosen.
    assert html.select_one("#values") is None
    assert ("is missing the column" if language == "en" else "Nid oes gan y ffeil") in html.text


def test_choosing_a_coded_column_without_javascript_shows_its_values_before_saving(
    client, organisation, editor
):
    record = foreign_file(organisation, editor)
    client.force_login(editor)
    url = import_url("import_mapping", organisation, pk=record.pk)
    posted = {f"column-{n}": code for n, code in enumerate(MAPPING["columns"])}
    response = client.post(url, {**posted, "shown": ""})
    assert response.status_code == 200
    html = page(response)
    assert html.select_one("#values-shown")
    labels = [label.text.strip() for label in html.select("label[for^=id_value-]")]
    assert labels == ["“PERSON”", "“BUSINESS”", "“LIVE SERVICE”"]
    record.refresh_from_db()
    assert record.status == ImportStatus.MAPPING
    assert not ImportMapping.objects.exists()


def test_saving_the_mapping_checks_the_file_again_through_it(
    client, organisation, editor, django_capture_on_commit_callbacks
):
    record = foreign_file(organisation, editor)
    client.force_login(editor)
    url = import_url("import_mapping", organisation, pk=record.pk)
    posted = {f"column-{n}": code for n, code in enumerate(MAPPING["columns"])}
    html = page(client.post(url, {**posted, "shown": ""}))
    values = {
        select["name"]: {
            "“PERSON”": "public",
            "“BUSINESS”": "businesses",
            "“LIVE SERVICE”": "live",
        }[html.select_one(f"label[for={select['id']}]").text.strip()]
        for select in html.select("select[name^=value-]")
    }
    shown = html.select_one("input[name=shown]")["value"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**posted, **values, "shown": shown})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == ImportStatus.CHECKED, record.problems
    assert record.preview["counts"]["created"] == 1


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_required_column_left_unchosen_or_a_column_chosen_twice_is_explained(
    client, organisation, editor, language
):
    record = foreign_file(organisation, editor)
    client.force_login(editor)
    url = import_url("import_mapping", organisation, language, pk=record.pk)
    columns = ["name_en", "name_en", "description_en", "description_cy", "service_area"]
    posted = {f"column-{n}": code for n, code in enumerate(columns)}
    html = page(client.post(url, {**posted, "shown": ""}))
    summary = html.select_one(".govuk-error-summary").text
    if language == "en":
        assert "Choose the column that holds “Name (Welsh)”" in summary
        assert "“Name (English)” is chosen for another column too" in summary
    else:
        assert "Dewiswch y golofn" in summary
    assert html.title.text.startswith("Error: " if language == "en" else "Gwall: ")
    record.refresh_from_db()
    assert record.status == ImportStatus.MAPPING


# --- Honest dates ------------------------------------------------------------------------------


def test_an_import_without_the_phase_date_says_when_the_phase_was_recorded_not_since(
    client, organisation, editor
):
    confirm(run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()])), editor)
    service = Service.objects.get()
    assert not service.phase_date_given
    assert not service.phase_changes.get().date_given
    text = page(client.get(service.get_absolute_url())).text
    today = timezone.localdate()
    assert "phase recorded on" in text
    assert "Live since" not in text
    assert str(today.year) in text


def test_an_import_with_the_phase_date_says_since_that_date(client, organisation, editor):
    headers = [*SERVICE_HEADERS, "phase_since"]
    row = [*service_row(), "01/04/2024"]
    confirm(run(organisation, editor, csv_bytes([headers, row])), editor)
    service = Service.objects.get()
    assert service.phase_date_given
    assert service.phase_since == datetime.date(2024, 4, 1)
    text = page(client.get(service.get_absolute_url())).text
    assert "Live since 1 April 2024" in " ".join(text.split())


# --- History and help ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_each_body_lists_its_past_imports_with_who_when_the_file_and_its_counts(
    client, organisation, other_organisation, editor, outsider, language
):
    confirm(
        run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()]), name="bins.csv"),
        editor,
    )
    run(
        other_organisation, outsider, csv_bytes([SERVICE_HEADERS, service_row()]), name="theirs.csv"
    )
    client.force_login(editor)
    html = page(client.get(import_url("import_history", organisation, language)))
    rows = html.select("#imports tbody tr")
    assert len(rows) == 1
    cells = [" ".join(cell.text.split()) for cell in rows[0].select("td")]
    assert cells[0].startswith("bins.csv")
    assert str(editor) in cells[1]
    assert cells[3:6] == ["1", "0", "0"]
    assert rows[0].select_one("a[href$='preview.csv']")
    client.force_login(outsider)
    assert client.get(import_url("import_history", organisation, language)).status_code == 403


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_help_page_explains_importing_matching_and_mapping_to_anyone(client, language):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        url = reverse("register:import_help")
    html = page(client.get(url))
    assert html.html["lang"] == language
    assert {"template", "matching", "mapping", "dates", "history"} <= {
        heading.get("id") for heading in html.select("h2")
    }


# --- Several bodies in one file (centre staff) ----------------------------------------------------


def several(organisation, other_organisation, person, rows):
    headers = [*SERVICE_HEADERS, "organisation"]
    record = imports.start_import(
        organisation=organisation,
        kind="services",
        file_name="sector.csv",
        data=csv_bytes([headers, *rows]),
        uploaded_by=person,
        several_bodies=True,
    )
    imports.check_import(record.pk)
    record.refresh_from_db()
    return record


def test_centre_staff_import_one_file_for_several_bodies_checked_and_previewed_per_body(
    organisation, other_organisation, centre_staff
):
    rows = [
        [*service_row(), organisation.slug],
        [*service_row(name="Book a skip", name_cy="Archebu sgip"), other_organisation.slug],
        [
            *service_row(name="Report fly-tipping", name_cy="Rhoi gwybod am dipio"),
            organisation.slug,
        ],
    ]
    record = several(organisation, other_organisation, centre_staff, rows)
    assert record.status == ImportStatus.CHECKED, record.problems
    bodies = {body["organisation"]["en"]: body["counts"] for body in record.preview["bodies"]}
    assert bodies == {
        organisation.name_en: {"created": 2, "updated": 0, "unchanged": 0},
        other_organisation.name_en: {"created": 1, "updated": 0, "unchanged": 0},
    }
    confirm(record, centre_staff)
    assert Service.objects.filter(organisation=organisation).count() == 2
    assert Service.objects.get(organisation=other_organisation).name_en == "Book a skip"


def test_a_problem_in_one_bodys_rows_stops_the_whole_file(
    organisation, other_organisation, centre_staff
):
    rows = [
        [*service_row(), organisation.slug],
        [*service_row(area="no-such-area"), other_organisation.slug],
        [*service_row(name="Fix a road", name_cy="Trwsio ffordd"), "no-such-body"],
        [*service_row(name="Fix a light", name_cy="Trwsio golau"), ""],
    ]
    record = several(organisation, other_organisation, centre_staff, rows)
    found = [(problem["row"], problem["code"]) for problem in record.problems]
    assert found == [(3, "unknown_service_area"), (4, "unknown_organisation"), (5, "required")]
    assert not record.can_be_applied
    assert not Service.objects.exists()


def test_only_centre_staff_may_import_for_several_bodies(client, organisation, editor):
    with pytest.raises(imports.SeveralBodiesNotAllowed):
        imports.start_import(
            organisation=organisation,
            kind="services",
            file_name="sector.csv",
            data=b"x",
            uploaded_by=editor,
            several_bodies=True,
        )
    client.force_login(editor)
    html = page(client.get(import_url("import_create", organisation, kind="services")))
    assert html.select_one("input[name=several_bodies]") is None
