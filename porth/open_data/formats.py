"""Writing rows as CSV, XLSX or JSON, streamed, so that a million rows never sit in memory.

Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) get a leading single quote in CSV and XLSX: someone could type "=HYPERLINK(…)" into a
service's name, and whoever opens the download must not run it. JSON is not opened by
spreadsheets, so it carries the text exactly as typed.

The query behind a download runs before the response starts (its first row is read in the
view), so a request the database refuses is an error answered as such, not a 200 cut off after
the header row. If reading fails later, part-way through a large file, the error is logged
with the request's path and the file ends with a marker its format allows, saying in both
languages that it is incomplete (docs/adr/0019-input-validation.md).
"""

import csv
import datetime
import itertools
import json
import logging
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from porth.core.licence import LICENCE, LINK_HEADER
from porth.core.pagecache import keep_stream_if

from .columns import Column

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
# Excel's limit is 1,048,576 rows a sheet, one of which holds the headers.
XLSX_ROWS_PER_SHEET = 1_048_575
BATCH = 500
INCOMPLETE = _("This file is incomplete: an error stopped it part-way. Download it again.")

logger = logging.getLogger(__name__)


def incomplete_notice() -> dict[str, str]:
    """The incomplete-file message in both languages, as a download carries every text."""
    notice = {}
    for language in ("en", "cy"):
        with override(language):
            notice[language] = str(INCOMPLETE)
    return notice


class GuardedRows:
    """The rows of a download, stopping early (and logging why) if reading them fails.

    The formats ask `failed` once the rows run out, and end the file with their marker.
    """

    def __init__(self, rows: Iterable[dict[str, Any]], *, path: str) -> None:
        self.rows = rows
        self.path = path
        self.failed = False

    def __iter__(self) -> Iterator[dict[str, Any]]:
        try:
            yield from self.rows
        except Exception:
            self.failed = True
            logger.exception("Download stopped part-way, marked incomplete: %s", self.path)


def _failed(rows: Iterable[dict[str, Any]]) -> bool:
    return getattr(rows, "failed", False)


def neutralise(text: str) -> str:
    """ "'=SUM(A1)" for "=SUM(A1)": shown as typed, never calculated."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text(value: Any) -> str:
    if type(value) is str:  # most cells: the same as below, without the other checks
        return "'" + value if value.startswith(FORMULA_STARTS) else value
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
    codes = [column.code for column in columns]
    batch: list[str] = []
    for row in rows:
        batch.append(writer.writerow([_text(row[code]) for code in codes]))
        if len(batch) >= BATCH:
            yield "".join(batch).encode()
            batch.clear()
    if batch:
        yield "".join(batch).encode()
    if _failed(rows):
        notice = incomplete_notice()
        # One cell on a row of its own: a spreadsheet shows it below the last row read.
        yield writer.writerow([f"!! {notice['en']} / {notice['cy']}"]).encode()


def xlsx_chunks(
    columns: list[Column], rows: Iterable[dict[str, Any]], *, title: str
) -> Iterator[bytes]:
    """A workbook written row by row to a temporary file, then the file in pieces.

    XlsxWriter's `constant_memory` mode keeps one row in memory whatever the size, and writes
    about twice as fast as openpyxl's write-only mode (ADR 0066). Each cell is written by its
    type, so text is never read as a formula or a number. A register bigger than one sheet
    carries on in a second sheet with the same headers.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/download.xlsx"
        workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": folder})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        headers = [column.header for column in columns]
        kinds = [column.kind for column in columns]
        sheet = workbook.add_worksheet(title)
        sheet.write_row(0, 0, headers)
        sheets, at = 1, 1
        for row in rows:
            if at > XLSX_ROWS_PER_SHEET:
                sheets += 1
                sheet = workbook.add_worksheet(f"{title} {sheets}")
                sheet.write_row(0, 0, headers)
                at = 1
            for number, (column, kind) in enumerate(zip(columns, kinds, strict=True)):
                _write_cell(sheet, at, number, kind, row[column.code], date_format)
            at += 1
        if _failed(rows):
            notice = incomplete_notice()
            sheet.write_string(at, 0, f"!! {notice['en']} / {notice['cy']}")
        workbook.close()
        with open(path, "rb") as file:
            while chunk := file.read(256 * 1024):
                yield chunk


def _write_cell(sheet: Any, row: int, column: int, kind: str, value: Any, date_format: Any) -> None:
    """One cell by its column's kind: empty, true or false, a number, a date, or text."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif kind == "number":
        sheet.write_number(row, column, float(Decimal(value)))
    elif kind == "date":
        sheet.write_datetime(row, column, datetime.date.fromisoformat(value), date_format)
    else:
        text = _text(value)
        if "\r" in text:
            # A line break in a cell is a line feed, as Excel keeps it. XlsxWriter would write a
            # carriage return as "_x000D_", which openpyxl (our importer) reads as written, so
            # a body's own export would no longer import as no change.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        sheet.write_string(row, column, text)


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
    if _failed(rows):
        # Still valid JSON, so a reader can tell why the rows stop: "incomplete": true.
        ending = {"incomplete": True, "error": incomplete_notice()}
        batch.append("], " + json.dumps(ending, ensure_ascii=False)[1:])
    else:
        batch.append("]}")
    yield "".join(batch).encode()


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FORMATS = tuple(CONTENT_TYPES)


def file_chunks(
    file_format: str,
    columns: list[Column],
    rows: Iterable[dict[str, Any]],
    *,
    name: str,
    path: str = "",
) -> Iterator[bytes]:
    """The file's bytes in pieces, for a streamed response or for the worker to store.

    The first row is read here, at once: an error running the query is raised to the caller.
    """
    return _chunks(file_format, columns, _guarded(rows, path), name=name)


def _guarded(rows: Iterable[dict[str, Any]], path: str) -> GuardedRows:
    """`rows` with the first one read at once (so a failing query raises here), the rest
    guarded (`GuardedRows`)."""
    remaining = iter(rows)
    first = list(itertools.islice(remaining, 1))
    return GuardedRows(itertools.chain(first, remaining), path=path)


def _chunks(
    file_format: str, columns: list[Column], guarded: GuardedRows, *, name: str
) -> Iterator[bytes]:
    if file_format == "csv":
        return csv_chunks(columns, guarded)
    if file_format == "xlsx":
        return xlsx_chunks(columns, guarded, title=name[:31])
    return json_chunks(columns, guarded)


def file_name(name: str, file_format: str, *, dated: bool = True) -> str:
    """ "porth-services-2026-11-25.csv": today's date unless the name carries its own."""
    stem = f"porth-{name}-{timezone.localdate():%Y-%m-%d}" if dated else f"porth-{name}"
    return f"{stem}.{file_format}"


def stored_download_name(name: str, file_format: str) -> str:
    """The `StoredFile` name of a whole-register download, e.g. "open-data-services.csv"."""
    return f"open-data-{name}.{file_format}"


def download(
    file_format: str,
    columns: list[Column],
    rows: Iterable[dict[str, Any]],
    *,
    name: str,
    path: str = "",
    dated: bool = True,
) -> StreamingHttpResponse:
    """A streamed download of `rows` named e.g. "porth-services-2026-11-25.csv" (today's date
    unless `dated` is False because the name carries its own).

    The first row is read here, before the response exists: an error running the query is
    raised from the view. `path` names the request in the log if a later row fails.
    """
    guarded = _guarded(rows, path)
    chunks = _chunks(file_format, columns, guarded, name=name)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[file_format])
    filename = file_name(name, file_format, dated=dated)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = LINK_HEADER
    # An anonymous reader's download may be kept for the next, unless it stopped part-way.
    return keep_stream_if(response, lambda: not guarded.failed)
