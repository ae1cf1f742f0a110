"""Issue 9, finding 3: a small upload must not exhaust the worker (docs/adr/0017).

Each limit refuses quickly, with a message in both languages naming the limit and what the
file has. Files are built in memory; none is bigger than the upload limit.
"""

import io
import itertools
import re
import zipfile

import pytest
from django.utils import translation

from porth.register import imports
from porth.register.models import ImportKind, ImportStatus, Service

from .test_actions import create
from .test_imports import (
    METRIC_HEADERS,
    SERVICE_HEADERS,
    csv_bytes,
    import_url,
    messages,
    run,
    service_row,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def both_languages(record) -> tuple[str, str]:
    """The import's only problem, in English and in Welsh."""
    assert len(record.problems) == 1, record.problems
    return messages(record, "en")[0][2], messages(record, "cy")[0][2]


def test_finding_3_a_million_row_csv_is_refused_before_any_row_is_checked(organisation, editor):
    header = ",".join(SERVICE_HEADERS).encode() + b"\n"
    data = header + b"a\n" * 1_000_000  # 2 MB, as in the finding
    record = run(organisation, editor, data)
    assert record.status == ImportStatus.REFUSED
    assert record.rows_checked == 0
    assert both_languages(record) == (
        "The file has 1,000,000 rows. An import can take at most 10,000 rows: split the file "
        "into smaller files and import each one",
        "Mae gan y ffeil 1,000,000 o resi. Gall mewngludiad gymryd 10,000 o resi ar y mwyaf: "
        "rhannwch y ffeil yn ffeiliau llai a mewngludwch bob un",
    )
    assert not Service.objects.exists()


def test_finding_3_files_of_figures_have_their_own_row_limit(organisation, editor, settings):
    settings.REGISTER_IMPORT_MAX_FIGURE_ROWS = 3
    rows = [METRIC_HEADERS] + [["PS-1", "m", "month", "2025-01-01", "1"]] * 4
    record = run(organisation, editor, csv_bytes(rows), kind=ImportKind.METRICS)
    assert both_languages(record)[0].startswith("The file has 4 rows. An import can take at most 3")


def _with_dimension(data: bytes, ref: str | None) -> bytes:
    """The same .xlsx with its sheet's stated size changed (or taken out)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            content = source.read(part.filename)
            if part.filename.startswith("xl/worksheets/"):
                text = content.decode()
                text = re.sub(r'<dimension ref="[^"]*"\s*/>', "", text)
                if ref:
                    text = text.replace("<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>', 1)
                    assert ref in text
                content = text.encode()
            target.writestr(part.filename, content)
    return out.getvalue()


def test_finding_3_an_xlsx_that_says_it_has_100000_rows_no_longer_expands_to_them(
    organisation, editor
):
    data = _with_dimension(xlsx_bytes([SERVICE_HEADERS, service_row()]), "A1:XFD100001")
    assert len(data) < 20_000  # a few KB, like the finding's 19 KB file
    record = run(organisation, editor, data, name="services.xlsx")
    assert record.status == ImportStatus.CHECKED, record.problems
    assert record.rows_total == 1  # the one row it has, not 100,000 padded ones
    assert record.preview["counts"] == {"created": 1, "updated": 0, "unchanged": 0}


def test_finding_3_an_xlsx_that_hides_its_size_is_stopped_at_the_row_limit(
    organisation, editor, settings
):
    settings.REGISTER_IMPORT_MAX_SERVICE_ROWS = 3
    rows = [SERVICE_HEADERS] + [service_row(f"Service {n}") for n in range(5)]
    data = _with_dimension(xlsx_bytes(rows), None)
    record = run(organisation, editor, data, name="services.xlsx")
    assert record.status == ImportStatus.REFUSED
    assert both_languages(record) == (
        "The file has more than 3 rows. An import can take at most 3 rows: split the file into "
        "smaller files and import each one",
        "Mae gan y ffeil fwy na 3 o resi. Gall mewngludiad gymryd 3 o resi ar y mwyaf: rhannwch "
        "y ffeil yn ffeiliau llai a mewngludwch bob un",
    )


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_finding_3_a_zip_bomb_is_refused_before_it_is_unpacked(organisation, editor, monkeypatch):
    # 20 MB of one repeated row packs into about 20 KB: no spreadsheet program saves that.
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = row * (20 * 1024 * 1024 // len(row))
    data = _zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet})
    assert len(data) < 100_000

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open a zip bomb")

    monkeypatch.setattr("porth.register.imports.reading.load_workbook", never)
    record = run(organisation, editor, data, name="services.xlsx")
    assert record.status == ImportStatus.REFUSED
    english, welsh = both_languages(record)
    assert re.fullmatch(
        r"The spreadsheet unpacks to 20 MB from a file of \d+ KB, far more than a spreadsheet "
        r"program saves\. Save it again as \.xlsx or CSV and upload it again",
        english,
    ), english
    assert welsh.startswith("Mae'r daenlen yn dadbacio i 20 MB o ffeil")


def test_finding_3_an_xlsx_that_unpacks_over_the_limit_is_refused(organisation, editor, settings):
    settings.REGISTER_IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    rows = [SERVICE_HEADERS] + [service_row(f"Service {n}") for n in range(3000)]
    record = run(organisation, editor, xlsx_bytes(rows), name="services.xlsx")
    assert record.status == ImportStatus.REFUSED
    english, welsh = both_languages(record)
    assert re.fullmatch(
        r"The spreadsheet unpacks to \d MB\. It can unpack to at most 1 MB: split it into "
        r"smaller files and import each one",
        english,
    ), english
    assert "1 MB ar y mwyaf" in welsh


def test_finding_3_a_cell_over_the_length_limit_is_refused_with_its_row_and_column(
    organisation, editor
):
    long_description = "Disgrifiad " * 4000  # 44,000 characters
    rows = [SERVICE_HEADERS, service_row(), service_row("Two")]
    rows[2][2] = long_description
    record = run(organisation, editor, csv_bytes(rows))
    assert record.status == ImportStatus.REFUSED
    assert both_languages(record) == (
        "The cell in row 3, column 3 has 44,000 characters. A cell can have at most 32,767",
        "Mae gan y gell yn rhes 3, colofn 3 44,000 o nodau. Gall cell gynnwys 32,767 o nodau ar "
        "y mwyaf",
    )


def test_finding_3_an_xlsx_cell_over_the_length_limit_is_refused(organisation, editor, settings):
    # Spreadsheet programs keep a cell to 32,767 characters; a lower limit shows the check.
    settings.REGISTER_IMPORT_MAX_CELL_CHARS = 1000
    rows = [SERVICE_HEADERS, service_row()]
    rows[1][3] = "Disgrifiad " * 100
    xlsx = run(organisation, editor, xlsx_bytes(rows), name="services.xlsx")
    assert both_languages(xlsx)[0] == (
        "The cell in row 2, column 4 has 1,100 characters. A cell can have at most 1,000"
    )


def test_finding_3_a_file_with_too_many_columns_is_refused(organisation, editor):
    headers = SERVICE_HEADERS + [f"extra {n}" for n in range(200)]
    record = run(organisation, editor, csv_bytes([headers, service_row()]))
    assert both_languages(record) == (
        "The file has 206 columns. It can have at most 200",
        "Mae gan y ffeil 206 o golofnau. Gall fod ganddi 200 ar y mwyaf",
    )


def test_finding_3_checking_stops_after_the_problem_limit_and_the_page_says_there_are_more(
    client, organisation, editor, settings
):
    settings.REGISTER_IMPORT_MAX_PROBLEMS = 5
    rows = [SERVICE_HEADERS] + [service_row(f"S{n}", area="nowhere") for n in range(1000)]
    record = run(organisation, editor, csv_bytes(rows))
    assert record.status == ImportStatus.CHECKED
    assert len(record.problems) == 5
    assert record.has_more_problems
    assert record.rows_checked < 1000  # it stopped reading
    client.force_login(editor)
    english = client.get(import_url("import_detail", organisation, "en", pk=record.pk))
    text = english.content.decode()
    assert "The file has more than 5 problems. Nothing has been imported." in text
    assert (
        "And there are more: the check stopped after the first 5 problems. Fix these first, "
        "then upload the file again." in text
    )
    welsh = client.get(import_url("import_detail", organisation, "cy", pk=record.pk))
    text = welsh.content.decode()
    assert "Mae gan y ffeil fwy na 5 o broblemau. Nid oes dim wedi'i fewngludo." in text
    assert (
        "Ac mae rhagor: stopiodd y gwiriad ar ôl y 5 problem gyntaf. Cywirwch y rhain yn "
        "gyntaf, yna lanlwythwch y ffeil eto." in text
    )


def test_finding_3_a_file_of_figures_for_unknown_services_is_capped_too(
    organisation, editor, settings
):
    settings.REGISTER_IMPORT_MAX_PROBLEMS = 5
    service = create(organisation, editor)
    rows = [METRIC_HEADERS] + [
        [f"PS-9{n:05d}", "user-satisfaction", "month", "2025-01-01", "80"] for n in range(50)
    ]
    rows.insert(3, [service.public_id, "user-satisfaction", "month", "2025-01-01", "800"])
    record = run(organisation, editor, csv_bytes(rows), kind=ImportKind.METRICS)
    assert record.has_more_problems
    assert [(row, column) for row, column, _ in messages(record)] == [
        (2, "service"), (3, "service"), (4, "value"), (5, "service"), (6, "service"),
    ]  # fmt: skip


def test_finding_3_a_check_that_runs_over_its_time_budget_is_stopped(
    organisation, editor, settings, monkeypatch
):
    settings.REGISTER_IMPORT_MAX_SECONDS = 600
    ticks = itertools.count(step=100)  # each look at the clock is 100 seconds later
    monkeypatch.setattr(imports, "clock", lambda: next(ticks))
    rows = [SERVICE_HEADERS] + [service_row(f"Service {n}") for n in range(200)]
    record = run(organisation, editor, csv_bytes(rows))
    assert record.status == ImportStatus.REFUSED
    assert both_languages(record) == (
        "Handling the file took more than 10 minutes, so it was stopped and nothing was "
        "changed. Split the file into smaller files and import each one",
        "Cymerodd trin y ffeil fwy na 10 munud, felly cafodd ei stopio ac ni newidiwyd dim. "
        "Rhannwch y ffeil yn ffeiliau llai a mewngludwch bob un",
    )
    assert not Service.objects.exists()


def test_finding_3_the_import_page_does_not_load_the_file(client, organisation, editor):
    record = run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()]))
    client.force_login(editor)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(import_url("import_detail", organisation, pk=record.pk))
    selects = [q["sql"] for q in queries if "register_spreadsheetimport" in q["sql"]]
    assert selects and all("file_data" not in sql for sql in selects)


def test_finding_3_limits_read_the_same_in_either_language_as_numbers(organisation, editor):
    with translation.override("cy"):
        text = imports.describe(
            {"code": "too_many_rows", "params": {"limit": 5000, "found": 12345}}
        )
    assert "12,345" in text and "5,000" in text
