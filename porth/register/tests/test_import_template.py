"""A template people can fill in (issue 11 item 6, ADR 0047): the Excel template's
instructions in both languages, its example row and drop-downs of the code lists; the data
dictionary beside the CSV template; the dictionary and code lists on the open data page."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from porth.register.imports.blank import blank_template
from porth.register.imports.columns import SERVICE_IMPORT_COLUMNS
from porth.register.imports.dictionary import code_lists, dictionary_csv
from porth.register.models import ImportStatus, Service

from .test_imports import confirm, run, xlsx_bytes

pytestmark = pytest.mark.django_db


def workbook(language="en", kind="services"):
    return load_workbook(io.BytesIO(blank_template(kind, "xlsx", language)))


def test_the_excel_template_opens_at_instructions_in_both_languages_stating_separator_and_dates():
    book = workbook("cy")
    assert book.sheetnames == ["Gwasanaethau", "Cyfarwyddiadau", "Enghraifft", "Codes"]
    assert book.active.title == "Cyfarwyddiadau"
    text = " ".join(str(cell.value) for row in book["Cyfarwyddiadau"].iter_rows() for cell in row)
    assert "semicolon (;)" in text and "hanner colon (;)" in text
    assert "2025-04-01, 01/04/2025" in text
    assert "Name (English)" in text and "Enw (Saesneg)" in text


def test_the_code_lists_are_drop_downs_from_a_hidden_sheet():
    book = workbook()
    assert book["Codes"].sheet_state == "hidden"
    headers = [cell.value for cell in book["Services"][1]]
    area = headers.index("Service area code") + 1
    validations = book["Services"].data_validations.dataValidation
    by_column = {str(v.sqref).split(":")[0].rstrip("0123456789"): v for v in validations}
    letter = book["Services"].cell(row=1, column=area).column_letter
    assert by_column[letter].formula1.startswith("Codes!$")
    assert by_column[letter].showErrorMessage
    codes = [cell.value for cell in book["Codes"]["A"]][1:]
    assert "revenues-benefits" in codes


def test_the_example_row_imports_cleanly_when_copied_into_the_sheet(organisation, editor):
    book = workbook()
    rows = [[cell.value for cell in row] for row in book["Example"]]
    rows[1] = ["" if value is None else value for value in rows[1]]
    record = run(organisation, editor, xlsx_bytes(rows), name="template.xlsx")
    assert record.status == ImportStatus.CHECKED, record.problems
    confirm(record, editor)
    service = Service.objects.get()
    assert service.reference == "CT-001"
    assert service.phase_date_given


def test_the_data_dictionary_describes_every_column_and_every_code_in_both_languages():
    text = dictionary_csv("services").decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    described = {line[0] for line in lines[1:] if line}
    assert {spec.code for spec in SERVICE_IMPORT_COLUMNS} <= described
    phase = [line for line in lines if line[:2] == ["phase", "live"]]
    assert phase == [["phase", "live", "Live", "Byw"]]
    lists = {code_list.key for code_list in code_lists()}
    assert {"service_area", "phase", "users_served", "channels", "is_retired"} <= lists


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_open_data_page_publishes_the_dictionary_and_every_code_list(client, language):
    with translation.override(language):
        url = reverse("open_data:data_dictionary")
        overview = reverse("open_data:overview")
    html = BeautifulSoup(client.get(url).content, "html.parser")
    assert html.html["lang"] == language
    tables = {table.get("id") for table in html.select("table")}
    assert {"columns-services", "columns-metrics", "list-phase", "list-service_area"} <= tables
    assert html.select_one("#list-phase").find(string="live")
    assert url in client.get(overview).content.decode()
    download = client.get(url.replace("data-dictionary/", "data-dictionary-services.csv"))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
