"""How fast are the success measures? A benchmark that prints its figures (ADR 0038, 0039).

Not a test. On the database in DATABASE_URL (created and migrated if missing; a register is
generated with `--services` services if it has fewer), it prints:

- p50/p95 of the public dashboard and of a measure's page, read from snapshots;
- how long the worker takes to recompute `--months` months of history for every measure and
  every stored scope (what `manage.py take_measure_snapshots --recompute N` queues);
- p50/p95 of the same page with page-view counting on and off (the middleware's cost), the
  two measured in turn, request by request, so that a busy shared machine slows both alike.

Besides the register, it loads the standards with their demo self-assessments and reviews,
and the learning app's alpha figures and demo courses (`demo.seed` of each app: demo size,
not a benchmark size; neither app has a generator for more).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_bench_measures \\
        .venv/bin/python bench/measures.py --services 2000 --months 3

`--spread` spreads the generated services' creation over the last two years and records each
figure 20 days after its period ends, so that every month of the history has records to count
(the generator makes them all today, which leaves the past months empty and cheap).

`--reuse` takes the database as it is, such as a copy of the seeded 100,000-service database
(`CREATE DATABASE porth_NAME_scale TEMPLATE porth_scale`): nothing generated, spread or seeded;
`--by-measure` prints each measure's share of the recompute; `--no-recompute` reads the
snapshots already there (ADR 0060):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_NAME_scale \
        .venv/bin/python bench/measures.py --reuse --months 12 --by-measure --runs 30

Each page line gives p50/p95, CPU time a request and its queries; "Dashboard, drawn" empties
the cache before each request, so every tile is drawn (as after a snapshot or a new target).

Targets (issue 15) at 100,000 services: dashboard p95 < 200 ms, full recompute < 60 s, counting
adds < 2 ms at p95. The full size takes long to build: do not run it on a shared machine.
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


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def timed_gets(client, path: str, runs: int, cpu: list[float] | None = None) -> list[float]:
    client.get(path)  # warm
    samples = []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        samples.append(time.perf_counter() - started)
        if cpu is not None:
            cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200, (path, response.status_code)
    return samples


def page_line(label: str, client, path: str, runs: int) -> None:
    """p50/p95 wall time of `path`, with its queries and CPU time per request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cpu: list[float] = []
    samples = timed_gets(client, path, runs, cpu)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    print(
        f"{label:<20}{percentiles(samples)}   CPU p50 {statistics.median(cpu) * 1000:6.1f} ms"
        f"   {len(queries.captured_queries)} queries",
        flush=True,
    )


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def interleaved_gets(on_client, off_client, path: str, runs: int) -> tuple[list, list]:
    """The same page with counting on and off, one request of each in turn."""
    from django.conf import settings
    from django.test import override_settings

    without = [m for m in settings.MIDDLEWARE if not m.startswith("porth.insight")]
    on_client.get(path)
    with override_settings(MIDDLEWARE=without):
        off_client.get(path)
    on, off = [], []
    for _ in range(runs):
        started = time.perf_counter()
        assert on_client.get(path).status_code == 200
        on.append(time.perf_counter() - started)
        with override_settings(MIDDLEWARE=without):
            started = time.perf_counter()
            assert off_client.get(path).status_code == 200
            off.append(time.perf_counter() - started)
    return on, off


def spread_history(days: int = 730) -> None:
    """Spread generated services' creation over the last `days` days and record each figure
    20 days after its period ends (never before its service existed, never in the future)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE register_service "
                "SET created_at = now() - make_interval(days => (id %% %s)::int)",
                [days],
            )
            cursor.execute(
                "UPDATE register_metricvalue v SET recorded_at = GREATEST(s.created_at, "
                "LEAST(now(), v.period_end + 20)) FROM register_service s WHERE s.id = v.service_id"
            )
        else:
            cursor.execute(
                "UPDATE register_service SET created_at = "
                "datetime('now', '-' || (id %% %s) || ' days')",
                [days],
            )
            cursor.execute(
                "UPDATE register_metricvalue SET recorded_at = (SELECT max(s.created_at, "
                "min(datetime('now'), datetime(register_metricvalue.period_end, '+20 days'))) "
                "FROM register_service s WHERE s.id = register_metricvalue.service_id)"
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE register_service")
            cursor.execute("ANALYZE register_metricvalue")


def time_each_measure() -> dict[str, float]:
    """Time each measure's readings in the recompute, by key (`actions.read_dates`, or
    `actions.read_scopes` in code from before ADR 0060's second part)."""
    from porth.measures import actions

    spent: dict[str, float] = {}
    name = "read_dates" if hasattr(actions, "read_dates") else "read_scopes"
    reads = getattr(actions, name)

    def timed(measure, *args):
        started = time.perf_counter()
        try:
            return reads(measure, *args)
        finally:
            spent[measure.key] = spent.get(measure.key, 0.0) + time.perf_counter() - started

    setattr(actions, name, timed)
    return spent


def centre_staff():
    """A centre staff account of the benchmark's own, to read the centre's view."""
    from porth.accounts.models import User

    user, _ = User.objects.get_or_create(
        email="bench-centre-staff@porth.example", defaults={"is_centre_staff": True}
    )
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the database as it is (e.g. a copy of porth_scale): no services generated, "
        "no dates spread, no demo seeded",
    )
    parser.add_argument(
        "--no-recompute", action="store_true", help="read the snapshots already taken"
    )
    parser.add_argument(
        "--by-measure",
        action="store_true",
        help="print how long each measure took over the recompute, slowest first",
    )
    parser.add_argument(
        "--spread",
        action="store_true",
        help="spread the services' and figures' dates over two years first (ADR 0060)",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.utils import timezone

    from porth.core.seeding import SeedOptions
    from porth.measures.actions import recompute_history
    from porth.register.demo import generate_demo_register
    from porth.register.models import Service

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("load_organisations", verbosity=0)
    existing = Service.objects.count()
    if not args.reuse and existing < args.services:
        print(f"Generating {args.services - existing:,} services …", flush=True)
        generate_demo_register(services=args.services - existing, months=2, seed=existing + 1)
    if args.spread and not args.reuse:
        spread_history()
        print("Dates spread over the last two years")
    print(f"Register: {Service.objects.count():,} services")
    from porth.learning import demo as learning_demo
    from porth.standards import demo as standards_demo

    options = SeedOptions(today=timezone.localdate())
    for demo in () if args.reuse else (standards_demo, learning_demo):
        try:
            demo.seed(demo=True, options=options, out=lambda line: print("  " + line))
        except Exception as error:  # a bench goes on without them, and says so
            print(f"  {demo.__name__} not seeded: {error!r}")

    if not args.no_recompute:
        spent = time_each_measure() if args.by_measure else None
        started = time.perf_counter()
        stored = recompute_history(months=args.months)
        took = time.perf_counter() - started
        print(
            f"Recompute {args.months} months: {stored:,} snapshots in {took:,.1f} s"
            f"   (load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )
        if spent is not None:
            for key, seconds in sorted(spent.items(), key=lambda item: -item[1]):
                print(f"  {key:<45}{seconds:8.2f} s")

    client = Client()
    page_line("Dashboard", client, "/en/measures/", args.runs)
    page_line("Dashboard, Welsh", client, "/cy/measures/", args.runs)
    page_line("Dashboard, by type", client, "/en/measures/?body_type=principal_council", args.runs)
    page_line("Dashboard, region", client, "/en/measures/?region=north", args.runs)
    centre = Client()
    centre.force_login(centre_staff())
    page_line("Centre dashboard", centre, "/en/measures/centre/all/", args.runs)
    drawn = []
    for _ in range(args.runs):
        cache.clear()  # every tile drawn again, as after a snapshot or a new target
        started = time.perf_counter()
        assert client.get("/en/measures/").status_code == 200
        drawn.append(time.perf_counter() - started)
    print(f"Dashboard, drawn    {percentiles(drawn)}   (no tile kept: after a snapshot)")
    with override_settings(PAGE_CACHE_SECONDS=300):
        cache.clear()
        kept = timed_gets(Client(), "/en/measures/", args.runs)
    print(f"Dashboard, kept     {percentiles(kept)}   (anonymous, page cache on, ADR 0053)")
    print(f"Load average after the pages: {os.getloadavg()[0]:.1f}")
    detail = "/en/measures/register.services_recorded/"
    print(f"Measure page        {percentiles(timed_gets(client, detail, args.runs))}")

    page = "/en/measures/register.services_recorded/"
    counting_on, counting_off = interleaved_gets(Client(), Client(), page, args.runs)
    print(f"Page, counting on   {percentiles(counting_on)}")
    print(f"Page, counting off  {percentiles(counting_off)}")
    print(f"Counting adds at p95: {(p95(counting_on) - p95(counting_off)) * 1000:+.1f} ms")


if __name__ == "__main__":
    main()
