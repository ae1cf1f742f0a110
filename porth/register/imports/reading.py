"""Reading an uploaded file into rows of cells, whatever program saved it.

CSV files arrive as UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8", LibreOffice)
or as Windows-1252 (Excel's plain "CSV" on a Windows PC in Wales), so ŵ, ŷ and â must survive
either; cells may span several lines inside quotes. Excel files are read with openpyxl in
read-only mode, a row at a time, and keep their dates as dates. Rows with nothing in them are
skipped; cells are trimmed. Row numbers are the spreadsheet's own (the column names are row 1),
so an editor can find the row a problem names.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook

from .problems import FileRefused

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx",)
ACCEPTED_SUFFIXES = CSV_SUFFIXES + XLSX_SUFFIXES
ZIP_MAGIC = b"PK\x03\x04"

Cell = str | datetime.date | datetime.datetime | int | float | bool | None


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    approximate_rows: int
    """For the progress bar: exact for Excel files, the number of lines for CSV files."""


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileRefused("unreadable") from error


def _is_blank(cells: list[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _trimmed(cells: list[Cell]) -> list[Cell]:
    return [cell.strip() if isinstance(cell, str) else cell for cell in cells]


def _csv_table(data: bytes) -> Table:
    if b"\x00" in data[:4096]:
        raise FileRefused("wrong_type")
    text = _decode(data)
    # Excel writes ";" between cells where "," is the decimal separator; the column names say
    # which separator a file uses (csv.Sniffer is fooled by commas in Welsh prose).
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = next(reader, None)
    if not headers or _is_blank(headers):
        raise FileRefused("no_headers")
    # Records, not lines, are numbered: a spreadsheet shows a multi-line cell in one row.
    return Table(
        headers=[str(h).strip() for h in headers],
        rows=_numbered_text(reader, 2),
        approximate_rows=max(1, text.count("\n")),
    )


def _numbered(records: Iterator[Any], first: int) -> Iterator[tuple[int, list[Cell]]]:
    """Number each record from `first`, skipping blank ones (their numbers are still used)."""
    try:
        for number, cells in enumerate(records, start=first):
            if not _is_blank(cells):
                yield number, _trimmed(cells)
    except csv.Error as error:
        raise FileRefused("unreadable") from error


def _numbered_text(records: Iterator[list[str]], first: int) -> Iterator[tuple[int, list[Cell]]]:
    """`_numbered` for CSV records, which hold only text: the same, a good deal faster."""
    try:
        for number, cells in enumerate(records, start=first):
            if "".join(cells).strip():
                yield number, [cell.strip() for cell in cells]
    except csv.Error as error:
        raise FileRefused("unreadable") from error


def _xlsx_table(data: bytes) -> Table:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileRefused("unreadable") from error
    sheet = workbook.worksheets[0]
    records = sheet.iter_rows(values_only=True)
    headers = next(records, None)
    if not headers or _is_blank(list(headers)):
        raise FileRefused("no_headers")
    return Table(
        headers=["" if h is None else str(h).strip() for h in headers],
        rows=_numbered(records, 2),
        approximate_rows=max(1, (sheet.max_row or 2) - 1),
    )


def read_table(data: bytes, file_name: str) -> Table:
    """The file's column names and its rows; refuses a file that is not a CSV or .xlsx."""
    name = file_name.lower()
    if not name.endswith(ACCEPTED_SUFFIXES):
        raise FileRefused("wrong_type")
    if not data.strip():
        raise FileRefused("no_rows")
    if name.endswith(XLSX_SUFFIXES):
        if not data.startswith(ZIP_MAGIC):
            raise FileRefused("wrong_type")
        return _xlsx_table(data)
    if data.startswith(ZIP_MAGIC):
        raise FileRefused("wrong_type")
    return _csv_table(data)
