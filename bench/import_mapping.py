"""How long do a mapped file and a multi-body file take to check and apply? (docs/adr/0047)

Not a test. Builds a file of services with a body's own column names and codes ("Customer
type" = "PERSON"), for `--bodies` bodies, and times the worker's check and apply: once as
one body's mapped file, once as a centre staff file for every body. Prints seconds per step.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_bench_mapping \\
        .venv/bin/python bench/import_mapping.py --rows 5000 --bodies 20

The database is created and migrated if it is missing; each run adds its services, so use a
fresh database for comparable figures.
"""

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

sys.path.insert(0, str(ROOT / "bench"))
from import_limits import prepare  # noqa: E402

HEADERS = ["Org", "Service title", "Teitl", "Summary", "Crynodeb", "Area", "Customer type"]
MAPPING = {
    "columns": [
        "organisation", "name_en", "name_cy", "description_en", "description_cy",
        "service_area", "users_served",
    ],
    "values": {"users_served": {"person": "public", "business": "businesses"}},
}  # fmt: skip


def _file(rows: int, slugs: list[str], run: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for n in range(rows):
        writer.writerow(
            [
                slugs[n % len(slugs)],
                f"Bench {run} service {n}",
                f"Mainc {run} gwasanaeth {n}",
                "Described.",
                "Disgrifiad.",
                "waste-recycling",
                "PERSON; BUSINESS",
            ]
        )
    return buffer.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--bodies", type=int, default=20)
    args = parser.parse_args()
    prepare()
    from django.db import connection

    from porth.accounts.tests.factories import CentreStaffFactory
    from porth.organisations.models import Organisation
    from porth.organisations.tests.factories import OrganisationFactory
    from porth.register import imports
    from porth.register.models import ImportStatus

    while Organisation.objects.count() < args.bodies:
        OrganisationFactory()
    bodies = list(Organisation.objects.order_by("pk")[: args.bodies])
    person = CentreStaffFactory()
    run = int(time.time())
    print(f"{connection.vendor}, {args.rows} rows")
    for label, several, slugs in (
        ("one body, mapped", False, [bodies[0].slug]),
        (f"{len(bodies)} bodies, mapped", True, [body.slug for body in bodies]),
    ):
        record = imports.start_import(
            organisation=bodies[0],
            kind="services",
            file_name="bench.csv",
            data=_file(args.rows, slugs, run + several),
            uploaded_by=person,
            several_bodies=several,
        )
        started = time.perf_counter()
        imports.check_import(record.pk)
        record.refresh_from_db()
        first = time.perf_counter() - started
        assert record.status == ImportStatus.MAPPING, record.status
        imports.map_import(spreadsheet_import=record, mapping=MAPPING, mapped_by=person)
        started = time.perf_counter()
        imports.check_import(record.pk)
        record.refresh_from_db()
        check = time.perf_counter() - started
        assert record.status == ImportStatus.CHECKED and not record.problems, record.problems[:3]
        imports.confirm_import(spreadsheet_import=record, confirmed_by=person)
        started = time.perf_counter()
        imports.apply_import(record.pk)
        record.refresh_from_db()
        apply = time.perf_counter() - started
        print(
            f"{label:22} stop at columns {first:6.1f} s  check {check:6.1f} s  "
            f"apply {apply:6.1f} s  {record.status}  {record.summary['counts']}"
        )


if __name__ == "__main__":
    main()
