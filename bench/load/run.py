"""`make loadtest`: start gunicorn on PostgreSQL and Redis, run locust against it, print figures.

Not a test, and not part of `make test`. It:

1. reads real addresses from the database (service IDs, the demo editor's services, words from
   the register's names in English and Welsh, areas, standards, manual pages) into
   var/loadtest/data.json;
2. starts gunicorn (`--workers`, production settings with `PORTH_LOCAL_STACK=1`, the page cache
   on, Redis as cache) unless `--host` names a server already running (`make stack`);
3. runs locust headless (`.venv-bench`, requirements/bench.txt) with `--users` simulated
   people for `--seconds`, nine readers to every editor (bench/load/locustfile.py);
4. prints requests a second, p50/p95/p99 and failures per kind of request and in total, and
   the same for a bare Django view served by the same gunicorn for a few seconds, as a yardstick.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_scale \\
        .venv/bin/python bench/load/run.py --users 50 --seconds 120 --workers 3

The database must hold Porth with demo data (`manage.py migrate && manage.py seed --demo`; for
100,000 services, `bench/search_at_scale.py` first). The load comes from this machine too, so
the figures say what this machine does, not what a real deployment would.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from bench.anonymous_pages import environment, free_port, start_gunicorn, stop  # noqa: E402

LOCUST = ROOT / ".venv-bench" / "bin" / "locust"
OUT = ROOT / "var" / "loadtest"

PREPARE = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.db.models import Count
from porth.organisations.models import Organisation
from porth.register.models import Service, ServiceArea, WelshAvailability
from porth.standards.models import Standard
from wagtail.models import Page

editor_email = "editor@porth.example"
from porth.accounts.models import Membership
membership = Membership.objects.select_related("organisation").get(person__email=editor_email)
live = Service.objects.filter(is_retired=False).order_by("?")
services = list(live.values_list("public_id", flat=True)[:2000])
own = live.filter(organisation=membership.organisation)
own = list(own.values_list("public_id", flat=True)[:500])
def words(field):
    names = Service.objects.order_by("?").values_list(field, flat=True)[:2000]
    found = sorted({w.lower() for n in names for w in n.split() if len(w) > 3 and w.isalpha()})
    return found
manual = [
    page.url for page in Page.objects.live().filter(url_path__contains="/manual/").specific()[:80]
    if page.url
]
small_bodies = list(
    Organisation.objects.annotate(n=Count("services")).filter(n__gt=0).order_by("n")
    .values_list("slug", flat=True)[:20]
)
print(json.dumps({
    "services": services,
    "words": {"en": words("name_en"), "cy": words("name_cy")},
    "areas": list(ServiceArea.objects.values_list("code", flat=True)),
    "welsh": list(WelshAvailability.values),
    "standards": list(Standard.objects.values_list("number", flat=True).distinct()),
    "manual": manual,
    "organisations": small_bodies,
    "api_pages": max(1, min(200, Service.objects.count() // 50)),
    "editor": {"email": editor_email, "password": settings.PORTH_DEMO_PASSWORD, "services": own},
}))
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--host", help="a server already running (skips starting gunicorn)")
    parser.add_argument("--bare-seconds", type=float, default=10)
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument(
        "--fail-on-error",
        action="store_true",
        help="exit 1 if any request failed (CI's short run); never on timings",
    )
    parser.add_argument(
        "--kill-midway",
        action="store_true",
        help="SIGKILL one gunicorn worker half way through: only its requests in flight may fail",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5")
    )
    return parser.parse_args()


def prepare(env: dict[str, str]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    found = subprocess.run(
        [sys.executable, "-c", PREPARE], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if found.returncode:
        raise SystemExit(f"Could not read the addresses from the database:\n{found.stderr}")
    path = OUT / "data.json"
    path.write_text(found.stdout.strip().splitlines()[-1])
    data = json.loads(path.read_text())
    print(
        f"Addresses: {len(data['services'])} services, {len(data['editor']['services'])} of "
        f"the editor's, {len(data['words']['en'])}/{len(data['words']['cy'])} words (en/cy), "
        f"{len(data['manual'])} manual pages"
    )
    return path


def run_locust(host: str, data: Path, *, users: int, spawn_rate: float, seconds: int, name: str):
    prefix = OUT / name
    command = [
        str(LOCUST),
        "-f",
        str(ROOT / "bench" / "load" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        f"{seconds}s",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--stop-timeout",
        "10",
        "--loglevel",
        "WARNING",
    ]
    env = dict(os.environ, LOADTEST_DATA=str(data), LOADTEST_CACHE_TALLY=f"{prefix}_cache.json")
    subprocess.run(command, env=env, cwd=ROOT, check=False)
    return read_stats(prefix)


def read_cache_tally(prefix: Path) -> dict[str, dict[str, int]]:
    path = Path(f"{prefix}_cache.json")
    return json.loads(path.read_text()) if path.exists() else {}


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def print_stats(rows: list[dict], cache: dict[str, dict[str, int]] | None = None) -> None:
    """Per kind of request; "cached" is the share of answers the page cache kept (hits of the
    answers it may keep: `X-Porth-Cache` hit / (hit + miss)), blank for answers never kept."""
    cache = cache or {}
    print(
        f"  {'request':40} {'count':>7} {'fail':>5} {'req/s':>7} "
        f"{'p50':>6} {'p95':>6} {'p99':>6} {'max':>7} {'cached':>7}  (ms)"
    )
    for row in rows:
        answers = cache.get(row["Name"] or "", {})
        kept = answers.get("hit", 0) + answers.get("miss", 0)
        cached = f"{100 * answers.get('hit', 0) / kept:6.0f}%" if kept else ""
        print(
            f"  {(row['Name'] or '')[:40]:40} {row['Request Count']:>7} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Max Response Time']):7.0f} {cached:>7}"
        )


def warm(port: int, data: dict, *, rounds: int) -> None:
    """A few requests of each kind first, so no worker's first imports count as load."""
    from bench.anonymous_pages import get

    paths = [
        "/en/",
        "/cy/",
        f"/en/register/?q={data['words']['en'][0]}",
        f"/cy/register/?q={data['words']['cy'][0]}",
        f"/en/register/services/{data['services'][0]}/",
        "/en/standards/",
        "/api/v1/services/",
        data["manual"][0],
    ]
    for _ in range(rounds):
        for path in paths:
            get(port, path)


def bare(port: int, seconds: float) -> dict | None:
    """Requests a second for a bare Django view on the same gunicorn: the yardstick."""
    from bench.anonymous_pages import load

    if seconds <= 0:
        return None
    return load(port, "/bare", seconds=seconds, connections=8)


def kill_one_worker(master_pid: int) -> None:
    """SIGKILL one of gunicorn's workers, as a crash would; the master starts another."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    pids = [int(pid) for pid in children.read_text().split()] if children.exists() else []
    if pids:
        os.kill(pids[0], signal.SIGKILL)
        print(f"Killed gunicorn worker {pids[0]} at {time.strftime('%H:%M:%S')}", flush=True)


def main() -> None:
    args = parse_args()
    if not LOCUST.exists():
        raise SystemExit("locust is missing: make loadtest installs it (.venv-bench)")
    env = environment(page_cache=300, redis_url=args.redis_url)
    env["PORTH_LOCAL_STACK"] = "1"  # plain http on this machine: session cookies not Secure
    # Every simulated reader comes from 127.0.0.1, so the API's anonymous limit (per address,
    # 120 a minute) would answer 429 to most of them, where real readers come from many
    # addresses. A server named by --host keeps its own limit.
    env.setdefault("PORTH_API_ANONYMOUS_RATE", "1000000/minute")
    data = prepare(env)
    if args.prepare_only:
        return
    process = None
    host = args.host
    if not host:
        # Production settings serve hashed static files: without them every page is a 500.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        port = free_port()
        process = start_gunicorn(env, port, args.workers)
        host = f"http://127.0.0.1:{port}"
        warm(port, json.loads(data.read_text()), rounds=args.workers * 3)
    try:
        print(
            f"\nLocust: {args.users} users ({args.spawn_rate:g}/s), {args.seconds} s against "
            f"{host}" + (f" (gunicorn, {args.workers} workers)" if process else "")
        )
        print(f"Load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        started = time.monotonic()
        killer = None
        if args.kill_midway and process:
            killer = threading.Timer(args.seconds / 2, kill_one_worker, args=(process.pid,))
            killer.start()
        rows = run_locust(
            host,
            data,
            users=args.users,
            spawn_rate=args.spawn_rate,
            seconds=args.seconds,
            name="porth",
        )
        print(f"\nAfter {time.monotonic() - started:.0f} s:")
        print_stats(rows, read_cache_tally(OUT / "porth"))
        print(f"Load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        if process:
            yardstick = bare(int(host.rsplit(":", 1)[1]), args.bare_seconds)
            if yardstick:
                total = next((row for row in rows if row["Name"] == "Aggregated"), None)
                print(
                    f"\nBare Django view, same gunicorn, 8 connections: {yardstick['rps']:.0f} "
                    f"req/s, p50 {yardstick['p50']:.1f} ms, p95 {yardstick['p95']:.1f} ms"
                )
                if total:
                    print(
                        f"(the mix above ran at {float(total['Requests/s']):.1f} req/s with "
                        "people's pauses between pages, so it is not a ceiling)"
                    )
        if killer:
            killer.cancel()
        failures = sum(int(row["Failure Count"]) for row in rows if row["Name"] == "Aggregated")
        if failures:
            print(f"\n{failures} failures: see {OUT}/porth_failures.csv")
            if args.fail_on_error:
                raise SystemExit(1)
        else:
            print("\nNo request failed.")
    finally:
        if process:
            stop(process)


if __name__ == "__main__":
    main()
