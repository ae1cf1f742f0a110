"""Writing rows as CSV, XLSX or JSON, streamed, so that a million rows never sit in memory.

Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) get a leading single quote in CSV and XLSX: someone could type "=HYPERLINK(…)" into a
service's name, and whoever opens the download must not run it. JSON is not opened by
spreadsheets, so it carries the text exactly as typed.
"""

import csv
import datetime
import json
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from porth.core.licence import LICENCE, LINK_HEADER

from .columns import Column

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
# Excel's limit is 1,048,576 rows a sheet, one of which holds the headers.
XLSX_ROWS_PER_SHEET = 1_048_575
BATCH = 500


def neutralise(text: str) -> str:
    """ "'=SUM(A1)" for "=SUM(A1)": shown as typed, never calculated."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return neutralise(LIST_SEPARATOR.join(value))
    return neutralise(str(value))


class _Echo:
    """csv.writer writes here and gets the line back, so lines can be yielded."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(columns: list[Column], rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, so Excel reads ŵ and ŷ correctly."""
    writer = csv.writer(_Echo())
    yield ("\ufeff" + writer.writerow([column.header for column in columns])).encode()
    batch: list[str] = []
    for row in rows:
        batch.append(writer.writerow([_text(row[column.code]) for column in columns]))
        if len(batch) >= BATCH:
            yield "".join(batch).encode()
            batch.clear()
    if batch:
        yield "".join(batch).encode()


def _xlsx_cell(column: Column, value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if column.kind == "number":
        return Decimal(value)
    if column.kind == "date":
        return datetime.date.fromisoformat(value)
    return _text(value)


def xlsx_chunks(
    columns: list[Column], rows: Iterable[dict[str, Any]], *, title: str
) -> Iterator[bytes]:
    """A write-only workbook (rows go straight to a temporary file), then the file in pieces.

    A register bigger than one sheet carries on in a second sheet with the same headers.
    """
    workbook = Workbook(write_only=True)
    headers = [column.header for column in columns]
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    in_sheet = 0
    for row in rows:
        if in_sheet == XLSX_ROWS_PER_SHEET:
            sheet = workbook.create_sheet(f"{title} {len(workbook.worksheets) + 1}")
            sheet.append(headers)
            in_sheet = 0
        sheet.append([_xlsx_cell(column, row[column.code]) for column in columns])
        in_sheet += 1
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        while chunk := file.read(256 * 1024):
            yield chunk


def json_chunks(columns: list[Column], rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """{"licence", "generated_at", "columns": [{code, label_en, label_cy}], "rows": [...]}"""
    head = {
        "licence": LICENCE,
        "generated_at": timezone.now().isoformat(),
        "columns": [
            {
                "code": column.code,
                "label_en": column.label_in("en"),
                "label_cy": column.label_in("cy"),
            }
            for column in columns
        ],
    }
    yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [').encode()
    batch: list[str] = []
    separator = ""
    for row in rows:
        batch.append(separator + json.dumps(row, ensure_ascii=False))
        separator = ","
        if len(batch) >= BATCH:
            yield "".join(batch).encode()
            batch.clear()
    batch.append("]}")
    yield "".join(batch).encode()


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FORMATS = tuple(CONTENT_TYPES)


def download(
    file_format: str,
    columns: list[Column],
    rows: Iterable[dict[str, Any]],
    *,
    name: str,
    dated: bool = True,
) -> StreamingHttpResponse:
    """A streamed download of `rows` named e.g. "porth-services-2026-11-25.csv" (today's date
    unless `dated` is False because the name carries its own)."""
    if file_format == "csv":
        chunks = csv_chunks(columns, rows)
    elif file_format == "xlsx":
        chunks = xlsx_chunks(columns, rows, title=name[:31])
    else:
        chunks = json_chunks(columns, rows)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[file_format])
    stem = f"porth-{name}-{timezone.localdate():%Y-%m-%d}" if dated else f"porth-{name}"
    filename = f"{stem}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = LINK_HEADER
    return response
