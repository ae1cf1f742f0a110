"""How long does the worker take to check and apply a large file of services? (ADR 0055)

Not a test. Builds a multi-body file of services in the template's own columns (the issue's
target: 10,000 rows checked and applied in under 60 s each on PostgreSQL), then a second file
that changes every one of those services, and times the worker's check and apply of each,
with the number of SQL statements each step sent. Prints one line per step.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_bench_rows \\
        .venv/bin/python bench/import_rows.py --rows 10000 --bodies 20
    DATABASE_URL=sqlite:////tmp/porth-bench-rows.sqlite3 .venv/bin/python bench/import_rows.py

`--profile PREFIX` writes a cProfile of each step to PREFIX.1 … PREFIX.4 (read them with
`pstats`). The
database is created and migrated if it is missing; each run adds its own services (their
names carry the run's time), so runs can share a database, but a fresh one compares best.
"""

import argparse
import cProfile
import csv
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
# Tasks the import queues (followers, the landscape, downloads) wait for the worker, as in
# production, rather than running inside the timed step as the test settings would run them.
os.environ.setdefault("TASK_BACKEND", "database")

sys.path.insert(0, str(ROOT / "bench"))
from import_limits import prepare  # noqa: E402

HEADERS = [
    "organisation", "name_en", "name_cy", "description_en", "description_cy", "service_area",
    "users_served", "channels", "team_roles", "phase", "phase_since",
]  # fmt: skip


def _new_rows(rows: int, slugs: list[str], run: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for n in range(rows):
        writer.writerow(
            [
                slugs[n % len(slugs)], f"Bench {run} service {n}", f"Mainc {run} gwasanaeth {n}",
                "Described.", "Disgrifiad.", "waste-recycling", "public; businesses",
                "online; phone", "", "public_beta", "2024-04-01",
            ]
        )  # fmt: skip
    return buffer.getvalue().encode()


def _changed_rows(services: list) -> bytes:
    """Every service again by its ID, with a new description, a channel more and a new phase."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["public_id", *HEADERS])
    for service in services:
        writer.writerow(
            [
                service.public_id, service.organisation.slug, service.name_en, service.name_cy,
                "Described again.", "Disgrifiad eto.", "waste-recycling", "public",
                "online; phone; face_to_face", "", "live", "2025-04-01",
            ]
        )  # fmt: skip
    return buffer.getvalue().encode()


class Statements:
    """Counts the SQL statements sent while it is installed."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--bodies", type=int, default=20)
    parser.add_argument("--profile", help="write a cProfile of each step to PREFIX.N")
    parser.add_argument("--no-changes", action="store_true", help="skip the second file")
    args = parser.parse_args()
    prepare()
    from django.conf import settings
    from django.db import connection

    from porth.accounts.tests.factories import CentreStaffFactory
    from porth.organisations.models import Organisation
    from porth.organisations.tests.factories import OrganisationFactory
    from porth.register import imports
    from porth.register.models import ImportStatus, Service

    settings.REGISTER_IMPORT_MAX_SERVICE_ROWS = max(
        settings.REGISTER_IMPORT_MAX_SERVICE_ROWS, args.rows
    )
    settings.REGISTER_IMPORT_MAX_SECONDS = max(settings.REGISTER_IMPORT_MAX_SECONDS, 3600)
    while Organisation.objects.count() < args.bodies:
        OrganisationFactory()
    bodies = list(Organisation.objects.order_by("pk")[: args.bodies])
    run = int(time.time())
    person = CentreStaffFactory(email=f"bench-rows-{run}@example.gov.wales")
    print(
        f"{connection.vendor}, {args.rows} rows, {len(bodies)} bodies, "
        f"load average {os.getloadavg()[0]:.1f}"
    )

    steps = iter(range(1, 5))

    def timed(label: str, step, record) -> None:
        number = next(steps)
        profile = f"{args.profile}.{number}" if args.profile else None
        statements = Statements()
        profiler = cProfile.Profile() if profile else None
        started, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(statements):
            if profiler is not None:
                profiler.enable()
            step(record.pk)
            if profiler is not None:
                profiler.disable()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if profiler is not None:
            profiler.dump_stats(profile)
        record.refresh_from_db()
        counts = (record.summary or record.preview or {}).get("counts")
        print(
            f"{label:28} {seconds:7.1f} s (CPU {cpu:5.1f} s, load {os.getloadavg()[0]:4.1f})  "
            f"{statements.count:7} statements  "
            f"{record.status:8} {counts or record.problems[:2]}",
            flush=True,
        )

    def check_and_apply(label: str, data: bytes) -> None:
        record = imports.start_import(
            organisation=bodies[0],
            kind="services",
            file_name="bench.csv",
            data=data,
            uploaded_by=person,
            several_bodies=True,
        )
        timed(f"{label}: check", imports.check_import, record)
        if record.status != ImportStatus.CHECKED or record.problems:
            return
        imports.confirm_import(spreadsheet_import=record, confirmed_by=person)
        timed(f"{label}: apply", imports.apply_import, record)

    slugs = [body.slug for body in bodies]
    check_and_apply("new services", _new_rows(args.rows, slugs, run))
    if not args.no_changes:
        services = list(
            Service.objects.filter(name_en__startswith=f"Bench {run} service ")
            .select_related("organisation")
            .order_by("pk")
        )
        check_and_apply("every service changed", _changed_rows(services))


if __name__ == "__main__":
    main()
