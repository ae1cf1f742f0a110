"""How long does the import's page take to render a large checked import? (ADR 0055)

Not a test. The issue's target: the preview page renders in under 1 s. Three pages, each asked
for several times in both languages by the person who uploaded the file, timing the whole
request (wall and CPU time) and counting its SQL statements:

- "changes": a checked import of 10,000 changed services, each with its before and after. Its
  preview is the outcome of the largest import `bench/import_rows.py` applied in the same
  database (the check writes the same dict the apply does), copied into a new checked import;
  run import_rows.py first;
- "problems": a 10,000-row file with two problems in every row (an unknown service area, an
  unknown phase), checked by the worker with the problem limit raised to 20,000, so the page
  groups 20,000 problems by kind;
- "new": the same file without the problems: a preview of 10,000 new services.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_bench_rows \\
        .venv/bin/python bench/import_preview.py
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("TASK_BACKEND", "database")
sys.path.insert(0, str(ROOT / "bench"))
from import_limits import prepare  # noqa: E402
from import_rows import Statements, _new_rows  # noqa: E402

TIMES = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes-only", action="store_true", help="only the page of changes")
    args = parser.parse_args()
    prepare()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from porth.accounts.tests.factories import CentreStaffFactory
    from porth.organisations.models import Organisation
    from porth.organisations.tests.factories import OrganisationFactory
    from porth.register import imports
    from porth.register.models import ImportStatus, SpreadsheetImport

    settings.REGISTER_IMPORT_MAX_SERVICE_ROWS = max(
        settings.REGISTER_IMPORT_MAX_SERVICE_ROWS, 10_000
    )
    settings.REGISTER_IMPORT_MAX_SECONDS = 3600
    settings.REGISTER_IMPORT_MAX_PROBLEMS = 20_000
    settings.ALLOWED_HOSTS = ["*"]
    while Organisation.objects.count() < 20:
        OrganisationFactory()
    bodies = list(Organisation.objects.order_by("pk")[:20])
    run = int(time.time())
    person = CentreStaffFactory(email=f"bench-preview-{run}@example.gov.wales")
    client = Client()
    client.force_login(person)
    print(f"{connection.vendor}, load average {os.getloadavg()[0]:.1f}", flush=True)

    def checked(data: bytes) -> SpreadsheetImport:
        record = imports.start_import(
            organisation=bodies[0], kind="services", file_name="bench.csv", data=data,
            uploaded_by=person, several_bodies=True,
        )  # fmt: skip
        imports.check_import(record.pk)
        record.refresh_from_db()
        return record

    def measure(label: str, record: SpreadsheetImport, pages: list[str]) -> None:
        for language in ("en", "cy"):
            for page in pages:
                path = reverse("register:import_detail", args=[bodies[0].slug, record.pk])
                path = f"/{language}{path[3:]}" + (f"?page={page}" if page else "")
                walls, cpus = [], []
                for _ in range(TIMES):
                    statements = Statements()
                    started, cpu = time.perf_counter(), time.process_time()
                    with connection.execute_wrapper(statements):
                        response = client.get(path)
                    walls.append(time.perf_counter() - started)
                    cpus.append(time.process_time() - cpu)
                    assert response.status_code == 200, response.status_code
                print(
                    f"{label:9} {language} page {page or 1:>4}: "
                    f"median {statistics.median(walls):.3f} s"
                    f" (max {max(walls):.3f}), CPU {statistics.median(cpus):.3f} s, "
                    f"{statements.count} statements, {len(response.content) // 1024} KiB, "
                    f"load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )

    largest = max(
        SpreadsheetImport.objects.filter(status=ImportStatus.APPLIED).only("pk", "summary"),
        key=lambda record: len((record.summary or {}).get("rows", [])),
        default=None,
    )
    if largest is not None and any(
        row["action"] == "updated" for row in largest.summary.get("rows", [])[:1]
    ):
        record = SpreadsheetImport.objects.create(
            organisation=bodies[0], kind="services", file_name="bench-changes.csv",
            file_data=b"", uploaded_by=person, several_bodies=True,
            status=ImportStatus.CHECKED, preview=largest.summary,
        )  # fmt: skip
        rows = len(largest.summary["rows"])
        measure(f"changes ({rows})", record, ["", str(rows // 100)])
    if args.changes_only:
        return
    slugs = [body.slug for body in bodies]
    good = _new_rows(10_000, slugs, run)
    measure("new", checked(good), ["", "100"])
    bad = good.replace(b"waste-recycling", b"waste-recyclin").replace(b"public_beta", b"beta")
    record = checked(bad)
    print(f"problems found: {len(record.problems)}", flush=True)
    measure("problems", record, ["", "200"])


if __name__ == "__main__":
    main()
