"""How fast is the service register on PostgreSQL? A benchmark that prints its figures.

Not a test: it builds a big register once and then times the real pages through Django's test
client, the same code path a browser request takes apart from the network.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_bench \\
        .venv/bin/python bench/register.py --services 100000 --metrics 10000000

Smaller runs: `--services 10000 --metrics 1000000`. The database named in DATABASE_URL is
created if missing; its services come from the register's `generate_demo_register` and its
figures are written by PostgreSQL itself (`--figures demo` uses the demo generator for them too,
about 9,000 figures a second, so 20 minutes at full size). Run again and it reuses what is there
(`--rebuild` starts again). It then measures, and prints:

- p50/p95 of register search and filter, the service page and the landscape dashboard (its
  stored figures; with figures due for a refresh, which queues the worker; and how long the
  worker takes to work them out, which no reader waits for);
- importing --import-rows figures through the register's import path when there is one, else
  through the COPY-based path below, against PostgreSQL's own COPY of the same rows;
- the peak memory of a streamed --export-rows export, in a child process.

Targets (issue 3): search p95 < 100 ms, service page p95 < 100 ms, landscape p95 < 300 ms,
import at ≥ 25 % of COPY's throughput, streamed export peak < 300 MB. `--skip-pages`,
`--skip-import` and `--skip-export` leave a part out; `--search-only` times register search
alone of the pages. What was measured, and on what machine: docs/adr/0014, 0016 and 0029.
"""

import argparse
import csv
import datetime
import io
import json
import os
import random
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
# Tasks go to the database queue, as on a real site, instead of running inside the request
# that queues them (the test settings' default): the landscape's refresh is the worker's job.
os.environ.setdefault("TASK_BACKEND", "database")

# Periods the imported figures use: long before any demo figure, so an import only inserts and
# can be removed again afterwards, leaving the register as it was.
IMPORT_FIRST_MONTH = datetime.date(1990, 1, 1)
IMPORT_CODES = ["user-satisfaction", "completion-rate", "digital-take-up", "transactions-online"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--metrics", type=int, default=10_000_000, help="figures, about")
    parser.add_argument("--samples", type=int, default=50, help="requests timed per page")
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    parser.add_argument("--export-rows", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="drop the database first")
    parser.add_argument(
        "--figures",
        choices=["sql", "demo"],
        default="sql",
        help="write figures in SQL on the server (fast) or with generate_demo_register (≈9,000/s)",
    )
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument(
        "--search-only", action="store_true", help="of the pages, time register search alone"
    )
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--export-format", choices=["csv", "xlsx", "json"], default="csv")
    parser.add_argument("--export-child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- The database -------------------------------------------------------------------------


def ensure_database(url: str, *, rebuild: bool) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    server = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and rebuild:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}")


def figures_per_service_month() -> float:
    """How many figures the demo generator makes per service per month, from a trial run that
    is rolled back (kinds of service report on different numbers of channels)."""
    from django.db import transaction

    from porth.register.demo import generate_demo_register

    with transaction.atomic():
        trial = generate_demo_register(services=300, months=12, seed=99)
        transaction.set_rollback(True)
    return trial.figures / (300 * 12)


SQL_MEASURES = [
    "user-satisfaction",
    "completion-rate",
    "digital-take-up",
    "transactions-online",
    "transactions-phone",
    "transactions-in-welsh",
]


def sql_figures(months: int) -> int:
    """Monthly figures for every service over the last `months` months, written by PostgreSQL
    itself (INSERT … SELECT over generate_series): the volume and shape of a real register in
    a minute or two instead of the demo generator's twenty at 10 million figures."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO register_metricvalue (service_id, measure_id, unit, period_type,
                period_start, period_end, value, not_provided_reason, source, note, recorded_at,
                updated_at)
            SELECT s.id, m.id, m.unit, 'month',
                (date_trunc('month', now()) - make_interval(months => g.k))::date,
                (date_trunc('month', now()) - make_interval(months => g.k - 1)
                 - interval '1 day')::date,
                CASE m.unit
                    WHEN 'percent' THEN round((40 + random() * 59)::numeric, 1)
                    WHEN 'count' THEN floor(random() * 5000)
                    ELSE round((1 + random() * 20)::numeric, 2)
                END,
                '', 'Benchmark', '', now(), now()
            FROM register_service s
            CROSS JOIN register_measure m
            CROSS JOIN generate_series(1, %s) AS g(k)
            WHERE m.organisation_id IS NULL AND m.code = ANY(%s)
            ON CONFLICT DO NOTHING
            """,
            [months, SQL_MEASURES],
        )
        written = cursor.rowcount
        cursor.execute(
            "UPDATE register_service SET latest_metric_period ="
            " (date_trunc('month', now()) - interval '1 month')::date"
        )
    return written


def build(services: int, metrics: int, figures: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    from porth.register.demo import generate_demo_register
    from porth.register.models import MetricValue, Service

    call_command("migrate", verbosity=0)
    call_command("load_organisations", verbosity=0)
    existing = Service.objects.count()
    if existing >= services:
        print(f"Reusing {existing:,} services and {MetricValue.objects.count():,} figures")
        return
    if figures == "demo":
        per_month = figures_per_service_month()
        months = max(1, round(metrics / services / per_month))
        print(
            f"Generating {services - existing:,} services × {months} months "
            f"(≈{per_month:.1f} figures a service a month) …",
            flush=True,
        )
    else:
        months = max(1, round(metrics / services / len(SQL_MEASURES)))
        print(f"Generating {services - existing:,} services …", flush=True)
    started = time.perf_counter()
    result = generate_demo_register(
        services=services - existing, months=months if figures == "demo" else 0, seed=existing + 1
    )
    took = time.perf_counter() - started
    print(f"  made {result.services:,} services in {took:,.0f} s", flush=True)
    if figures == "demo":
        made = result.figures
    else:
        print(f"Writing {len(SQL_MEASURES)} figures a month for {months} months in SQL …")
        started = time.perf_counter()
        made = sql_figures(months)
        took = time.perf_counter() - started
    print(f"  made {made:,} figures in {took:,.0f} s ({made / took:,.0f} figures/s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- Timing pages -------------------------------------------------------------------------


def load_average() -> str:
    return " ".join(f"{figure:.1f}" for figure in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_pages(name: str, client, paths: list[str], *, before_each=None) -> dict:
    """Time each path; `before_each` runs first, untimed (to make the landscape's figures due)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in paths[:3]:  # warm connections and the database's own caches
        client.get(path)
    times, queries = [], []
    for path in paths:
        if before_each:
            before_each()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return report(name, times, queries)


def report(name: str, times: list[float], queries: list[int]) -> dict:
    result = {
        "page": name,
        "samples": len(times),
        "p50_ms": percentile(times, 0.5),
        "p95_ms": percentile(times, 0.95),
        "max_ms": max(times),
        "queries": f"{min(queries)}–{max(queries)}" if min(queries) != max(queries) else queries[0],
    }
    print(
        f"  {name:<34} p50 {result['p50_ms']:7.1f} ms   p95 {result['p95_ms']:7.1f} ms   "
        f"max {result['max_ms']:7.1f} ms   queries {result['queries']}",
        flush=True,
    )
    return result


def landscape_results(client, samples: int, rng: random.Random) -> list[dict]:
    """The dashboard as readers get it (stored figures), with old figures (the reader gets them
    as they are: pages never queue a refresh, see ADR 0024), and the worker's own time to work
    them out, which no reader waits for."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from porth.open_data.actions import refresh_landscape_figures
    from porth.open_data.models import LandscapeFigures

    refresh_landscape_figures()  # as the worker leaves them: fresh
    paths = [f"/{rng.choice(['en', 'cy'])}/open-data/landscape/" for _ in range(samples)]
    results = [time_pages("landscape dashboard (stored)", client, paths)]

    def make_due() -> None:
        LandscapeFigures.objects.update(
            worked_out_at=timezone.now() - datetime.timedelta(hours=1), refresh_requested_at=None
        )

    due = paths[: max(5, samples // 5)]
    results.append(time_pages("landscape (old figures)", client, due, before_each=make_due))
    DBTaskResult.objects.filter(task_path__endswith="refresh_landscape_later").delete()
    times, queries = [], []
    for _ in range(max(1, len(due) // 2)):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            refresh_landscape_figures()  # both languages, as the worker does
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
    results.append(report("landscape worked out, both languages (worker)", times, queries))
    return results


def search_paths(samples: int, rng: random.Random) -> list[str]:
    """A mix of what people do on the register list: search words in either language, filter,
    both, sort and turn pages."""
    from porth.register.models import Channel, Phase, Service, ServiceArea, WelshAvailability

    names = list(
        Service.objects.order_by("?").values_list("name_en", "name_cy")[: max(samples, 20)]
    )
    words = [
        word
        for pair in names
        for name in pair
        for word in name.split()
        if len(word) > 3 and word.isalpha()
    ]
    areas = list(ServiceArea.objects.values_list("code", flat=True))
    bodies = ["principal_council", "local_health_board", "arms_length_body"]
    paths = []
    for index in range(samples):
        query: list[tuple[str, str]] = []
        kind = index % 5
        if kind in (0, 2, 4):
            query.append(("q", rng.choice(words)))
        if kind in (1, 2, 4):
            query.append(("area", rng.choice(areas)))
            query.append(("welsh", rng.choice(WelshAvailability.values)))
        if kind == 3:
            query += [("phase", Phase.LIVE), ("channel", rng.choice(Channel.values))]
            query.append(("body_type", rng.choice(bodies)))
            query.append(("sort", "updated"))
            query.append(("page", "3"))
        if kind == 4:
            query.append(("sort", "name"))
        paths.append(f"/{rng.choice(['en', 'cy'])}/register/?{urlencode(query)}")
    return paths


def service_paths(samples: int, rng: random.Random) -> list[str]:
    from porth.register.models import Service

    ids = list(Service.objects.order_by("?").values_list("public_id", flat=True)[:samples])
    return [f"/{rng.choice(['en', 'cy'])}/register/services/{public_id}/" for public_id in ids]


# --- Importing figures ----------------------------------------------------------------------


def write_import_file(rows: int, path: Path) -> int:
    """A CSV of `rows` figures for existing services, in periods no demo figure uses."""
    from porth.register.models import Service

    ids = list(Service.objects.filter(is_retired=False).values_list("public_id", flat=True))
    months_needed = -(-rows // (len(ids) * len(IMPORT_CODES)))
    written = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["service_id", "measure", "period_type", "period_start", "value", "source"])
        for month in range(months_needed):
            start = datetime.date(
                IMPORT_FIRST_MONTH.year + month // 12, month % 12 + 1, 1
            ).isoformat()
            for code in IMPORT_CODES:
                for public_id in ids:
                    if written == rows:
                        return written
                    # Percentages with decimals; counts must be whole numbers.
                    value = (
                        str(written % 5000)
                        if code.startswith("transactions")
                        else f"{(written * 7919) % 10000 / 100:.2f}"
                    )
                    writer.writerow([public_id, code, "month", start, value, "Benchmark"])
                    written += 1
    return written


def resolved_rows(path: Path) -> Iterator[tuple]:
    """(service_id, measure_id, unit, period_type, period_start, value) for each CSV row, with the
    checks an import must make: known service and measure, a first-of-month period, a value in
    range for its unit. Rows that fail are skipped.

    The lookups are read here, before the first row: callers stream the rows into a COPY, and a
    connection cannot run a query in the middle of one."""
    from porth.register.models import Measure, Service, value_errors

    services = dict(Service.objects.values_list("public_id", "id"))
    measures = {m.code: (m.pk, m.unit) for m in Measure.objects.filter(organisation__isnull=True)}

    def rows() -> Iterator[tuple]:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                service_id = services.get(row["service_id"].strip().upper())
                measure = measures.get(row["measure"].strip())
                try:
                    period = datetime.date.fromisoformat(row["period_start"].strip())
                    value = Decimal(row["value"].strip())
                except (ValueError, InvalidOperation):
                    continue
                if service_id is None or measure is None or period.day != 1:
                    continue
                if value_errors(value, measure[1]):
                    continue
                yield service_id, measure[0], measure[1], row["period_type"], period, value

    return rows()


def copy_based_import(path: Path) -> int:
    """The import path this benchmark measures when the register has none of its own: read and
    check every row in Python, COPY the good ones into a temporary table, then insert or update
    them in register_metricvalue in one statement, and refresh the services' latest period —
    all in one transaction, so nothing partial lands."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE import_figures (service_id bigint, measure_id bigint, "
            "unit varchar(10), period_type varchar(20), period_start date, value numeric(16,2))"
            " ON COMMIT DROP"
        )
        count = 0
        rows = resolved_rows(path)  # its lookups must run before the COPY starts
        with cursor.copy(
            "COPY import_figures (service_id, measure_id, unit, period_type, period_start, value)"
            " FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        cursor.execute(
            """
            INSERT INTO register_metricvalue (service_id, measure_id, unit, period_type,
                period_start, period_end, value, not_provided_reason, source, note, recorded_at,
                updated_at)
            SELECT service_id, measure_id, unit, period_type, period_start,
                (period_start + make_interval(months => CASE period_type WHEN 'month' THEN 1
                    WHEN 'quarter' THEN 3 ELSE 12 END) - interval '1 day')::date,
                value, '', 'Benchmark', '', now(), now()
            FROM import_figures
            ON CONFLICT (service_id, measure_id, period_type, period_start)
            DO UPDATE SET value = EXCLUDED.value, not_provided_reason = '',
                source = EXCLUDED.source, updated_at = now()
            """
        )
        cursor.execute(
            """
            UPDATE register_service AS s SET latest_metric_period = latest.period
            FROM (SELECT service_id, max(period_start) AS period FROM import_figures
                  GROUP BY service_id) AS latest
            WHERE s.id = latest.service_id
              AND (s.latest_metric_period IS NULL OR s.latest_metric_period < latest.period)
            """
        )
    return count


def plain_copy(path: Path) -> tuple[int, float]:
    """PostgreSQL's own COPY of the same figures, already resolved to ids, straight into
    register_metricvalue (its indexes and constraints included), then rolled back: the fastest
    the database itself can take them. Returns the rows and the seconds COPY took."""
    from django.db import connection, transaction

    from porth.register.models import period_end

    buffer = io.StringIO()
    rows = 0
    for service_id, measure_id, unit, period_type, period_start, value in resolved_rows(path):
        end = period_end(period_type, period_start)
        buffer.write(
            f"{service_id}\t{measure_id}\t{unit}\t{period_type}\t{period_start}\t{end}\t{value}\t\t"
            "Benchmark\t\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\n"
        )
        rows += 1
    data = buffer.getvalue().encode()
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        with cursor.copy(
            "COPY register_metricvalue (service_id, measure_id, unit, period_type, period_start,"
            " period_end, value, not_provided_reason, source, note, recorded_at, updated_at)"
            " FROM STDIN"
        ) as copy:
            copy.write(data)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return rows, seconds


def register_import_path():
    """The register's own import of figures, if it has one by now."""
    try:
        from porth.register import imports
    except ImportError:
        return None
    return getattr(imports, "import_metric_file", None)


def measure_import(rows: int) -> dict:
    from django.db import connection

    from porth.register.models import MetricValue

    path = Path("/tmp/porth-bench-figures.csv")
    written = write_import_file(rows, path)
    register_import = register_import_path()
    print(f"  {written:,} rows in {path.stat().st_size / 1e6:,.0f} MB", flush=True)

    copied, copy_seconds = plain_copy(path)
    copy_rate = copied / copy_seconds
    print(f"  PostgreSQL COPY          {copy_seconds:6.1f} s   {copy_rate:10,.0f} rows/s")

    if register_import is not None:
        label = "register import path"
        started = time.perf_counter()
        register_import(path)
    else:
        label = "COPY-based import path"
        started = time.perf_counter()
        loaded = copy_based_import(path)
        if loaded != written:
            raise SystemExit(f"The import loaded {loaded:,} of {written:,} rows")
    took = time.perf_counter() - started
    import_rate = written / took
    print(
        f"  {label:<24} {took:6.1f} s   {import_rate:10,.0f} rows/s   "
        f"= {100 * import_rate / copy_rate:.0f} % of COPY"
    )
    removed, _by_model = MetricValue.objects.filter(
        period_start__lt=datetime.date(2000, 1, 1)
    ).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE register_service AS s SET latest_metric_period = ("
            " SELECT max(period_start) FROM register_metricvalue v"
            " WHERE v.service_id = s.id AND v.value IS NOT NULL)"
            " WHERE s.latest_metric_period < '2000-01-01'"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE register_metricvalue")
    path.unlink()
    return {
        "rows": written,
        "path": label,
        "copy_rows_per_s": copy_rate,
        "import_rows_per_s": import_rate,
        "percent_of_copy": 100 * import_rate / copy_rate,
        "removed_after": removed,
    }


# --- Streaming an export --------------------------------------------------------------------


def peak_rss_mb() -> float:
    """The process's peak resident memory (VmHWM). Not getrusage's ru_maxrss: Linux carries that
    over from the parent through fork and exec, so a child would report the parent's peak."""
    status = Path("/proc/self/status").read_text()
    kilobytes = int(status.split("VmHWM:")[1].split()[0])
    return kilobytes / 1024


def export_child(rows: int, file_format: str) -> None:
    """Run in a child process so its peak memory is the export's alone."""
    import django

    django.setup()
    from django.db.models import Count
    from django.test import Client

    from porth.register.models import MetricValue

    # The latest months that together hold at least `rows` figures.
    months = (
        MetricValue.objects.filter(service__is_retired=False)
        .values("period_start")
        .annotate(count=Count("id"))
        .order_by("-period_start")
    )
    total, since = 0, None
    for month in months:
        total += month["count"]
        since = month["period_start"]
        if total >= rows:
            break
    baseline = peak_rss_mb()
    tracemalloc.start()
    started = time.perf_counter()
    response = Client().get(f"/en/open-data/metrics.{file_format}?period_from={since.isoformat()}")
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    took = time.perf_counter() - started
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "rows": total,
                "megabytes": size / 1e6,
                "seconds": took,
                "rows_per_s": total / took,
                "python_peak_mb": traced_peak / 1e6,
                "process_peak_rss_mb": peak_rss_mb(),
                "rss_before_mb": baseline,
            }
        )
    )


def measure_export(rows: int, file_format: str) -> dict:
    command = [sys.executable, __file__, "--export-child", "--export-rows", str(rows)]
    output = subprocess.run(
        [*command, "--export-format", file_format],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    print(
        f"  {result['rows']:,} rows, {result['megabytes']:,.0f} MB in "
        f"{result['seconds']:.0f} s ({result['rows_per_s']:,.0f} rows/s): peak RSS "
        f"{result['process_peak_rss_mb']:.0f} MB (process, {result['rss_before_mb']:.0f} MB "
        f"before), Python allocations peak {result['python_peak_mb']:.0f} MB"
    )
    return result


def main() -> None:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (it is created if missing).")
    if args.export_child:
        export_child(args.export_rows, args.export_format)
        return
    ensure_database(url, rebuild=args.rebuild)

    import django

    django.setup()
    from django.test import Client

    from porth.register.models import MetricValue, Service

    build(args.services, args.metrics, args.figures)
    services, figures = Service.objects.count(), MetricValue.objects.count()
    print(f"\nRegister: {services:,} services, {figures:,} figures")
    # Timings on a shared machine mean little without how busy it was.
    print(f"Load average (1, 5, 15 min) before timing: {load_average()}\n")
    rng = random.Random(1)
    client = Client()
    results = {"services": services, "figures": figures, "pages": []}
    if not args.skip_pages:
        print("Pages (Django test client, real URLs):")
        results["pages"].append(
            time_pages("register search and filter", client, search_paths(args.samples, rng))
        )
    if not (args.skip_pages or args.search_only):
        results["pages"].append(
            time_pages("service page", client, service_paths(args.samples, rng))
        )
        results["pages"] += landscape_results(client, args.samples, rng)
        pages = max(1, min(50, services // 50))
        api = [f"/api/v1/services/?page={rng.randint(1, pages)}" for _ in range(args.samples)]
        results["pages"].append(time_pages("API services list (50 a page)", client, api))

    if not args.skip_import:
        print(f"\nImporting {args.import_rows:,} figures:")
        results["import"] = measure_import(args.import_rows)
    if not args.skip_export:
        print(
            f"\nStreamed export of about {args.export_rows:,} figures "
            f"({args.export_format.upper()}, child process):"
        )
        results["export"] = measure_export(args.export_rows, args.export_format)
    results["load_average"] = load_average()
    print(f"\nLoad average (1, 5, 15 min) after timing: {results['load_average']}")
    print("\n" + json.dumps(results, default=str))


if __name__ == "__main__":
    main()
