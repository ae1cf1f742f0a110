"""The whole-register XLSX: openpyxl's write-only mode against XlsxWriter's constant memory.

Not a test. It reads the services download's rows (and, with `--figures`, the figures
download's) once from the database, then writes them as XLSX both ways from memory, and prints
each writer's CPU seconds, cells a second and file size, so the database's time is left out.
The XlsxWriter figure is `porth.open_data.formats.xlsx_chunks` as the worker runs it; the
openpyxl one is the writer it replaced (ADR 66).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_scale \\
        .venv/bin/python bench/xlsx_writers.py --rows 20000
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from decimal import Decimal
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def openpyxl_bytes(columns, rows, title: str) -> int:
    """The writer `xlsx_chunks` used before ADR 66, cell for cell."""
    from openpyxl import Workbook

    from porth.open_data.formats import _text

    def cell(column, value):
        if value is None or isinstance(value, bool):
            return value
        if column.kind == "number":
            return Decimal(value)
        if column.kind == "date":
            return datetime.date.fromisoformat(value)
        return _text(value)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append([column.header for column in columns])
    for row in rows:
        sheet.append([cell(column, row[column.code]) for column in columns])
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        return file.tell()


def xlsxwriter_bytes(columns, rows, title: str) -> int:
    from porth.open_data.formats import xlsx_chunks

    return sum(len(chunk) for chunk in xlsx_chunks(columns, rows, title=title))


def measure(name: str, columns, rows) -> None:
    cells = len(rows) * len(columns)
    print(f"{name}: {len(rows):,} rows × {len(columns)} columns = {cells:,} cells")
    for writer, write in (
        ("openpyxl write-only", openpyxl_bytes),
        ("XlsxWriter", xlsxwriter_bytes),
    ):
        started = time.process_time()
        size = write(columns, rows, name)
        seconds = time.process_time() - started
        print(
            f"  {writer:<20} {seconds:7.1f} s CPU  {cells / seconds:>9,.0f} cells/s"
            f"  {size / 1e6:6.1f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20_000, help="rows of each download")
    parser.add_argument("--figures", action="store_true", help="the figures download too")
    args = parser.parse_args()

    import django

    django.setup()
    from porth.open_data.columns import METRIC_COLUMNS, SERVICE_COLUMNS, metric_rows, service_rows
    from porth.open_data.queries import (
        MetricFilters,
        metric_values_for_open_data,
        services_for_open_data,
    )

    everything = MetricFilters()
    services = list(islice(service_rows(services_for_open_data(everything.services)), args.rows))
    measure("services", SERVICE_COLUMNS, services)
    if args.figures:
        figures = list(islice(metric_rows(metric_values_for_open_data(everything)), args.rows))
        measure("metrics", METRIC_COLUMNS, figures)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Load average after: {load} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
