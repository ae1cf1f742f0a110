"""A large import on the embedded SQLite default while people read (issue 11 item 10, ADR 0055).

    .venv/bin/python bench/import_readers.py [--rows 2000] [--readers 10]

A `make run`-style site on a throwaway SQLite file (WAL, as ADR 0024 sets it up; `runserver`
and `db_worker`, from `bench/sqlite_concurrency.py`) is given an import of `--rows` new
services for one body. The worker's own functions check it, then apply it, in a child process
(`check_import`, `confirm_import`, `apply_import`), while `--readers` threads read pages until
the import is done: the register and its search in both languages, the site search, a
service, `/healthz`, and the import's own page and progress as the signed-in editor sees them.
Prints what they got; any 500, dropped connection or "database is locked" is a failure.
`porth/register/tests/test_import_with_readers.py` runs it in the suite. Only addresses on
127.0.0.1 are used.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sqlite_concurrency import (
    BASE_DIR,
    PYTHON,
    Results,
    Site,
    _request,
    environment,
    manage,
    start_site,
)

START = """
import csv, io, json
from porth.accounts.models import User
from porth.register import imports
from porth.register.models import Service

service = Service.objects.get(public_id="{service}")
buffer = io.StringIO()
writer = csv.writer(buffer)
writer.writerow(["name_en", "name_cy", "description_en", "description_cy", "service_area",
                 "users_served", "channels", "phase", "phase_since"])
for n in range({rows}):
    writer.writerow([f"Imported service {{n}}", f"Gwasanaeth a fewnforiwyd {{n}}", "Described.",
                     "Disgrifiad.", "waste-recycling", "public", "online; phone",
                     "live", "2024-04-01"])
record = imports.start_import(
    organisation=service.organisation, kind="services", file_name="readers.csv",
    data=buffer.getvalue().encode(), uploaded_by=User.objects.get(email="{editor}"),
)
print(json.dumps({{"pk": record.pk, "slug": service.organisation.slug}}))
"""

RUN = """
import json, time
from porth.accounts.models import User
from porth.register import imports
from porth.register.models import SpreadsheetImport

record = SpreadsheetImport.objects.get(pk={pk})
started = time.perf_counter()
imports.check_import(record.pk)
record.refresh_from_db()
checked = time.perf_counter() - started
status = [record.status, record.problems[:2]]
if record.status == "checked" and not record.problems:
    imports.confirm_import(spreadsheet_import=record,
                           confirmed_by=User.objects.get(email="{editor}"))
    started = time.perf_counter()
    imports.apply_import(record.pk)
    record.refresh_from_db()
    status = [record.status, record.problems[:2], record.summary.get("counts")]
print(json.dumps({{"check_seconds": round(checked, 1),
                  "apply_seconds": round(time.perf_counter() - started, 1),
                  "status": status}}))
"""

EDITOR = "bench-editor@example.gov.wales"


def reader(site: Site, results: Results, paths: list[tuple[str, str]], done, number) -> None:
    """One reader: the pages in turn, from a different place each, until the import is done."""
    turn = number
    while not done.is_set():
        kind, path = paths[turn % len(paths)]
        turn += 1
        cookies = {"sessionid": site.session} if kind == "editor" else {}
        started = time.monotonic()
        try:
            status = _request(site, "GET", path, body=None, cookies=cookies)
        except OSError as error:
            with results.lock:
                results.errors[type(error).__name__] += 1
            continue
        results.add(kind, status, time.monotonic() - started, path)


def run(*, rows: int, readers: int) -> dict:
    """Set up, import while reading, stop; returns the figures."""
    with tempfile.TemporaryDirectory(prefix="porth-import-readers-") as name:
        folder = Path(name)
        site = start_site(folder, services=20)
        env = environment(folder)
        try:
            started = manage(
                env,
                "shell",
                "-c",
                START.format(service=site.service, rows=rows, editor=EDITOR),
            )
            details = json.loads(started.strip().splitlines()[-1])
            imports = f"/en/register/organisations/{details['slug']}/imports/{details['pk']}/"
            paths = [
                ("read", "/en/register/"),
                ("read", "/cy/register/?q=gwasanaeth"),
                ("read", "/en/register/?q=imported+service"),
                ("read", "/en/search/?q=service"),
                ("read", f"/en/register/services/{site.service}/"),
                ("read", "/healthz"),
                ("editor", imports),
                ("editor", f"{imports}progress/"),
            ]
            results = Results()
            done = threading.Event()
            threads = [
                threading.Thread(
                    target=reader, args=(site, results, paths, done, number), daemon=True
                )
                for number in range(readers)
            ]
            for thread in threads:
                thread.start()
            log = folder / "import.log"
            with log.open("w") as output:
                child = subprocess.run(
                    [
                        PYTHON,
                        "manage.py",
                        "shell",
                        "-c",
                        RUN.format(pk=details["pk"], editor=EDITOR),
                    ],
                    cwd=BASE_DIR,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=output,
                    text=True,
                    timeout=1800,
                )
            done.set()
            for thread in threads:
                thread.join(timeout=120)
            site.logs.append(log)
        finally:
            site.stop()
        outcome = (
            json.loads(child.stdout.strip().splitlines()[-1])
            if child.returncode == 0 and child.stdout.strip()
            else {"status": ["crashed", log.read_text()[-2000:]]}
        )
        text = site.log_text()
        return {
            **outcome,
            "rows": rows,
            "readers": readers,
            "requests": sum(results.statuses.values()),
            "statuses": dict(sorted(results.statuses.items())),
            "by_kind": dict(results.by_kind),
            "connection_errors": dict(results.errors),
            "server_errors": results.server_errors[:20],
            "slowest_read_s": round(max(results.times.get("read", [0])), 1),
            "locked_in_logs": text.count("database is locked"),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000)
    parser.add_argument("--readers", type=int, default=10)
    options = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    figures = run(rows=options.rows, readers=options.readers)
    for key, value in figures.items():
        print(f"{key:>18}: {value}")
    failed = (
        figures["server_errors"]
        or figures["connection_errors"]
        or figures["locked_in_logs"]
        or figures["status"][0] != "applied"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
