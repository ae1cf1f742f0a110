"""How much worker time and memory do the worst import files cost? (docs/adr/0017)

Not a test. Each case runs `check_import` in its own child process, so the peak memory
(ru_maxrss) belongs to that file alone. It prints seconds, peak MB, the import's status and
its first problem.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_bench_imports \\
        .venv/bin/python bench/import_limits.py

The database is created and migrated if it is missing. `--case NAME` runs one case.
"""

import argparse
import csv
import datetime
import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import prepare_database  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

SERVICE_HEADERS = ["name_en", "name_cy", "description_en", "description_cy", "service_area"]
FIGURE_HEADERS = ["service", "measure", "period_type", "period_start", "value"]
CODES = ["user-satisfaction", "completion-rate", "digital-take-up", "transactions-online"]


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def million_row_csv(public_ids) -> tuple[str, str, bytes]:
    return "services", "million.csv", ",".join(SERVICE_HEADERS).encode() + b"\n" + b"a\n" * 10**6


def largest_allowed_figures(public_ids) -> tuple[str, str, bytes]:
    rows = [FIGURE_HEADERS]
    for month in range(25_000 // len(public_ids) + 1):
        start = datetime.date(1800 + month // 12, 1 + month % 12, 1).isoformat()
        for public_id in public_ids:
            rows += [[public_id, code, "month", start, "50"] for code in CODES]
    return "metrics", "figures.csv", _csv(rows[:100_001])


def figures_all_wrong(public_ids) -> tuple[str, str, bytes]:
    rows = [FIGURE_HEADERS] + [["PS-999999", "nothing", "month", "1900-01-01", "x"]] * 100_000
    return "metrics", "wrong.csv", _csv(rows)


def largest_allowed_services(public_ids) -> tuple[str, str, bytes]:
    rows = [SERVICE_HEADERS] + [
        [f"Bench {n}", f"Mainc {n}", "Described.", "Disgrifiad.", "waste-recycling"]
        for n in range(5_000)
    ]
    return "services", "services.csv", _csv(rows)


def zip_bomb(public_ids) -> tuple[str, str, bytes]:
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", row * (200 * 2**20 // len(row)))
    return "services", "bomb.xlsx", out.getvalue()


CASES = {
    case.__name__: case
    for case in (
        million_row_csv,
        figures_all_wrong,
        zip_bomb,
        largest_allowed_figures,
        largest_allowed_services,
    )
}


def run_case(name: str) -> None:
    import django

    django.setup()
    from porth.organisations.models import Organisation
    from porth.register import imports
    from porth.register.models import Service, SpreadsheetImport

    organisation = Organisation.objects.order_by("pk").first()
    public_ids = list(
        Service.objects.filter(organisation=organisation).values_list("public_id", flat=True)[:10]
    )
    kind, file_name, data = CASES[name](public_ids)
    record = SpreadsheetImport.objects.create(
        organisation=organisation, kind=kind, file_name=file_name, file_data=data
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    imports.check_import(record.pk)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    record.refresh_from_db()
    first = imports.describe(record.problems[0]) if record.problems else ""
    print(
        f"{name:26} {len(data) / 2**20:6.1f} MB file  {seconds:7.1f} s  peak {peak / 1024:6.0f} MB"
        f" (+{(peak - before) / 1024:.0f})  {record.status:8} {len(record.problems):4} problems"
        f"{' and more' if record.has_more_problems else ''}  {first[:70]}"
    )
    SpreadsheetImport.objects.filter(pk=record.pk).delete()


def prepare() -> None:
    prepare_database()
    from porth.organisations.models import Organisation
    from porth.organisations.tests.factories import OrganisationFactory
    from porth.register.models import Service
    from porth.register.tests.test_actions import create

    organisation = Organisation.objects.order_by("pk").first() or OrganisationFactory()
    for n in range(10 - Service.objects.filter(organisation=organisation).count()):
        create(organisation, name_en=f"Bench {n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--case", choices=sorted(CASES))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_case(args.case)
        return
    prepare()
    for name in [args.case] if args.case else CASES:
        subprocess.run(
            [sys.executable, __file__, "--child", "--case", name], check=True, env=os.environ
        )


if __name__ == "__main__":
    main()
