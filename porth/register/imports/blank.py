"""Templates to fill in: the columns an import reads, named in the reader's language.

The Excel template (issue 11 item 6, docs/adr/0047) opens at an instructions sheet in Welsh
and English that states the list separator and the date format and describes every column.
The sheet to fill in comes first (the import reads the first sheet), with drop-downs of the
code lists kept on a hidden sheet; a separate sheet shows an example row, so the example is
never imported by mistake. The CSV template is the column names only: its data dictionary is
`dictionary.dictionary_csv`, also published on the open data page.
"""

import csv
import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..models import ImportKind
from .columns import template_headers
from .dictionary import DATE_FORMATS_SAID, LIST_SEPARATOR, both, code_lists, columns, list_key
from .mapping import CODE_LISTS, MANY

CODES_SHEET = "Codes"
EXAMPLES = {
    ImportKind.SERVICES: {
        "name_en": "Pay council tax",
        "name_cy": "Talu treth gyngor",
        "description_en": "Pay your council tax online, by phone or by direct debit.",
        "description_cy": "Talwch eich treth gyngor ar-lein, dros y ffôn neu drwy ddebyd "
        "uniongyrchol.",
        "url_en": "https://www.example.gov.wales/council-tax",
        "url_cy": "https://www.example.gov.wales/treth-gyngor",
        "reference": "CT-001",
        "service_area": "revenues-benefits",
        "users_served": "public; businesses",
        "phase": "live",
        "phase_since": "2024-04-01",
        "channels": "online; phone",
        "channels_in_welsh": "online; phone",
        "steps": "apply; pay; track",
        "online_steps": "apply; pay",
        "welsh_steps": "apply; track",
        "team_roles": "design; delivery",
        "is_retired": "no",
    },
    ImportKind.METRICS: {
        "service": "PS-000123",
        "measure": "user-satisfaction",
        "period_type": "month",
        "period_start": "2025-04-01",
        "value": "85.5",
        "source": "Customer survey",
    },
}
INSTRUCTIONS = [
    _("How to fill in this template"),
    _(
        "Fill in one row for each record on the sheet “%(sheet)s”. Row 1 holds the column names: "
        "keep them as they are. Column names may be in English or Welsh."
    ),
    _(
        "A row with a service ID or your organisation's own reference changes that service. A "
        "row with neither adds a new service. Rows are never matched by name."
    ),
    _(
        "Separate the items of a list in one cell with a semicolon (%(separator)s), like: "
        "public; businesses"
    ),
    _("Write dates like %(formats)s."),
    _(
        "Columns with a drop-down list take the codes shown. Where a cell can hold several "
        "codes, type them separated by semicolons."
    ),
    _("The sheet “%(example)s” shows a filled-in row. Do not copy it into your file."),
    _("Every column and code list is described in the data dictionary on Porth's open data page."),
]


def _sheet_names(kind: str, language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            "sheet": str(ImportKind(kind).label),
            "example": str(_("Example")),
            "instructions": str(_("Instructions")),
        }


def _csv(headers: list[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(headers)
    return ("\ufeff" + buffer.getvalue()).encode()


def blank_template(kind: str, file_format: str, language: str) -> bytes:
    """A CSV (UTF-8 with a byte-order mark, so Excel keeps ŵ and ŷ) with one row of column
    names, or the Excel template. Either language's names are accepted back, whichever the
    template used."""
    headers = template_headers(kind, language)
    if file_format == "csv":
        return _csv(headers)
    names = _sheet_names(kind, language)
    workbook = Workbook()
    data = workbook.active
    data.title = names["sheet"]
    data.append(headers)
    _bold_header(data)
    described = columns(kind)
    example = workbook.create_sheet(names["example"])
    example.append(headers)
    example.append([EXAMPLES[kind].get(column.code, "") for column in described])
    _bold_header(example)
    _drop_downs(workbook, data, kind, [column.code for column in described])
    instructions = workbook.create_sheet(names["instructions"], 1)
    _instructions(instructions, kind, described)
    # It opens at the instructions; the sheet to fill in stays first, as the import reads it.
    workbook.active = instructions
    data.sheet_view.tabSelected = False
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold_header(sheet) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for position in range(1, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(position)].width = 24
    sheet.freeze_panes = "A2"


def _drop_downs(workbook: Workbook, data, kind: str, codes: list[str]) -> None:
    """The code lists on a hidden sheet, and a drop-down of each list on its columns."""
    lists = workbook.create_sheet(CODES_SHEET)
    ranges: dict[str, str] = {}
    for position, code_list in enumerate(code_lists((kind,)), start=1):
        letter = get_column_letter(position)
        lists.cell(row=1, column=position, value=code_list.key)
        for row, (code, _english, _welsh) in enumerate(code_list.entries, start=2):
            lists.cell(row=row, column=position, value=code)
        last = max(2, len(code_list.entries) + 1)
        ranges[code_list.key] = f"{CODES_SHEET}!${letter}$2:${letter}${last}"
    lists.sheet_state = "hidden"
    last_row = 1 + (
        settings.REGISTER_IMPORT_MAX_SERVICE_ROWS
        if kind == ImportKind.SERVICES
        else settings.REGISTER_IMPORT_MAX_FIGURE_ROWS
    )
    for position, code in enumerate(codes, start=1):
        if code not in CODE_LISTS[kind]:
            continue
        several = CODE_LISTS[kind][code].shape == MANY
        validation = DataValidation(
            type="list",
            formula1=ranges[list_key(code)],
            allow_blank=True,
            # A cell of several codes ("public; businesses") is not one item of the list.
            showErrorMessage=not several,
            errorTitle="Porth",
            error="Choose a code from the list / Dewiswch god o'r rhestr",
        )
        letter = get_column_letter(position)
        validation.add(f"{letter}2:{letter}{last_row}")
        data.add_data_validation(validation)


def _instructions(sheet, kind: str, described: list) -> None:
    """Each instruction in English then Welsh, then every column described in both."""
    params = {"separator": LIST_SEPARATOR, "formats": DATE_FORMATS_SAID}
    texts = []
    for language in ("en", "cy"):
        with translation.override(language):
            local = {**params, **_sheet_names(kind, language)}
            texts.append(
                [str(text) % local if "%(" in str(text) else str(text) for text in INSTRUCTIONS]
            )
    for english, welsh in zip(*texts, strict=True):
        sheet.append([english, welsh])
    sheet["A1"].font = sheet["B1"].font = Font(bold=True, size=14)
    sheet.append([])
    headings = both(lambda: _("Column")), both(lambda: _("Required when adding"))
    what = both(lambda: _("What to write"))
    sheet.append([headings[0]["en"], headings[0]["cy"], headings[1]["en"], what["en"], what["cy"]])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in described:
        sheet.append(
            [
                column.name["en"],
                column.name["cy"],
                "yes / ie" if column.required else "no / na",
                column.what["en"],
                column.what["cy"],
            ]
        )
    for letter, width in zip("ABCDE", (60, 60, 16, 50, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
