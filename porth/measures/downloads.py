"""Measures and their histories as rows for CSV and XLSX: every header in both languages, the
licence in every file, and figures hidden under a filter left empty with the reason."""

from collections.abc import Iterator
from io import BytesIO
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from openpyxl import Workbook

from porth.core.licence import LICENCE

from .queries import Tile
from .scopes import Filters

COLUMNS = [
    _("Measure key"),
    _("Measure in English"),
    _("Measure in Welsh"),
    _("Source"),
    _("Unit"),
    _("Good direction"),
    _("Scope"),
    _("As at"),
    _("Value"),
    _("Counted"),
    _("Out of"),
    _("Target"),
    _("Note"),
    _("Licence"),
]
NOT_AVAILABLE = _("Not available")
SUPPRESSED = _("Fewer than 5: not shown")


def both(text: Any) -> str:
    """ "English / Cymraeg" for a header or a note: a download carries both languages."""
    with override("en"):
        english = str(text)
    with override("cy"):
        welsh = str(text)
    return english if english == welsh else f"{english} / {welsh}"


def csv_rows(tiles: list[Tile], *, filters: Filters) -> Iterator[list[Any]]:
    """The header, then one row per measure per month of its history and its latest value."""
    yield [both(column) for column in COLUMNS]
    for tile in tiles:
        measure = tile.measure
        points = [(point.on, point.reading, point.suppressed) for point in tile.history]
        for on, reading, suppressed in points:
            if suppressed:
                note, value, counted, total = both(SUPPRESSED), "", "", ""
            elif reading is None:
                note, value, counted, total = both(NOT_AVAILABLE), "", "", ""
            else:
                note = ""
                value = "" if reading.value is None else reading.value
                counted = "" if reading.counted is None else reading.counted
                total = "" if reading.total is None else reading.total
            yield [
                measure.key,
                measure.name_en,
                measure.name_cy,
                measure.source,
                measure.unit.value,
                measure.direction.value,
                filters.key or "all",
                on.isoformat(),
                value,
                counted,
                total,
                "" if tile.target is None else float(tile.target),
                note,
                LICENCE["url_en"],
            ]


def xlsx_bytes(tiles: list[Tile], *, filters: Filters) -> bytes:
    """The same rows as the CSV in a workbook, with a sheet naming the licence."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Measures - Mesurau")
    for row in csv_rows(tiles, filters=filters):
        sheet.append(row)
    licence = workbook.create_sheet("Licence - Trwydded")
    licence.append([LICENCE["name_en"], LICENCE["url_en"]])
    licence.append([LICENCE["name_cy"], LICENCE["url_cy"]])
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
