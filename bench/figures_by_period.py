"""How fast is a file of figures of every period type, matched by the body's own reference,
checked and written through `actions.record_figures`? (docs/adr/0046)

Not a test. It builds --services services with references in one body, writes a CSV of
--rows figures (months, quarters, financial and calendar years), then times:
- the import's check (`imports.metrics.check_figures`: reading cells, matching by reference,
  the question page's rules);
- the actions' own judging of the same figures (`record_figures` judges again: its share is
  the cost of the import no longer being a second write layer);
- `record_figures` as a preview (dry run) and applied, then rolled back.

    .venv/bin/python bench/figures_by_period.py --rows 100000          # SQLite file in var/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_bench_figures \\
        .venv/bin/python bench/figures_by_period.py --rows 100000

The database is created and migrated if it is missing.
"""

import argparse
import csv
import datetime
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import prepare_database  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_figures.sqlite3'}")

CODES = ["transactions-online", "transactions-phone", "enquiries", "website-visits"]
PERIODS = [("month", 1), ("quarter", 3), ("financial_year", 12), ("calendar_year", 12)]


def prepare(services: int) -> None:
    (ROOT / "var").mkdir(exist_ok=True)
    prepare_database()
    from porth.organisations.tests.factories import OrganisationFactory
    from porth.register.models import Service
    from porth.register.reference_data import seed
    from porth.register.tests.test_actions import create

    seed()
    first = Service.objects.filter(reference="BENCH-0").first()
    organisation = first.organisation if first else OrganisationFactory()
    for n in range(services):
        if not Service.objects.filter(organisation=organisation, reference=f"BENCH-{n}").exists():
            create(organisation, name_en=f"Bench {n}", reference=f"BENCH-{n}")


def figures_csv(rows: int, services: int) -> bytes:
    """Rows for periods long before any real figure: months, quarters and years in turn."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["reference", "measure", "period_type", "period_start", "value"])
    written, step = 0, 0
    while written < rows:
        period_type, months = PERIODS[step % len(PERIODS)]
        index = (step // len(PERIODS)) * 12
        year, month = 1800 + index // 12, 1
        if period_type == "financial_year":
            month = 4
        elif period_type in ("month", "quarter"):
            month = 1 + (step // len(PERIODS)) % 4 * 3
            year = 1800 + step // (len(PERIODS) * 4)
        start = datetime.date(year, month, 1).isoformat()
        for n in range(services):
            for code in CODES:
                if written < rows:
                    writer.writerow([f"BENCH-{n}", code, period_type, start, 12 * months])
                    written += 1
        step += 1
    return buffer.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--services", type=int, default=100)
    args = parser.parse_args()
    prepare(args.services)

    from django.db import connection, transaction
    from django.utils import timezone

    from porth.organisations.models import Organisation
    from porth.register.actions.figures import _judged, record_figures
    from porth.register.imports.metrics import check_figures
    from porth.register.imports.reading import read_table
    from porth.register.models import Service

    organisation = Organisation.objects.get(
        pk=Service.objects.get(reference="BENCH-0").organisation_id
    )
    data = figures_csv(args.rows, args.services)
    print(f"{connection.vendor}: {args.rows:,} figures for {args.services} services")

    started = time.perf_counter()
    checked = check_figures(read_table(data, "figures.csv"), organisation=organisation)
    check = time.perf_counter() - started
    assert not checked.problems, checked.problems[:3]

    started = time.perf_counter()
    _judged(checked.rows, timezone.localdate())
    judge = time.perf_counter() - started

    started = time.perf_counter()
    preview = record_figures(figures=checked.rows, recorded_by=None, dry_run=True)
    dry = time.perf_counter() - started

    with transaction.atomic():
        started = time.perf_counter()
        applied = record_figures(figures=checked.rows, recorded_by=None)
        apply = time.perf_counter() - started
        transaction.set_rollback(True)

    for label, seconds in (
        ("check (read, match by reference, rules)", check),
        ("the actions' own judging", judge),
        ("record_figures, dry run", dry),
        ("record_figures, applied", apply),
    ):
        print(f"{label:42} {seconds:7.2f} s  {args.rows / seconds:10,.0f} rows/s")
    print(f"judging is {100 * judge / apply:.0f}% of applying; counts {applied['counts']}")
    assert preview["counts"] == applied["counts"]


if __name__ == "__main__":
    main()
