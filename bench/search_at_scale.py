"""Register search and the service page at 100,000 services on PostgreSQL, kind by kind.

Not a test: it seeds the register once (bench/register.py's `build`: the demo generator for the
services, PostgreSQL's own INSERT … SELECT for their figures) and then times the real pages
through Django's test client, each kind of search on its own so a slow kind is not hidden in
a mix: common and rare words in English and in Welsh, filters alone, a word with filters,
sorting, a later page, a typing slip, and the service page in both languages. It prints p50,
p95 and the queries each page made, the Python process's CPU time and the time spent waiting
for SQL (both less sensitive than wall time to a shared machine's load), and with `--profile`
a pyinstrument profile of the slowest kind.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_scale \\
        .venv/bin/python bench/search_at_scale.py --services 100000 --samples 30

The database is created if missing and reused when it already holds the services (it may also
hold `manage.py seed --demo`'s pages and accounts, as `make loadtest` wants). Seeding 100,000
services takes about 5 minutes here, their figures 3 more. Issue 10's "search benchmark at
100,000 services"; figures in docs/adr/0056-production-at-scale.md.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("TASK_BACKEND", "database")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--figures-months", type=int, default=3, help="months of figures")
    parser.add_argument("--samples", type=int, default=30, help="requests per kind")
    parser.add_argument("--profile", action="store_true", help="profile the slowest kind")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args()


def seed(services: int, months: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from bench.register import sql_figures
    from porth.register.demo import generate_demo_register
    from porth.register.models import Service

    call_command("migrate", verbosity=0)
    call_command("load_organisations", verbosity=0)
    existing = Service.objects.count()
    if existing >= services:
        print(f"Reusing {existing:,} services")
        return
    started = time.perf_counter()
    generate_demo_register(services=services - existing, months=0, seed=existing + 1)
    print(f"Made {services - existing:,} services in {time.perf_counter() - started:,.0f} s")
    started = time.perf_counter()
    made = sql_figures(months)
    print(f"Made {made:,} figures in {time.perf_counter() - started:,.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def common_words(language: str, count: int) -> list[str]:
    """The words most services' names share in one language (the dearest searches)."""
    from collections import Counter

    from porth.register.models import Service

    names = Service.objects.order_by("?").values_list(f"name_{language}", flat=True)[:3000]
    counter = Counter(
        word.lower() for name in names for word in name.split() if len(word) > 3 and word.isalpha()
    )
    return [word for word, _ in counter.most_common(count)]


def rare_words(language: str, count: int, rng: random.Random) -> list[str]:
    from collections import Counter

    from porth.register.models import Service

    names = Service.objects.order_by("?").values_list(f"name_{language}", flat=True)[:3000]
    counter = Counter(
        word.lower() for name in names for word in name.split() if len(word) > 4 and word.isalpha()
    )
    rare = [word for word, seen in counter.items() if seen <= 2] or list(counter)
    return rng.sample(rare, min(count, len(rare)))


def kinds(samples: int, rng: random.Random) -> dict[str, list[str]]:
    """Each kind of register request, `samples` URLs apiece."""
    from porth.register.models import Channel, Phase, Service, ServiceArea, WelshAvailability

    areas = list(ServiceArea.objects.values_list("code", flat=True))
    bodies = ["principal_council", "local_health_board", "arms_length_body"]
    common = {language: common_words(language, 8) for language in ("en", "cy")}
    rare = {language: rare_words(language, samples, rng) for language in ("en", "cy")}

    def urls(language: str, make) -> list[str]:
        return [
            f"/{language}/register/?{urlencode(make(index))}".rstrip("?")
            for index in range(samples)
        ]

    ids = list(Service.objects.order_by("?").values_list("public_id", flat=True)[: samples * 2])
    slips = {"en": "aplly for a permitt", "cy": "gwneud cais am drwydded"}
    return {
        "list, no search (en)": urls("en", lambda i: {}),
        "common word (en)": urls("en", lambda i: {"q": common["en"][i % len(common["en"])]}),
        "common word (cy)": urls("cy", lambda i: {"q": common["cy"][i % len(common["cy"])]}),
        "rare word (en)": urls("en", lambda i: {"q": rare["en"][i % len(rare["en"])]}),
        "rare word (cy)": urls("cy", lambda i: {"q": rare["cy"][i % len(rare["cy"])]}),
        "filters only (cy)": urls(
            "cy",
            lambda i: {
                "area": rng.choice(areas),
                "welsh": rng.choice(WelshAvailability.values),
                "phase": Phase.LIVE,
            },
        ),
        "word + area + body (en)": urls(
            "en",
            lambda i: {
                "q": common["en"][i % len(common["en"])],
                "area": rng.choice(areas),
                "body_type": rng.choice(bodies),
            },
        ),
        "channel, sorted by update, page 3 (en)": urls(
            "en",
            lambda i: {"channel": rng.choice(Channel.values), "sort": "updated", "page": 3},
        ),
        "typing slip (en/cy)": [
            f"/{language}/register/?{urlencode({'q': slips[language]})}"
            for language in ("en", "cy") * (samples // 2)
        ],
        "service page (en)": [f"/en/register/services/{pid}/" for pid in ids[:samples]],
        "service page (cy)": [f"/cy/register/services/{pid}/" for pid in ids[samples:]],
    }


def measure(name: str, client, paths: list[str]) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.register import percentile

    for path in paths[:2]:
        client.get(path)
    times, cpu, database, queries = [], [], [], []
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        database.append(sum(float(query["time"]) for query in captured) * 1000)
        queries.append(len(captured))
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    result = {
        "kind": name,
        "samples": len(times),
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "cpu_p50_ms": round(percentile(cpu, 0.5), 1),
        "database_p50_ms": round(percentile(database, 0.5), 1),
        "database_p95_ms": round(percentile(database, 0.95), 1),
        "queries": f"{min(queries)}–{max(queries)}" if min(queries) != max(queries) else queries[0],
    }
    print(
        f"  {name:<40} p50 {result['p50_ms']:7.1f}   p95 {result['p95_ms']:7.1f}   "
        f"max {result['max_ms']:7.1f}   Python CPU p50 {result['cpu_p50_ms']:6.1f}   "
        f"SQL p50 / p95 {result['database_p50_ms']:6.1f} / {result['database_p95_ms']:6.1f} ms   "
        f"queries {result['queries']}",
        flush=True,
    )
    return result


def profile(client, paths: list[str]) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    for path in paths[:10]:
        client.get(path)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def main() -> None:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (it is created if missing).")
    from bench.register import ensure_database, load_average

    ensure_database(url, rebuild=False)
    import django

    django.setup()
    from django.test import Client

    from porth.register.models import MetricValue, Service

    seed(args.services, args.figures_months)
    print(
        f"\nRegister: {Service.objects.count():,} services, {MetricValue.objects.count():,} figures"
    )
    print(f"Load average before: {load_average()}\n")
    client = Client()
    rng = random.Random(1)
    results = []
    by_kind = kinds(args.samples, rng)
    for name, paths in by_kind.items():
        results.append(measure(name, client, paths))
    print(f"\nLoad average after: {load_average()}")
    if args.profile:
        slowest = max(results, key=lambda result: result["p95_ms"])
        print(f"\nProfile of {slowest['kind']} (10 requests):")
        profile(client, by_kind[slowest["kind"]])
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
