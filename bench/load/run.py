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
   the same for a bare Django view served by the same gunicorn for a few seconds, as a yardstick,
   then for the register search page asked for the same way, as a share of the bare view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_scale \\
        .venv/bin/python bench/load/run.py --users 50 --seconds 120 --workers 3

Step mode measures capacity (ADR 0063): `--steps 25,50,100,150,200 --step-seconds 60` runs one
locust with a load shape that holds each number of users in turn, and measures each step only
after its ramp and `--settle-seconds`. For each step it prints requests a second, page and API
p50/p95, the p95 of the rest (downloads, sign-in, saves), failures, the load average, how busy
the machine's CPUs were, and the CPU each process used per request (gunicorn's workers,
PostgreSQL, locust, Redis); then each kind's p95 per step, and the highest throughput at which
page p95 < 300 ms and API p95 < 200 ms held with no failure (or none).

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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from bench.anonymous_pages import environment, free_port, start_gunicorn, stop  # noqa: E402
from bench.load.stack import children  # noqa: E402

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
    parser.add_argument(
        "--drain-seconds",
        type=float,
        default=240,
        help="with --stack: how long to wait after the run for every task to finish",
    )
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument(
        "--fail-on-error",
        action="store_true",
        help="exit 1 if any request failed (CI's short run); never on timings",
    )
    parser.add_argument(
        "--kill-midway",
        action="store_true",
        help="SIGKILL one gunicorn worker half way through (with --stack: one web process and "
        "one RQ worker): only the requests in flight on it may fail",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL"),
        help="default: database 5, or 9 with --stack (which empties it first)",
    )
    parser.add_argument(
        "--stack",
        action="store_true",
        help="run against `make stack` (nginx, 3 gunicorn processes, 2 RQ workers), started "
        "on this database and stopped after; with --kill-midway, one web process and one "
        "worker are killed, and every task must still finish",
    )
    parser.add_argument(
        "--steps",
        type=lambda text: [int(users) for users in text.split(",") if users.strip()],
        help="step mode: these numbers of users in turn, e.g. 25,50,100,150,200 "
        "(--users and --seconds are then unused)",
    )
    parser.add_argument("--step-seconds", type=int, default=60, help="measured, per step")
    parser.add_argument(
        "--settle-seconds", type=int, default=5, help="per step, after its ramp, not measured"
    )
    parser.add_argument(
        "--timeline",
        type=int,
        default=0,
        help="step mode: also print each step cut into windows of this many seconds (requests "
        "a second, p95s and the cores each part used), to see when and why a step was slow",
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


def locust_command(host: str, prefix: Path, *extra: str) -> list[str]:
    """Locust, headless, against `host`, writing its CSV figures under `prefix`."""
    return [
        str(LOCUST),
        "-f",
        str(ROOT / "bench" / "load" / "locustfile.py"),
        "--headless",
        *extra,
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


def run_locust(host: str, data: Path, *, users: int, spawn_rate: float, seconds: int, name: str):
    prefix = OUT / name
    command = locust_command(
        host,
        prefix,
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        f"{seconds}s",
    )
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


# The target (issue 16): page p95 < 300 ms and API p95 < 200 ms, with no failure.
PAGE_P95_MS = 300
API_P95_MS = 200
# Kinds that are neither pages nor the API: a file download, signing in and saving a form.
NOT_PAGES = (
    "open-data download",
    "sign in",
    "editor: check answers",
    "editor: answer a question",
    "editor: save service",
)


def group_of(name: str) -> str:
    if name.startswith("API"):
        return "api"
    if any(name.startswith(prefix) for prefix in NOT_PAGES):
        return "other"
    return "page"


def step_schedule(steps: list[int], *, spawn_rate: float, seconds: int, settle: int) -> list[dict]:
    """When each step starts, starts being measured and ends, in seconds from the start."""
    schedule, at, users_before = [], 0.0, 0
    for users in steps:
        ramp = abs(users - users_before) / spawn_rate
        schedule.append(
            {
                "users": users,
                "spawn_rate": spawn_rate,
                "from": at,
                "measure_from": at + ramp + settle,
                "until": at + ramp + settle + seconds,
            }
        )
        at, users_before = at + ramp + settle + seconds, users
    return schedule


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int, *, with_children: bool = False) -> float:
    """User + system CPU of one process (and, with_children, of its children it waited for)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLOCK_TICKS


def _named(*names: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "comm").read_text().strip()
            except OSError:
                continue
            if command.startswith(names):
                found.append(int(entry.name))
    return found


def _tree_cpu(pid: int) -> float:
    """A process's CPU with its reaped children's, and its live children's own."""
    return _cpu_seconds(pid, with_children=True) + sum(_cpu_seconds(c) for c in children(pid))


def cpu_snapshot(
    *,
    gunicorn: list[int],
    locust: int | None,
    workers: list[int] = (),
    peaks: dict[int, float] | None = None,
) -> dict[str, float]:
    """CPU seconds used so far by each part of the stack, and the machine's busy and total
    time (/proc/stat). PostgreSQL is every `postgres` process on the machine, other
    databases' included; each process's children it has reaped count too (a backend that
    ended, a gunicorn worker that was replaced). `gunicorn` is every master (one, or the
    stack's three), `workers` the stack's RQ workers; nginx is counted when it runs. With
    `peaks`, each master's and worker's CPU is the most seen of it so far, so a process killed
    half way (--kill-midway) keeps counting what it used rather than dropping to nought."""

    def tree(pid: int) -> float:
        used = _tree_cpu(pid)
        if peaks is None:
            return used
        peaks[pid] = max(peaks.get(pid, 0.0), used)
        return peaks[pid]

    totals = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = totals[3] + totals[4]
    snapshot = {
        "time": time.time(),
        "load": os.getloadavg()[0],
        "machine_busy": (sum(totals[:8]) - idle) / CLOCK_TICKS,
        "machine_all": sum(totals[:8]) / CLOCK_TICKS,
        "postgres": sum(_cpu_seconds(pid, with_children=True) for pid in _named("postgres")),
        "redis": sum(_cpu_seconds(pid, with_children=True) for pid in _named("redis-server")),
    }
    if gunicorn:
        snapshot["gunicorn"] = sum(tree(pid) for pid in gunicorn)
    if workers:
        snapshot["rq"] = sum(tree(pid) for pid in workers)
    nginx = _named("nginx")
    if nginx:
        snapshot["nginx"] = sum(_cpu_seconds(pid) for pid in nginx)
    if locust:
        snapshot["locust"] = _tree_cpu(locust)
    return snapshot


class Sampler(threading.Thread):
    """A CPU snapshot every second while the steps run."""

    def __init__(self, *, gunicorn: list[int], workers: list[int] = ()) -> None:
        super().__init__(daemon=True)
        self.gunicorn, self.workers, self.locust = gunicorn, list(workers), None
        self.snapshots: list[dict[str, float]] = []
        self.peaks: dict[int, float] = {}
        self.finished = threading.Event()

    def run(self) -> None:
        while not self.finished.is_set():
            self.snapshots.append(
                cpu_snapshot(
                    gunicorn=self.gunicorn,
                    locust=self.locust,
                    workers=self.workers,
                    peaks=self.peaks,
                )
            )
            self.finished.wait(1)

    def nearest(self, moment: float) -> dict[str, float]:
        return min(self.snapshots, key=lambda snapshot: abs(snapshot["time"] - moment))


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


PARTS = ("gunicorn", "postgres", "locust", "redis", "nginx", "rq")


def summarise_step(step: dict, sampler: Sampler) -> dict:
    """One step's figures: its requests by group, their percentiles, and the CPU in its window."""
    groups: dict[str, list[float]] = {"page": [], "api": [], "other": []}
    for name, times in step["times"].items():
        groups[group_of(name)].extend(times)
    count = sum(len(times) for times in groups.values())
    seconds = step["window"][1] - step["window"][0]
    first, last = sampler.nearest(step["window"][0]), sampler.nearest(step["window"][1])
    cpu_seconds = max(last["time"] - first["time"], 1e-9)
    summary = {
        "users": step["users"],
        "requests": count,
        "rps": count / seconds,
        "failures": sum(step["failures"].values()),
        "load": last["load"],
        "busy": (last["machine_busy"] - first["machine_busy"])
        / max(last["machine_all"] - first["machine_all"], 1e-9),
        "cpu_ms": {
            part: 1000 * (last[part] - first[part]) / max(count * cpu_seconds / seconds, 1)
            for part in PARTS
            if part in first and part in last
        },
        "kinds": {name: percentile(times, 0.95) for name, times in step["times"].items()},
    }
    for group, times in groups.items():
        summary[f"{group}_p50"] = percentile(times, 0.5)
        summary[f"{group}_p95"] = percentile(times, 0.95)
    summary["held"] = (
        summary["failures"] == 0
        and summary["page_p95"] is not None
        and summary["page_p95"] < PAGE_P95_MS
        and (summary["api_p95"] is None or summary["api_p95"] < API_P95_MS)
    )
    return summary


def print_timeline(step: dict, sampler: Sampler, seconds: int) -> None:
    """One step in windows of `seconds`: its answers by when they ended, and the cores each
    part of the stack used meanwhile, so a slow minute can be put beside what ran in it."""
    start, end = step["window"]
    print(f"\n  {step['users']} users, windows of {seconds} s (cores used by each part):")
    print(
        f"  {'from s':>6} {'req/s':>6} {'page p95':>8} {'API p95':>8} {'slowest':>8} {'busy':>5}  "
        + " ".join(f"{part:>8}" for part in PARTS)
    )
    at = 0.0
    while start + at < end - 1:
        until = min(at + seconds, end - start)
        inside = [m for m in step.get("moments", []) if at <= m[0] < until]
        page = [ms for _, ms, name in inside if group_of(name) == "page"]
        api = [ms for _, ms, name in inside if group_of(name) == "api"]
        first, last = sampler.nearest(start + at), sampler.nearest(start + until)
        wall = max(last["time"] - first["time"], 1e-9)
        busy = (last["machine_busy"] - first["machine_busy"]) / max(
            last["machine_all"] - first["machine_all"], 1e-9
        )
        slowest = max((ms for _, ms, _name in inside), default=None)
        print(
            f"  {at:6.0f} {len(inside) / (until - at):6.1f} {_ms(percentile(page, 0.95)):>8} "
            f"{_ms(percentile(api, 0.95)):>8} {_ms(slowest):>8} {busy:5.0%}  "
            + " ".join(
                f"{(last[part] - first[part]) / wall:8.2f}" if part in first else f"{'-':>8}"
                for part in PARTS
            ),
            flush=True,
        )
        at = until


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def print_steps(summaries: list[dict]) -> None:
    print(
        f"\n  {'users':>5} {'req/s':>6} {'page p50/p95':>13} {'API p50/p95':>13} "
        f"{'other p95':>9} {'fail':>5} {'load':>5} {'busy':>5}   CPU ms a request: "
        + " ".join(f"{part:>8}" for part in PARTS)
    )
    for s in summaries:
        print(
            f"  {s['users']:5d} {s['rps']:6.1f} "
            f"{_ms(s['page_p50']):>6}/{_ms(s['page_p95']):<6} "
            f"{_ms(s['api_p50']):>6}/{_ms(s['api_p95']):<6} {_ms(s['other_p95']):>9} "
            f"{s['failures']:5d} {s['load']:5.1f} {s['busy']:5.0%}   {'':17} "
            + " ".join(f"{s['cpu_ms'].get(part, 0):8.1f}" for part in PARTS)
        )
    kinds = sorted({name for s in summaries for name in s["kinds"]})
    print(f"\n  p95 by kind (ms) {'':23}" + "".join(f"{s['users']:>7}" for s in summaries))
    for name in kinds:
        print(f"  {name[:40]:40}" + "".join(f"{_ms(s['kinds'].get(name)):>7}" for s in summaries))
    held = [s for s in summaries if s["held"]]
    if held:
        best = max(held, key=lambda s: s["rps"])
        print(
            f"\nThe highest throughput at which page p95 < {PAGE_P95_MS} ms and API p95 < "
            f"{API_P95_MS} ms held, with no failure: {best['rps']:.1f} requests a second "
            f"({best['users']} users; page p95 {_ms(best['page_p95'])} ms, API p95 "
            f"{_ms(best['api_p95'])} ms, load average {best['load']:.1f})."
        )
    else:
        print(
            f"\nThe highest throughput at which page p95 < {PAGE_P95_MS} ms and API p95 < "
            f"{API_P95_MS} ms held, with no failure: none of these steps."
        )


def run_steps(
    host: str,
    data: Path,
    args: argparse.Namespace,
    *,
    gunicorn: list[int],
    workers: list[int],
    halfway: Callable[[], None] | None = None,
) -> list:
    """One locust run through every step (bench/load/locustfile.py's `Steps` shape), calling
    `halfway` (with --kill-midway, what kills a web process and a worker) half way through."""
    schedule = step_schedule(
        args.steps,
        spawn_rate=args.spawn_rate,
        seconds=args.step_seconds,
        settle=args.settle_seconds,
    )
    prefix = OUT / "steps"
    out = Path(f"{prefix}_steps.json")
    out.unlink(missing_ok=True)
    command = locust_command(host, prefix)
    env = dict(
        os.environ,
        LOADTEST_DATA=str(data),
        LOADTEST_CACHE_TALLY=f"{prefix}_cache.json",
        LOADTEST_STEPS=json.dumps(schedule),
        LOADTEST_STEPS_OUT=str(out),
    )
    total = schedule[-1]["until"]
    print(
        f"\nLocust, step mode: {', '.join(str(s) for s in args.steps)} users, each measured "
        f"for {args.step_seconds} s after its ramp ({args.spawn_rate:g} users a second) and "
        f"{args.settle_seconds} s to settle: about {total / 60:.0f} minutes against {host}"
    )
    print(f"Load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    sampler = Sampler(gunicorn=gunicorn, workers=workers)
    locust = subprocess.Popen(command, env=env, cwd=ROOT)
    sampler.locust = locust.pid
    sampler.start()
    killer = threading.Timer(total / 2, halfway) if halfway else None
    if killer:
        killer.start()
    try:
        locust.wait()
    finally:
        if killer:
            killer.cancel()
        sampler.finished.set()
        sampler.join()
    if not out.exists():
        raise SystemExit("locust wrote no step figures: see its output above")
    steps = json.loads(out.read_text())
    summaries = [summarise_step(step, sampler) for step in steps]
    print_steps(summaries)
    if args.timeline > 0:
        for step in steps:
            print_timeline(step, sampler, args.timeline)
    print("\nThe whole run, ramps included (locust's own figures):")
    print_stats(read_stats(prefix), read_cache_tally(prefix))
    return summaries


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
    pids = children(master_pid)
    if pids:
        os.kill(pids[0], signal.SIGKILL)
        print(f"Killed gunicorn worker {pids[0]} at {time.strftime('%H:%M:%S')}", flush=True)


def search_against_the_bare_view(port: int, data: Path, seconds: float, bare_rps: float) -> None:
    """The register search page (a word from its names, each language) asked for as the bare view
    just was, through the same server: the issue's goal is at least half the bare view's
    rate. The page cache keeps each search after its first answer, as it does for readers."""
    from urllib.parse import quote

    from bench.anonymous_pages import load

    words = json.loads(data.read_text())["words"]
    for language in ("en", "cy"):
        word = words[language][0]
        found = load(port, f"/{language}/register/?q={quote(word)}", seconds=seconds, connections=8)
        print(
            f"Register search ({language}, {word!r}), the same way: {found['rps']:.0f} req/s, "
            f"p50 {found['p50']:.1f} ms, p95 {found['p95']:.1f} ms, {found['errors']} not 200: "
            f"{found['rps'] / bare_rps:.0%} of the bare view (the issue's goal: 50 %)",
            flush=True,
        )


def yardstick_line(yardstick: dict, where: str) -> str:
    return (
        f"Bare Django view, {where}, 8 connections: {yardstick['rps']:.0f} req/s, "
        f"p50 {yardstick['p50']:.1f} ms, p95 {yardstick['p95']:.1f} ms"
    )


def start_stack(args: argparse.Namespace, env: dict[str, str]):
    """`config/stack/stack.sh up` on this run's database, Redis database and free ports."""
    import redis

    from bench.load.stack import Stack

    database_url = env.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("--stack needs DATABASE_URL=postgres://... (a database with the demo)")
    # A fresh cache and an empty queue, so the run counts only its own jobs.
    redis.Redis.from_url(args.redis_url).flushdb()
    stack = Stack(
        database_url=database_url,
        redis_url=args.redis_url,
        port=free_port(),
        web_ports=[free_port() for _ in range(3)],
        base_env=env,
    )
    print(f"Starting the stack (nginx, 3 gunicorn processes, 2 RQ workers) on {stack.host}")
    stack.up()
    gives_way, how = stack.workers_give_way()
    print(f"RQ workers {'give way to the web' if gives_way else 'DO NOT give way'}: {how}")
    if not gives_way and args.fail_on_error:
        stack.down()
        raise SystemExit(1)
    return stack


def main() -> None:
    args = parse_args()
    if not LOCUST.exists():
        raise SystemExit("locust is missing: make loadtest installs it (.venv-bench)")
    if args.redis_url is None:
        args.redis_url = "redis://127.0.0.1:6379/" + ("9" if args.stack else "5")
    env = environment(page_cache=300, redis_url=args.redis_url)
    env["PORTH_LOCAL_STACK"] = "1"  # plain http on this machine: session cookies not Secure
    # Every simulated reader comes from 127.0.0.1, so the API's anonymous limit (per address,
    # 120 a minute) would answer 429 to most of them, where real readers come from many
    # addresses. A server named by --host keeps its own limit.
    env.setdefault("PORTH_API_ANONYMOUS_RATE", "1000000/minute")
    # Likewise allauth's 30 sign-ins a minute per address: 350 users arriving at 10 a second
    # bring 35 editors signing in within the first minute.
    env.setdefault("PORTH_SIGN_IN_RATE", "100000/m/ip")
    data = prepare(env)
    if args.prepare_only:
        return
    process = stack = watch = None
    host = args.host
    port = None
    if args.stack:
        stack = start_stack(args, env)
        host, port = stack.host, stack.port
    elif not host:
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
    where = "through the same nginx and gunicorn" if stack else "same gunicorn"
    try:
        if port:
            warm(port, json.loads(data.read_text()), rounds=args.workers * 3)
        if stack:
            from bench.load.stack import TaskWatch

            watch = TaskWatch(args.redis_url)
            watch.start()
        gunicorn = stack.web_pids() if stack else [process.pid] if process else []
        started = time.monotonic()

        def kill_in_the_stack() -> None:
            moment = time.monotonic() - started
            print(f"At {moment:.0f} s: {stack.kill_one_web_process()}", flush=True)
            said = stack.kill_one_worker()
            print(f"At {time.monotonic() - started:.0f} s: {said}", flush=True)

        if args.steps:
            summaries = run_steps(
                host,
                data,
                args,
                gunicorn=gunicorn,
                workers=stack.worker_pids() if stack else [],
                halfway=kill_in_the_stack if args.kill_midway and stack else None,
            )
            print(f"Load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
            yardstick = bare(port, args.bare_seconds) if port else None
            if yardstick:
                best = max(summary["rps"] for summary in summaries)
                print(
                    f"\n{yardstick_line(yardstick, where)}; the mix's best step ran at "
                    f"{best:.1f} req/s ({best / yardstick['rps']:.1%})"
                )
                search_against_the_bare_view(port, data, args.bare_seconds, yardstick["rps"])
            failures = sum(summary["failures"] for summary in summaries)
            lost = finish_tasks(watch, stack, seconds=args.drain_seconds)
            if failures:
                print(
                    f"\n{failures} failures in the measured windows: see {OUT}/steps_failures.csv"
                )
                if (
                    stack
                    and args.kill_midway
                    and in_flight_on_the_killed_process(failures, stack, prefix="steps")
                ):
                    print(ALLOWED_FAILURES)
                    failures = 0
            else:
                print("\nNo request failed in the measured windows.")
            if (failures or lost) and args.fail_on_error:
                raise SystemExit(1)
            return
        print(
            f"\nLocust: {args.users} users ({args.spawn_rate:g}/s), {args.seconds} s against "
            f"{host}"
            + (f" (gunicorn, {args.workers} workers)" if process else "")
            + (" (nginx, 3 gunicorn processes, 2 RQ workers)" if stack else "")
        )
        print(f"Load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        started = time.monotonic()
        killers = []
        if args.kill_midway and process:
            killers.append(threading.Timer(args.seconds / 2, kill_one_worker, args=(process.pid,)))
        if args.kill_midway and stack:
            killers.append(threading.Timer(args.seconds / 2, kill_in_the_stack))
        for killer in killers:
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
        for killer in killers:
            killer.cancel()
        if port:
            yardstick = bare(port, args.bare_seconds)
            if yardstick:
                total = next((row for row in rows if row["Name"] == "Aggregated"), None)
                print(f"\n{yardstick_line(yardstick, where)}")
                if total:
                    print(
                        f"(the mix above ran at {float(total['Requests/s']):.1f} req/s with "
                        "people's pauses between pages, so it is not a ceiling)"
                    )
                search_against_the_bare_view(port, data, args.bare_seconds, yardstick["rps"])
        failures = sum(int(row["Failure Count"]) for row in rows if row["Name"] == "Aggregated")
        lost = finish_tasks(watch, stack, seconds=args.drain_seconds)
        if failures:
            print(f"\n{failures} failures: see {OUT}/porth_failures.csv")
            if stack and args.kill_midway and in_flight_on_the_killed_process(failures, stack):
                print(ALLOWED_FAILURES)
                failures = 0
        else:
            print("\nNo request failed.")
        if (failures or lost) and args.fail_on_error:
            raise SystemExit(1)
    finally:
        if watch:
            watch.finished.set()
        if process:
            stop(process)
        if stack:
            stack.down()


ALLOWED_FAILURES = (
    "Each was a 502 from nginx for a request the killed web process had in flight: allowed "
    "(nginx sends a GET on to the next process, but never a POST it had already sent)."
)


def in_flight_on_the_killed_process(failures: int, stack, *, prefix: str = "porth") -> bool:
    """Whether the failures can only be requests the killed web process had in flight: each a
    502 from nginx, and no more than the POSTs nginx's error log says it had passed to that
    process and never had an answer for (it sends a GET on to the next process)."""
    with open(OUT / f"{prefix}_failures.csv", newline="") as handle:
        errors = [row["Error"] for row in csv.DictReader(handle)]
    lost = stack.lost_with_the_killed_process()
    print(f"nginx had passed {len(lost)} POST(s) to the killed process and got no answer")
    return failures <= len(lost) and all("502" in error for error in errors)


def finish_tasks(watch, stack, *, seconds: float) -> int:
    """With the stack: let the workers finish, recover a killed worker's job, and report what
    became of every task; return how many did not finish (none without the stack). A killed
    RQ worker's job is recovered once its heartbeat lapses (about 90 s, ADR 56)."""
    if not (watch and stack):
        return 0
    watch.finished.set()
    print(
        f"\nWaiting for the queue to drain (recovering a dead worker's job after its "
        f"heartbeat lapses, up to {seconds:.0f} s)",
        flush=True,
    )
    took = watch.drain(stack, seconds=seconds)
    print(f"Drained in {took:.0f} s")
    return watch.report()


if __name__ == "__main__":
    main()
