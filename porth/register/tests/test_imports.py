"""Bulk import: reading files, checking rows, and writing them all or nothing."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from openpyxl import Workbook

from porth.open_data.columns import METRIC_COLUMNS, SERVICE_COLUMNS, metric_rows, service_rows
from porth.open_data.formats import csv_chunks, xlsx_chunks
from porth.register import imports
from porth.register.imports import describe
from porth.register.models import (
    ImportKind,
    ImportStatus,
    MetricValue,
    Service,
    ServiceChange,
    SpreadsheetImport,
)

from .factories import MeasureFactory
from .test_actions import create

pytestmark = pytest.mark.django_db

SERVICE_HEADERS = [
    "name_en",
    "name_cy",
    "description_en",
    "description_cy",
    "service_area",
    "phase",
]
METRIC_HEADERS = ["service", "measure", "period_type", "period_start", "value"]


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(organisation, person, data: bytes, *, kind=ImportKind.SERVICES, name="file.csv"):
    """Upload, check (the immediate task backend runs it at once), and reload the import."""
    record = imports.start_import(
        organisation=organisation, kind=kind, file_name=name, data=data, uploaded_by=person
    )
    from porth.register.imports import check_import

    check_import(record.pk)
    record.refresh_from_db()
    return record


def confirm(record, person):
    from porth.register.imports import apply_import

    assert not record.problems, record.problems
    imports.confirm_import(spreadsheet_import=record, confirmed_by=person)
    apply_import(record.pk)
    record.refresh_from_db()
    return record


def messages(record, language="en") -> list[tuple]:
    with translation.override(language):
        return [(p["row"], p["column"], describe(p)) for p in record.problems]


def service_row(name="Empty the bins", name_cy="Gwagio'r biniau", area="waste-recycling"):
    return [name, name_cy, "Bins emptied weekly.", "Gwagio biniau bob wythnos.", area, "live"]


def test_a_spreadsheet_of_services_is_checked_previewed_and_applied(organisation, editor):
    record = run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()]))
    assert record.status == ImportStatus.CHECKED, record.problems
    assert record.preview["counts"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert not Service.objects.exists()
    record = confirm(record, editor)
    assert record.status == ImportStatus.APPLIED
    service = Service.objects.get()
    assert service.name_cy == "Gwagio'r biniau"
    assert service.organisation == organisation
    assert ServiceChange.objects.filter(service=service, changed_by=editor).exists()


def test_figures_are_imported_with_their_history(organisation, editor):
    service = create(organisation, editor)
    rows = [METRIC_HEADERS, [service.public_id, "user-satisfaction", "month", "2025-01-01", "85.5"]]
    record = confirm(run(organisation, editor, csv_bytes(rows), kind=ImportKind.METRICS), editor)
    assert record.status == ImportStatus.APPLIED, record.problems
    figure = MetricValue.objects.get()
    assert figure.value == Decimal("85.5")
    assert figure.recorded_by == editor
    service.refresh_from_db()
    assert service.latest_metric_period == datetime.date(2025, 1, 1)
    change = ServiceChange.objects.filter(kind="metric").get()
    assert change.changes[0]["new"]["en"] == "85.5%"


def import_url(name: str, organisation, language: str = "en", **kwargs) -> str:
    from django.urls import reverse

    with translation.override(language):
        return reverse(f"register:{name}", kwargs={"slug": organisation.slug, **kwargs})


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_organisation_admin_uploads_sees_the_preview_confirms_and_sees_the_summary(
    client, organisation, organisation_admin, language, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(organisation_admin)
    page = client.get(import_url("import_create", organisation, language, kind="services"))
    assert page.status_code == 200
    upload = SimpleUploadedFile("services.csv", csv_bytes([SERVICE_HEADERS, service_row()]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            import_url("import_create", organisation, language, kind="services"),
            {"file": upload},
        )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    text = detail.content.decode()
    assert ("Confirm and import" if language == "en" else "Cadarnhau a mewngludo") in text
    record = SpreadsheetImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(import_url("import_confirm", organisation, language, pk=record.pk))
    summary = client.get(response["Location"]).content.decode()
    assert ("Import complete" if language == "en" else "Mewngludo wedi'i gwblhau") in summary
    assert Service.objects.filter(name_en="Empty the bins").exists()


# --- Each refusal gives its message -----------------------------------------------------------


def only_message(record) -> str:
    assert record.problems, record.preview
    return messages(record)[0][2]


def test_a_file_that_is_not_a_spreadsheet_is_refused(organisation, editor):
    record = run(organisation, editor, b"%PDF-1.4", name="services.pdf")
    assert record.status == ImportStatus.REFUSED
    assert only_message(record) == "The file must be a CSV file or an Excel spreadsheet (.xlsx)"
    fake = run(organisation, editor, b"name_en,name_cy", name="services.xlsx")
    assert only_message(fake) == "The file must be a CSV file or an Excel spreadsheet (.xlsx)"


def test_a_file_without_a_required_column_waits_for_its_columns_to_be_matched_saying_why(
    organisation, editor
):
    record = run(organisation, editor, csv_bytes([SERVICE_HEADERS[:-2], service_row()[:-2]]))
    assert record.status == ImportStatus.MAPPING
    assert only_message(record) == "The file is missing the column “Service area code”"
    assert messages(record, "cy")[0][2].startswith("Nid oes gan y ffeil y golofn")


def test_a_file_over_the_size_limit_is_refused(client, organisation, editor, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.REGISTER_IMPORT_MAX_BYTES = 1024 * 1024
    client.force_login(editor)
    big = SimpleUploadedFile("services.csv", b"x" * (1024 * 1024 + 1))
    response = client.post(
        import_url("import_create", organisation, kind="services"), {"file": big}
    )
    assert response.status_code == 200
    assert "The file must be smaller than 1 MB" in response.content.decode()
    with pytest.raises(imports.FileRefused):
        imports.start_import(
            organisation=organisation,
            kind=ImportKind.SERVICES,
            file_name="big.csv",
            data=b"x" * (1024 * 1024 + 1),
            uploaded_by=editor,
        )
    assert not SpreadsheetImport.objects.exists()


def test_each_row_error_names_its_row_column_and_reason(organisation, other_organisation, editor):
    service = create(organisation, editor)
    headers = ["organisation", *SERVICE_HEADERS]
    rows = [
        headers,
        ["no-such-body", *service_row("One")],
        [other_organisation.slug, *service_row("Two")],
        [organisation.slug, *service_row("Three", area="no-such-area")],
        [organisation.slug, *service_row("Four")],
        [organisation.slug, *service_row("Four")],
    ]
    record = run(organisation, editor, csv_bytes(rows))
    assert record.status == ImportStatus.CHECKED
    # The service area's message goes on to list the allowed codes (ADR 0040).
    assert [
        (row, column, text.split(". Use one of")[0]) for row, column, text in messages(record)
    ] == [
        (2, "organisation", "There is no organisation with the code “no-such-body”"),
        (3, "organisation", f"This import is for {organisation.name_en} only"),
        (4, "service_area", "There is no service area with the code “no-such-area”"),
        (6, "", "This row repeats row 5"),
    ]
    assert messages(record, "cy")[0][2] == "Nid oes sefydliad gyda'r cod “no-such-body”"
    figures = [
        METRIC_HEADERS,
        [service.public_id, "user-satisfaction", "month", "2025-01-01", "101"],
        [service.public_id, "user-satisfaction", "month", "2025-02-01", "-1"],
        [service.public_id, "user-satisfaction", "month", "2025-03-01", "80"],
        [service.public_id, "user-satisfaction", "month", "2025-03-01", "81"],
        ["PS-999999", "user-satisfaction", "month", "2025-03-01", "81"],
    ]
    record = run(organisation, editor, csv_bytes(figures), kind=ImportKind.METRICS)
    assert messages(record) == [
        (2, "value", "A percentage must be between 0 and 100."),
        (3, "value", "The figure cannot be negative."),
        (5, "", "This row repeats row 4"),
        (6, "service", "There is no service with the ID “PS-999999”"),
    ]
    assert messages(record, "cy")[0][2] == "Rhaid i ganran fod rhwng 0 a 100."


def test_a_failing_row_leaves_nothing_behind(client, organisation, editor):
    rows = [SERVICE_HEADERS, service_row("Good one"), service_row("Bad one", area="nowhere")]
    record = run(organisation, editor, csv_bytes(rows))
    assert len(record.problems) == 1
    with pytest.raises(imports.ImportNotReady):
        imports.confirm_import(spreadsheet_import=record, confirmed_by=editor)
    assert not Service.objects.exists()
    assert not ServiceChange.objects.exists()


def test_applying_is_all_or_nothing_even_when_it_fails_part_way(
    organisation, editor, monkeypatch, settings
):
    from porth.register import actions
    from porth.register.imports import services as service_imports

    monkeypatch.setattr(service_imports, "BATCH", 1)  # one batch per row
    rows = [SERVICE_HEADERS, service_row("First"), service_row("Second")]
    record = run(organisation, editor, csv_bytes(rows))
    real_create = actions.create_services
    made = []

    def create_then_fail(**kwargs):
        if made:
            raise RuntimeError("the worker died")
        made.extend(real_create(**kwargs))
        return made

    monkeypatch.setattr(actions, "create_services", create_then_fail)
    record = confirm(record, editor)
    assert made  # the first batch was written before the failure …
    assert record.status == ImportStatus.FAILED
    assert not Service.objects.exists()  # … and rolled back with everything else
    assert not ServiceChange.objects.exists()
    assert only_message(record).startswith("Something went wrong")


# --- What files people really have ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_files_in_each_encoding_keep_welsh_letters(organisation, editor, encoding):
    welsh = "Gwasanaeth dŵr a thŷ" if encoding != "cp1252" else "Gwasanaeth â thrên"
    record = confirm(
        run(
            organisation,
            editor,
            csv_bytes([SERVICE_HEADERS, service_row("Water", welsh)], encoding),
        ),
        editor,
    )
    assert record.status == ImportStatus.APPLIED, record.problems
    assert Service.objects.get().name_cy == welsh


def test_multi_line_cells_blank_rows_and_stray_spaces_are_read_as_meant(organisation, editor):
    text = (
        b"  Name (English) / Enw (Saesneg) ,Enw (Cymraeg),description_en,description_cy,"
        b"SERVICE AREA CODE,phase\r\n"
        b"\r\n"
        b",,,,,\r\n"
        b'  Empty the bins  ,"Gwagio\'r biniau ","Line one\nLine two",Disgrifiad, waste-recycling ,'
        b" Live \r\n"
    )
    record = confirm(run(organisation, editor, text), editor)
    assert record.status == ImportStatus.APPLIED, record.problems
    service = Service.objects.get()
    assert (service.name_en, service.name_cy) == ("Empty the bins", "Gwagio'r biniau")
    assert service.description_en == "Line one\nLine two"
    assert service.phase == "live"
    assert record.summary["rows"][0]["row"] == 4


def test_excel_dates_and_numbers_are_read_from_xlsx(organisation, editor):
    service = create(organisation, editor)
    rows = [
        ["Service ID", "Measure code", "Period type", "Period starts", "Value"],
        [service.public_id, "user-satisfaction", "Mis", datetime.datetime(2025, 3, 1), 91.5],
        [service.public_id, "digital-take-up", "month", "01/03/2025", 40],
    ]
    data = xlsx_bytes(rows)
    record = confirm(
        run(organisation, editor, data, kind=ImportKind.METRICS, name="figures.xlsx"), editor
    )
    assert record.status == ImportStatus.APPLIED, record.problems
    assert sorted(MetricValue.objects.values_list("period_start", "value")) == [
        (datetime.date(2025, 3, 1), Decimal("40.00")),
        (datetime.date(2025, 3, 1), Decimal("91.50")),
    ]


# --- Importing again, and round trips ------------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing(organisation, editor):
    service = create(organisation, editor)
    # Rows are matched by ID or the body's reference, never by name (ADR 0040).
    services = csv_bytes([[*SERVICE_HEADERS, "reference"], [*service_row(), "BINS-1"]])
    figures = csv_bytes(
        [METRIC_HEADERS, [service.public_id, "user-satisfaction", "month", "2025-01-01", "80"]]
    )
    confirm(run(organisation, editor, services), editor)
    confirm(run(organisation, editor, figures, kind=ImportKind.METRICS), editor)
    changes = ServiceChange.objects.count()
    updated = dict(Service.objects.values_list("pk", "updated_at"))
    again = confirm(run(organisation, editor, services), editor)
    assert again.summary["counts"] == {"created": 0, "updated": 0, "unchanged": 1}
    again = confirm(run(organisation, editor, figures, kind=ImportKind.METRICS), editor)
    assert again.summary["counts"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert ServiceChange.objects.count() == changes
    assert dict(Service.objects.values_list("pk", "updated_at")) == updated


def _export(columns, rows, file_format: str) -> bytes:
    if file_format == "csv":
        return b"".join(csv_chunks(columns, rows))
    return b"".join(xlsx_chunks(columns, rows, title="export"))


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_leaves_the_register_identical(organisation, editor, file_format):
    first = create(organisation, editor)
    second = create(
        organisation, editor, name_en="Pay council tax", name_cy="Talu treth gyngor",
        url_en="https://example.gov.wales/pay", channels={"online": True, "post": False},
    )  # fmt: skip
    from porth.register import actions

    actions.record_metric_value(
        service=first,
        measure=MeasureFactory(organisation=organisation, unit="pounds"),
        period_type="quarter",
        period_start=datetime.date(2025, 1, 1),
        value=Decimal("3.20"),
        recorded_by=editor,
    )
    actions.record_metric_value(
        service=second,
        measure=MetricValue._meta.get_field("measure").related_model.objects.get(
            code="completion-rate"
        ),
        period_type="month",
        period_start=datetime.date(2025, 2, 1),
        value=None,
        not_provided_reason="Not measured yet",
        recorded_by=editor,
    )
    services = Service.objects.filter(organisation=organisation)
    before_services = [dict(row) for row in service_rows(services.order_by("pk"))]
    before_figures = list(metric_rows(MetricValue.objects.order_by("pk")))
    changes = ServiceChange.objects.count()
    name = f"export.{file_format}"

    # Someone changes a name after the export; importing the export puts it back.
    actions.update_service(
        service=second,
        details=replace_name(second, "Pay your council tax"),
        changed_by=editor,
    )
    record = confirm(
        run(
            organisation, editor, _export(SERVICE_COLUMNS, before_services, file_format), name=name
        ),
        editor,
    )
    assert record.summary["counts"] == {"created": 0, "updated": 1, "unchanged": 1}, record.problems
    figures = confirm(
        run(
            organisation, editor, _export(METRIC_COLUMNS, before_figures, file_format),
            kind=ImportKind.METRICS, name=name,
        ),
        editor,
    )  # fmt: skip
    assert figures.summary["counts"] == {"created": 0, "updated": 0, "unchanged": 2}

    def comparable(rows):
        return [
            {k: v for k, v in row.items() if k not in ("updated_at", "last_reviewed_on")}
            for row in rows
        ]

    after_services = list(service_rows(services.order_by("pk")))
    assert comparable(after_services) == comparable(before_services)
    assert comparable(metric_rows(MetricValue.objects.order_by("pk"))) == comparable(before_figures)
    assert ServiceChange.objects.count() == changes + 2  # the rename and its reversal


def replace_name(service, name_en):
    from dataclasses import replace

    from porth.register.actions import ServiceDetails

    return replace(ServiceDetails.from_service(service), name_en=name_en)


# --- Who may import ------------------------------------------------------------------------------


def test_another_bodys_user_is_refused_on_every_import_route(
    client, organisation, editor, outsider
):
    service = create(organisation, editor)
    record = run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()]))
    client.force_login(outsider)
    routes = [
        ("get", import_url("import_create", organisation, kind="services")),
        ("post", import_url("import_create", organisation, kind="metrics")),
        ("get", import_url("import_template", organisation, kind="services", file_format="csv")),
        ("get", import_url("import_detail", organisation, pk=record.pk)),
        ("get", import_url("import_progress", organisation, pk=record.pk)),
        ("post", import_url("import_confirm", organisation, pk=record.pk)),
    ]
    for method, address in routes:
        assert getattr(client, method)(address).status_code == 403, address
    # Through their own body's address, another body's import is not there at all.
    own = outsider.memberships.get().organisation
    assert client.get(import_url("import_detail", own, pk=record.pk)).status_code == 404
    assert client.post(import_url("import_confirm", own, pk=record.pk)).status_code == 404
    record.refresh_from_db()
    assert record.status == ImportStatus.CHECKED
    assert Service.objects.get() == service


def test_an_editor_cannot_import_figures_for_another_bodys_service(
    organisation, other_organisation, editor
):
    theirs = create(other_organisation)
    rows = [METRIC_HEADERS, [theirs.public_id, "user-satisfaction", "month", "2025-01-01", "80"]]
    record = run(organisation, editor, csv_bytes(rows), kind=ImportKind.METRICS)
    assert messages(record) == [
        (2, "service", f"The service {theirs.public_id} belongs to another organisation")
    ]


def test_centre_staff_may_import_for_any_body(client, organisation, centre_staff):
    client.force_login(centre_staff)
    page = client.get(import_url("import_create", organisation, kind="metrics"))
    assert page.status_code == 200


@pytest.mark.parametrize("language", ["en", "cy"])
def test_templates_name_their_columns_in_the_readers_language(
    client, organisation, editor, language
):
    client.force_login(editor)
    response = client.get(
        import_url("import_template", organisation, language, kind="services", file_format="csv")
    )
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith(
        "Service ID,Organisation code,Name (English)"
        if language == "en"
        else "Cyfeirnod gwasanaeth,Cod y sefydliad"
    )
    xlsx = client.get(
        import_url("import_template", organisation, language, kind="metrics", file_format="xlsx")
    )
    assert xlsx.content.startswith(b"PK")
    # Either language's template is read back.
    record = run(organisation, editor, header.encode() + b"\n", name="blank.csv")
    assert only_message(record) == "The file has no rows under its column names"


def test_the_benchmark_import_path_writes_a_metrics_file_in_one_go(tmp_path, organisation):
    service = create(organisation)
    path = tmp_path / "figures.csv"
    path.write_text(
        "service_id,measure,period_type,period_start,value,source\n"
        f"{service.public_id},user-satisfaction,month,1990-01-01,45.50,Benchmark\n"
        f"{service.public_id},transactions-online,month,1990-01-01,120,Benchmark\n"
    )
    assert imports.import_metric_file(path) == 2
    assert MetricValue.objects.count() == 2
    service.refresh_from_db()
    assert service.latest_metric_period == datetime.date(1990, 1, 1)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "service_id,measure,period_type,period_start,value\n"
        f"{service.public_id},user-satisfaction,month,1990-02-01,45\n"
        f"{service.public_id},user-satisfaction,month,1990-03-01,450\n"
    )
    with pytest.raises(imports.ImportHasProblems):
        imports.import_metric_file(bad)
    assert MetricValue.objects.count() == 2


def test_importing_replaces_changed_figures_and_records_old_and_new(organisation, editor):
    from porth.register import actions
    from porth.register.models import Measure

    service = create(organisation, editor)
    satisfaction = Measure.objects.get(code="user-satisfaction")
    for month, value in ((1, "80"), (2, "70")):
        actions.record_metric_value(
            service=service, measure=satisfaction, period_type="month",
            period_start=datetime.date(2025, month, 1), value=Decimal(value), recorded_by=editor,
        )  # fmt: skip
    rows = [
        [*METRIC_HEADERS, "not_provided_reason"],
        [service.public_id, "user-satisfaction", "month", "2025-01-01", "85", ""],
        [service.public_id, "user-satisfaction", "month", "2025-02-01", "", "Not collected"],
    ]
    record = run(organisation, editor, csv_bytes(rows), kind=ImportKind.METRICS)
    assert record.preview["counts"] == {"created": 0, "updated": 2, "unchanged": 0}
    confirm(record, editor)
    figures = dict(MetricValue.objects.values_list("period_start__month", "value"))
    assert figures == {1: Decimal("85.00"), 2: None}
    service.refresh_from_db()
    assert service.latest_metric_period == datetime.date(2025, 1, 1)
    change = ServiceChange.objects.filter(kind="metric").first()
    assert {(line["old"]["en"], line["new"]["en"]) for line in change.changes} == {
        ("80%", "85%"),
        ("70%", "Not provided: Not collected"),
    }
    assert change.changed_by == editor


def test_finding_7_an_import_whose_worker_was_lost_can_be_confirmed_again_at_once(
    organisation, editor
):
    from porth.register.imports import apply_import

    record = run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()]))
    imports.confirm_import(spreadsheet_import=record, confirmed_by=editor)
    with pytest.raises(imports.ImportAlreadyApplying):
        imports.confirm_import(spreadsheet_import=record, confirmed_by=editor)
    # A worker claimed it and died inside its transaction, which rolled back: only the
    # heartbeat it committed when it claimed the import is left, and it is a minute old.
    two_minutes_ago = timezone.now() - datetime.timedelta(minutes=2)
    SpreadsheetImport.objects.filter(pk=record.pk).update(heartbeat_at=two_minutes_ago)
    imports.confirm_import(spreadsheet_import=record, confirmed_by=editor)
    apply_import(record.pk)
    apply_import(record.pk)  # a second worker finds nothing left to do
    record.refresh_from_db()
    assert record.status == ImportStatus.APPLIED
    assert Service.objects.count() == 1


def test_checking_and_applying_changes_sends_as_many_queries_for_45_services_as_for_10(
    organisation, editor, django_capture_on_commit_callbacks
):
    """Each batch of changes is read, written and told about in a fixed number of statements,
    followers included (ADR 0055): nothing is asked per service."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from porth.following.actions import follow
    from porth.open_data.actions import WHOLE_REGISTER_DOWNLOADS
    from porth.open_data.claims import claim_builds

    # The downloads' build is queued once per change, not per service, and with the test's
    # task backend it would run inline in whichever round queued it first: claimed here, it is
    # queued in neither round.
    claim_builds(WHOLE_REGISTER_DOWNLOADS)
    sent = {}
    for size in (10, 45):
        made = [create(organisation, editor, name_en=f"Size {size} no. {n}") for n in range(size)]
        follow(person=editor, kind="service", key=made[0].public_id)
        rows = [["public_id", *SERVICE_HEADERS, "users_served", "channels"]] + [
            [
                service.public_id, service.name_en, service.name_cy, "Changed.", "Newidiwyd.",
                "waste-recycling", "alpha", "public; businesses", "online; phone",
            ]
            for service in made
        ]  # fmt: skip
        record = imports.start_import(
            organisation=organisation,
            kind=ImportKind.SERVICES,
            file_name="changes.csv",
            data=csv_bytes(rows),
            uploaded_by=editor,
        )
        with CaptureQueriesContext(connection) as checking:
            imports.check_import(record.pk)
        record.refresh_from_db()
        assert record.preview["counts"]["updated"] == size, (record.status, record.problems)
        imports.confirm_import(spreadsheet_import=record, confirmed_by=editor)
        with (
            CaptureQueriesContext(connection) as applying,
            django_capture_on_commit_callbacks(execute=True),
        ):
            imports.apply_import(record.pk)
        assert Service.objects.get(pk=made[-1].pk).description_en == "Changed."
        sent[size] = (len(checking), len(applying))
    assert sent[10] == sent[45]
