"""The embedded default under load: a `make run`-style SQLite site, its worker, and concurrent
readers and writers. Prints what they got; any 500 or dropped connection is a failure.

    .venv/bin/python bench/sqlite_concurrency.py [--seconds 60] [--clients 20] [--services 100]

A throwaway SQLite file in a temporary folder is migrated and given demo services; then
`manage.py runserver` (threaded, as `make run` starts it) and `manage.py db_worker` run against
it while the clients, each in its own thread, pick at random: read a page (the landscape in
either language, the register, a service, open data), send "Is this page useful?" feedback as
the public, or record a figure as a signed-in editor (a write that queues the landscape's
refresh, so the worker writes while the pages read). Only addresses on 127.0.0.1 are used.

`porth/core/tests/test_sqlite_concurrency.py` runs the same for a few seconds in the suite.
See docs/adr/0024-sqlite-and-postgresql.md.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

SET_UP_EDITOR = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from porth.accounts.models import Membership, MembershipRole, User
from porth.register.models import Measure, Service

service = Service.objects.current().order_by("pk").first()
editor = User.objects.create_user(email="bench-editor@example.gov.wales", password=None)
Membership.objects.create(
    person=editor, organisation=service.organisation, role=MembershipRole.EDITOR
)
session = SessionStore()
session[SESSION_KEY] = str(editor.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = editor.get_session_auth_hash()
session.create()
measure = Measure.objects.filter(is_kpi=True, organisation__isnull=True, unit="percent").first()
details = {"session": session.session_key, "service": service.public_id, "measure": measure.pk}
print(json.dumps(details))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(folder: Path) -> dict[str, str]:
    """`make run`'s settings (DEBUG, the database task queue) on a throwaway SQLite file."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "TASK_BACKEND", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DATABASE_URL=f"sqlite:///{folder / 'porth.sqlite3'}",
        TASK_BACKEND="database",
        PORTH_VAR_DIR=str(folder),
        DEBUG="true",
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *arguments: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


@dataclass
class Site:
    """A running server and worker on a throwaway SQLite file."""

    url_host: str
    port: int
    session: str
    service: str
    measure: int
    processes: list[subprocess.Popen] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def log_text(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in self.logs if path.exists())


def start_site(folder: Path, *, services: int) -> Site:
    """Migrate, load demo data, then start runserver and db_worker; wait until it answers."""
    env = environment(folder)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_organisations", "-v0")
    manage(
        env,
        "shell",
        "-c",
        "from porth.register.demo import generate_demo_register; "
        f"generate_demo_register(services={services}, months=6, seed=1)",
    )
    details = json.loads(manage(env, "shell", "-c", SET_UP_EDITOR).strip().splitlines()[-1])
    port = free_port()
    site = Site(url_host="127.0.0.1", port=port, **details)
    for name, arguments in (
        ("server", ["runserver", f"127.0.0.1:{port}", "--noreload"]),
        ("worker", ["db_worker", "--no-reload", "--interval", "0.5"]),
    ):
        log = folder / f"{name}.log"
        site.logs.append(log)
        site.processes.append(
            subprocess.Popen(
                [PYTHON, "manage.py", *arguments],
                cwd=BASE_DIR,
                env=env,
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )
    # Generous: on a busy 2-core machine migrating and starting Django can take minutes.
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return site
        except OSError:
            time.sleep(0.3)
    site.stop()
    raise RuntimeError(f"The server did not start:\n{site.log_text()[-3000:]}")


@dataclass
class Results:
    statuses: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    times: dict[str, list[float]] = field(default_factory=dict)
    server_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, status: int, seconds: float, path: str) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.by_kind[kind] += 1
            self.times.setdefault(kind, []).append(seconds)
            if status >= 500:
                self.server_errors.append(f"{status} {kind} {path}")


def _request(site: Site, method: str, path: str, *, body: dict | None, cookies: dict) -> int:
    connection = http.client.HTTPConnection(site.url_host, site.port, timeout=60)
    headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def client(site: Site, results: Results, until: float, seed: int) -> None:
    """One client: reads most of the time, writes some of the time, until `until`."""
    rng = random.Random(seed)
    csrf = secrets.token_hex(16)  # 32 characters: an unmasked token Django accepts
    reads = [
        "/en/open-data/landscape/",
        "/cy/open-data/landscape/",
        "/en/register/",
        "/cy/register/?phase=live",
        f"/en/register/services/{site.service}/",
        "/cy/open-data/",
    ]
    while time.monotonic() < until:
        roll = rng.random()
        if roll < 0.6:
            kind, method, path, body = "read", "GET", rng.choice(reads), None
            cookies = {}
        elif roll < 0.8:
            kind, method, path = "feedback", "POST", "/en/standards/feedback/"
            body = {"path": "/en/standards/", "useful": rng.choice(["yes", "no"]), "comment": ""}
            cookies = {"csrftoken": csrf}
        else:
            kind, method = "figure", "POST"
            path = f"/en/register/services/{site.service}/figures/new/"
            body = {
                "measure": site.measure,
                "period_type": "month",
                "period_month": rng.randint(1, 12),
                "period_year": rng.choice([2023, 2024]),
                "value": rng.randint(40, 99),
            }
            cookies = {"csrftoken": csrf, "sessionid": site.session}
        if body is not None:
            body["csrfmiddlewaretoken"] = csrf
        started = time.monotonic()
        try:
            status = _request(site, method, path, body=body, cookies=cookies)
        except OSError as error:
            with results.lock:
                results.errors[type(error).__name__] += 1
            continue
        results.add(kind, status, time.monotonic() - started, path)


def load(site: Site, *, seconds: float, clients: int) -> Results:
    results = Results()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(site, results, until, number), daemon=True)
        for number in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return results


def worker_outcomes(folder: Path) -> Counter:
    """How the worker's tasks ended, read from the SQLite file after the run."""
    env = environment(folder)
    script = (
        "import json; from django_tasks_db.models import DBTaskResult; "
        "from django.db.models import Count; "
        "print(json.dumps({row['status']: row['n'] for row in "
        "DBTaskResult.objects.values('status').annotate(n=Count('id'))}))"
    )
    return Counter(json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1]))


def run(*, seconds: float, clients: int, services: int) -> dict:
    """Set up, load, stop; returns the figures (see `report`)."""
    with tempfile.TemporaryDirectory(prefix="porth-sqlite-") as name:
        folder = Path(name)
        site = start_site(folder, services=services)
        try:
            results = load(site, seconds=seconds, clients=clients)
        finally:
            site.stop()
        log = site.log_text()
        return {
            "seconds": seconds,
            "clients": clients,
            "services": services,
            "requests": sum(results.statuses.values()),
            "statuses": dict(sorted(results.statuses.items())),
            "by_kind": dict(results.by_kind),
            "connection_errors": dict(results.errors),
            "server_errors": results.server_errors[:20],
            "p50_ms": {
                kind: round(statistics.median(times) * 1000)
                for kind, times in results.times.items()
            },
            "p95_ms": {
                kind: round(sorted(times)[int(len(times) * 0.95)] * 1000)
                for kind, times in results.times.items()
            },
            "tasks": dict(worker_outcomes(folder)),
            "locked_in_logs": log.count("database is locked"),
        }


def report(figures: dict) -> None:
    for key, value in figures.items():
        print(f"{key:>18}: {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--services", type=int, default=100)
    options = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    figures = run(seconds=options.seconds, clients=options.clients, services=options.services)
    report(figures)
    failed = figures["server_errors"] or figures["connection_errors"] or figures["locked_in_logs"]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
