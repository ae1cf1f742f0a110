import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from porth.open_data.columns import Column
from porth.open_data.formats import csv_chunks, json_chunks, neutralise, xlsx_chunks

COLUMNS = [
    Column("name_en", "Name (English)"),
    Column("value", "Value", "number"),
    Column("period_start", "Period starts", "date"),
    Column("channels", "Channel codes"),
    Column("is_retired", "Retired"),
]
ROWS = [
    {
        "name_en": '=HYPERLINK("http://evil")',
        "value": "12.50",
        "period_start": "2025-03-01",
        "channels": ["online", "phone"],
        "is_retired": False,
    },
    {
        "name_en": "Dŵr a thŷ",
        "value": None,
        "period_start": None,
        "channels": [],
        "is_retired": True,
    },
]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_calculate_gets_a_leading_quote(start):
    assert neutralise(f"{start}1+2") == f"'{start}1+2"


def test_ordinary_text_is_left_alone():
    assert neutralise("Talu treth gyngor - ar-lein") == "Talu treth gyngor - ar-lein"


def test_csv_starts_with_a_byte_order_mark_and_neutralises_formulas():
    data = b"".join(csv_chunks(COLUMNS, ROWS)).decode("utf-8")

    assert data.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][3] == "online; phone"
    assert rows[1][4] == "false"
    assert rows[2][0] == "Dŵr a thŷ"
    assert rows[2][1] == ""


def test_xlsx_types_numbers_and_dates_and_neutralises_formulas():
    workbook = load_workbook(io.BytesIO(b"".join(xlsx_chunks(COLUMNS, ROWS, title="test"))))
    sheet = workbook.active
    values = list(sheet.iter_rows(values_only=True))

    assert values[1][0] == '\'=HYPERLINK("http://evil")'
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert Decimal(str(values[1][1])) == Decimal("12.5")
    assert values[1][2].date().isoformat() == "2025-03-01"
    assert values[2][0] == "Dŵr a thŷ"


def test_a_workbook_carries_on_in_a_new_sheet_when_one_is_full(monkeypatch):
    monkeypatch.setattr("porth.open_data.formats.XLSX_ROWS_PER_SHEET", 1)
    workbook = load_workbook(io.BytesIO(b"".join(xlsx_chunks(COLUMNS, ROWS, title="test"))))

    assert [sheet.max_row for sheet in workbook.worksheets] == [2, 2]
    assert workbook.worksheets[1]["A1"].value == "Name (English)"


def test_json_keeps_text_exactly_and_states_the_licence_and_both_languages_of_each_heading():
    document = json.loads(b"".join(json_chunks(COLUMNS, ROWS)))

    assert document["licence"]["name_en"] == "Open Government Licence v3.0"
    assert document["rows"][0]["name_en"] == '=HYPERLINK("http://evil")'
    assert document["rows"][0]["channels"] == ["online", "phone"]
    assert {"code", "label_en", "label_cy"} <= set(document["columns"][0])


def test_json_of_no_rows_is_still_valid():
    assert json.loads(b"".join(json_chunks(COLUMNS, [])))["rows"] == []


def test_xlsx_keeps_line_breaks_as_line_feeds_so_the_importer_reads_them_back():
    rows = [{**ROWS[1], "name_en": "Line one\r\nLine two\rThree"}]
    workbook = load_workbook(io.BytesIO(b"".join(xlsx_chunks(COLUMNS, rows, title="test"))))

    assert workbook.active["A2"].value == "Line one\nLine two\nThree"
