"""Reading an uploaded file into rows of cells, whatever program saved it.

CSV files arrive as UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8", LibreOffice)
or as Windows-1252 (Excel's plain "CSV" on a Windows PC in Wales), so ŵ, ŷ and â must survive
either; cells may span several lines inside quotes. Excel files are read with openpyxl in
read-only mode, a row at a time, and keep their dates as dates. Rows with nothing in them are
skipped; cells are trimmed. Row numbers are the spreadsheet's own (the column names are row 1),
so an editor can find the row a problem names.

Every file is read as a stream and within `Limits` (docs/adr/0017): a CSV file's rows are
counted before any is checked, an Excel file's parts are measured from the zip's own
directory before openpyxl opens it, and reading stops at the first row or cell over a limit.
"""

import codecs
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
MAX_COLUMNS = 200
"""More column names than any import reads or any download has (about 40), with room to spare."""
MAX_PACKING_RATIO = 100
"""Spreadsheets unpack to 4-20 times their size; zip bombs to about a thousand times."""
EXCEL_MAX_ROW = 1_048_576

Cell = str | datetime.date | datetime.datetime | int | float | bool | None


@dataclass(frozen=True)
class Limits:
    """How much of a file the worker will read; None is no limit (scripts, the benchmark)."""

    rows: int | None = None
    unpacked_bytes: int | None = None
    cell_chars: int | None = None


NO_LIMITS = Limits()


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    approximate_rows: int
    """For the progress bar: exact for Excel files, the number of lines for CSV files."""


def _decodes_as(data: bytes, encoding: str) -> bool:
    """Whether all of `data` is valid in `encoding`, without making a copy of it as text."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(data), 1 << 16):
            decoder.decode(view[start : start + (1 << 16)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _encoding(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        if _decodes_as(data, encoding):
            return encoding
    raise FileRefused("unreadable")


def _text(data: bytes, encoding: str) -> io.TextIOWrapper:
    """The file as text read a line at a time (`newline=""`: csv handles line ends)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")


def _is_blank(cells: list[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _trimmed(cells: list[Cell]) -> list[Cell]:
    return [cell.strip() if isinstance(cell, str) else cell for cell in cells]


def _csv_reader(data: bytes, encoding: str, delimiter: str) -> Any:
    return csv.reader(_text(data, encoding), delimiter=delimiter)


def _count_csv_rows(data: bytes, encoding: str, delimiter: str) -> int:
    """Rows with something in them under the column names: csv's own C loop, no checking."""
    reader = _csv_reader(data, encoding, delimiter)
    next(reader, None)
    try:
        return sum(1 for cells in reader if "".join(cells).strip())
    except csv.Error as error:
        raise FileRefused("unreadable") from error


def _csv_table(data: bytes, limits: Limits) -> Table:
    if b"\x00" in data[:4096]:
        raise FileRefused("wrong_type")
    encoding = _encoding(data)
    # A cell may be as long as the file; the cell limit below is the one that gives a reason.
    if csv.field_size_limit() <= len(data):
        csv.field_size_limit(len(data) + 1)
    # Excel writes ";" between cells where "," is the decimal separator; the column names say
    # which separator a file uses (csv.Sniffer is fooled by commas in Welsh prose).
    first_line = _text(data, encoding).readline()
    delimiter = max((",", ";", "\t"), key=first_line.count)
    lines = data.count(b"\n")
    if limits.rows is not None and lines > limits.rows:
        # Only then can there be too many rows; counting them takes a second for a million.
        found = _count_csv_rows(data, encoding, delimiter)
        if found > limits.rows:
            raise FileRefused("too_many_rows", limit=limits.rows, found=found)
    reader = _csv_reader(data, encoding, delimiter)
    try:
        headers = next(reader, None)
    except csv.Error as error:
        raise FileRefused("unreadable") from error
    headers = _headers(headers)
    # Records, not lines, are numbered: a spreadsheet shows a multi-line cell in one row.
    return Table(
        headers=headers,
        rows=_numbered_text(reader, 2, len(headers), limits),
        approximate_rows=max(1, lines),
    )


def _headers(cells: Any) -> list[str]:
    """The column names, without empty ones at the end; refuses too many."""
    headers = ["" if cell is None else str(cell).strip() for cell in cells or []]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise FileRefused("no_headers")
    if len(headers) > MAX_COLUMNS:
        raise FileRefused("too_many_columns", limit=MAX_COLUMNS, found=len(headers))
    return headers


def _check_cells(number: int, cells: list, limit: int | None) -> None:
    for position, cell in enumerate(cells, start=1):
        if isinstance(cell, str) and limit is not None and len(cell) > limit:
            raise FileRefused(
                "cell_too_long", row=number, column=position, limit=limit, found=len(cell)
            )


def _counted(rows: Iterator[tuple[int, list[Cell]]], limit: int | None) -> Iterator:
    """Stop with a refusal at the first row over the limit (for files not counted first)."""
    for count, row in enumerate(rows, start=1):
        if limit is not None and count > limit:
            raise FileRefused("too_many_rows_found", limit=limit)
        yield row


XLSX_READ_ERRORS = (
    zipfile.BadZipFile,
    KeyError,
    IndexError,
    OSError,
    ValueError,
    EOFError,
    SyntaxError,
)
"""What openpyxl and zipfile raise for a damaged file (a zip's wrong sizes fail its CRC check;
broken XML is a SyntaxError)."""


def _numbered(
    records: Iterator[Any], first: int, width: int, limits: Limits
) -> Iterator[tuple[int, list[Cell]]]:
    """Number each record from `first`, skipping blank ones (their numbers are still used).

    Cells past the column names are dropped: no column reads them.
    """
    try:
        for number, record in enumerate(records, start=first):
            if number > EXCEL_MAX_ROW:
                raise FileRefused("unreadable")
            cells = list(record[:width])
            if not _is_blank(cells):
                _check_cells(number, cells, limits.cell_chars)
                yield number, _trimmed(cells)
    except XLSX_READ_ERRORS as error:
        raise FileRefused("unreadable") from error


def _numbered_text(
    records: Iterator[list[str]], first: int, width: int, limits: Limits
) -> Iterator[tuple[int, list[Cell]]]:
    """`_numbered` for CSV records, which hold only text: the same, a good deal faster."""
    limit = limits.cell_chars
    try:
        for number, cells in enumerate(records, start=first):
            joined = "".join(cells)
            if joined.strip():
                if limit is not None and len(joined) > limit:
                    _check_cells(number, cells, limit)
                yield number, [cell.strip() for cell in cells[:width]]
    except csv.Error as error:
        raise FileRefused("unreadable") from error


def _check_packing(data: bytes, limits: Limits) -> None:
    """Refuse a zip that would unpack too big, from its own directory and before anything is
    unpacked. zipfile never unpacks more than a part's declared size (a part that is bigger
    fails its CRC check), so the declared sizes are a true bound."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRefused("unreadable") from error
    megabytes = -(-unpacked // (1024 * 1024))
    if limits.unpacked_bytes is not None and unpacked > limits.unpacked_bytes:
        raise FileRefused(
            "unpacked_too_big", limit=limits.unpacked_bytes // (1024 * 1024), found=megabytes
        )
    if unpacked > len(data) * MAX_PACKING_RATIO:
        raise FileRefused("packed_too_tightly", size=-(-len(data) // 1024), found=megabytes)


def _xlsx_table(data: bytes, limits: Limits) -> Table:
    _check_packing(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        declared_rows = sheet.max_row
        # A file's stated size may be false (or cover formatted but empty rows), and openpyxl
        # pads every row to it: read rows as they are, and count them as they come.
        sheet.reset_dimensions()
        headers = _headers(next(sheet.iter_rows(max_row=1, values_only=True), None))
    except XLSX_READ_ERRORS as error:
        raise FileRefused("unreadable") from error
    records = sheet.iter_rows(min_row=2, max_col=len(headers), values_only=True)
    return Table(
        headers=headers,
        rows=_counted(_numbered(records, 2, len(headers), limits), limits.rows),
        approximate_rows=max(1, (declared_rows or 2) - 1),
    )


def read_table(data: bytes, file_name: str, limits: Limits = NO_LIMITS) -> Table:
    """The file's column names and its rows; refuses a file that is not a CSV or .xlsx, or
    that goes over one of `limits`."""
    name = file_name.lower()
    if not name.endswith(ACCEPTED_SUFFIXES):
        raise FileRefused("wrong_type")
    if not data.strip():
        raise FileRefused("no_rows")
    if name.endswith(XLSX_SUFFIXES):
        if not data.startswith(ZIP_MAGIC):
            raise FileRefused("wrong_type")
        return _xlsx_table(data, limits)
    if data.startswith(ZIP_MAGIC):
        raise FileRefused("wrong_type")
    return _csv_table(data, limits)
