"""CPU a request for the pages the load test asks for that miss the page cache (ADR 0063).

Not a test. Under load, every request the anonymous page cache has not kept (a service page at
100,000 services, an API page, a filtered register list) is what fills the web workers' CPU,
so this measures each kind's own cost, in this process, through Django's test client, with
production settings (`bench.stack_settings`) and the page cache off:

- Python CPU a request (`time.process_time`, median and mean): the gunicorn worker's share,
  much less sensitive than wall time to a shared machine's load;
- the queries each request makes and the time spent waiting for them (PostgreSQL's own CPU is
  in another process and not in the CPU figure).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_load \\
        .venv/bin/python bench/miss_cpu.py --samples 40 [--profile "service page"] [--queries]

`--calls` adds each kind's Python function calls a request, counted by cProfile in a pass of
its own: unlike CPU time, the count does not move with the machine's speed, so it shows a
change of a few per cent on a machine whose speed varies by a third (ADR 0074).

`--editor` measures instead the pages the load test's signed-in editor reads, which are never
kept (ADR 0072).

The database must hold Porth with demo data, ideally topped up to 100,000 services
(`bench/search_at_scale.py`). The addresses are drawn the way bench/load/locustfile.py draws
them (random live services, the areas and Welsh availabilities, API pages), with a fixed seed.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.anonymous_pages import environment  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=40, help="requests per kind")
    parser.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    parser.add_argument("--profile", help="profile this kind with pyinstrument")
    parser.add_argument("--queries", action="store_true", help="print each kind's queries once")
    parser.add_argument(
        "--calls",
        action="store_true",
        help="count each kind's Python function calls a request too (a pass of its own)",
    )
    parser.add_argument(
        "--editor",
        action="store_true",
        help="instead, the pages the load test's editor reads, signed in (never kept)",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    return parser.parse_args()


def addresses(samples: int) -> dict[str, list[str]]:
    from django.db.models import Count
    from wagtail.models import Page

    from porth.organisations.models import Organisation
    from porth.register.models import Service, ServiceArea, WelshAvailability
    from porth.standards.models import Standard

    rng = random.Random(16)
    live = list(
        Service.objects.filter(is_retired=False)
        .order_by("id")
        .values_list("public_id", flat=True)[: samples * 50]
    )
    ids = rng.sample(live, min(len(live), samples * 2))
    names = Service.objects.order_by("id").values_list("name_en", flat=True)[:2000]
    words = sorted({w.lower() for n in names for w in n.split() if len(w) > 3 and w.isalpha()})
    areas = list(ServiceArea.objects.values_list("code", flat=True))
    welsh = list(WelshAvailability.values)
    pages = max(1, min(200, Service.objects.count() // 50))

    def filters(index: int) -> str:
        language = ("en", "cy")[index % 2]
        query = f"area={rng.choice(areas)}&welsh={rng.choice(welsh)}"
        if index % 4 < 2:
            query += f"&q={rng.choice(words)}"
        return f"/{language}/register/?{query}"

    manual = [
        page.url
        for page in Page.objects.live().filter(url_path__contains="/manual/").specific()[:80]
        if page.url
    ]
    standards = list(Standard.objects.values_list("number", flat=True).distinct())
    small_bodies = list(
        Organisation.objects.annotate(n=Count("services"))
        .filter(n__gt=0)
        .order_by("n")
        .values_list("slug", flat=True)[:20]
    )
    return {
        "service page": [
            f"/{('en', 'cy')[i % 2]}/register/services/{pid}/"
            for i, pid in enumerate(ids[:samples])
        ],
        "API service": [f"/api/v1/services/{pid}/" for pid in ids[samples:]],
        "API services list": [
            f"/api/v1/services/?page={rng.randint(1, pages)}" for _ in range(samples)
        ],
        "register filters": [filters(i) for i in range(samples)],
        "register search": [
            f"/{('en', 'cy')[i % 2]}/register/?q={rng.choice(words)}" for i in range(samples)
        ],
        "home": [f"/{('en', 'cy')[i % 2]}/" for i in range(samples)],
        "standards list": [f"/{('en', 'cy')[i % 2]}/standards/" for i in range(samples)],
        "standard": [
            f"/{('en', 'cy')[i % 2]}/standards/{rng.choice(standards)}/" for i in range(samples)
        ],
        "manual page": [rng.choice(manual) for _ in range(samples)],
        "download (one body)": [
            f"/{('en', 'cy')[i % 2]}/open-data/services.csv?organisation={rng.choice(small_bodies)}"
            for i in range(samples)
        ],
    }


EDITOR_EMAIL = "editor@porth.example"  # the demo's editor, as bench/load/run.py signs in


def editor_addresses(samples: int) -> tuple[object, dict[str, list[str]]]:
    """The demo editor, and the pages the load test's editor reads (bench/load/locustfile.py):
    their own services' pages, a search, and the first two pages of changing one."""
    from porth.accounts.models import Membership
    from porth.register.models import Service

    membership = Membership.objects.select_related("person", "organisation").get(
        person__email=EDITOR_EMAIL
    )
    own = list(
        Service.objects.filter(organisation=membership.organisation, is_retired=False)
        .order_by("id")
        .values_list("public_id", flat=True)[: samples * 5]
    )
    rng = random.Random(16)
    chosen = [rng.choice(own) for _ in range(samples)]
    return membership.person, {
        "editor: service page": [f"/en/register/services/{pid}/" for pid in chosen],
        "editor: register search": [
            f"/en/register/?q={rng.choice(['council', 'permit', 'apply', 'report'])}"
            for _ in range(samples)
        ],
        "editor: check answers": [f"/en/register/services/{pid}/edit/?start=1" for pid in chosen],
        "editor: question page": [f"/en/register/services/{pid}/edit/owner/" for pid in chosen],
    }


def python_calls(client, paths: list[str]) -> float:
    """Python function calls a request, as cProfile counts them: the same on every run of the
    same code and data, whatever else the machine is doing."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        client.get(path, follow=True)
    profiler.disable()
    return pstats.Stats(profiler).total_calls / len(paths)


def measure(client, name: str, paths: list[str], *, show_queries: bool, calls: bool) -> dict:
    from django.db import connection

    for path in paths[:3]:  # warm: imports, templates, per-process caches
        client.get(path, follow=True)
    cpu: list[float] = []
    counts: list[int] = []
    waits: list[float] = []
    for index, path in enumerate(paths):
        queries: list[str] = []
        waited = [0.0]

        def note(execute, sql, params, many, context, queries=queries, waited=waited):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                waited[0] += time.perf_counter() - started
                queries.append(sql)

        with connection.execute_wrapper(note):
            started = time.process_time()
            response = client.get(path, follow=True)
            cpu.append((time.process_time() - started) * 1000)
        if getattr(response, "streaming", False):
            started = time.process_time()
            b"".join(response.streaming_content)
            cpu[-1] += (time.process_time() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        counts.append(len(queries))
        waits.append(waited[0] * 1000)
        if show_queries and index == 0:
            print(f"\n{name}: {path}")
            for sql in queries:
                print("   ", sql[:160])
    result = {
        "kind": name,
        "cpu_p50": statistics.median(cpu),
        "cpu_mean": statistics.fmean(cpu),
        "queries": (min(counts), max(counts)),
        "sql_p50": statistics.median(waits),
    }
    if calls:
        result["calls"] = python_calls(client, paths)
    low, high = result["queries"]
    print(
        f"  {name:22} CPU p50 {result['cpu_p50']:6.1f}  mean {result['cpu_mean']:6.1f} ms   "
        f"queries {low if low == high else f'{low}–{high}':>6}   "
        f"SQL wait p50 {result['sql_p50']:6.1f} ms"
        + (f"   Python calls {result['calls']:9,.0f}" if calls else ""),
        flush=True,
    )
    return result


def profile(client, paths: list[str]) -> None:
    from pyinstrument import Profiler

    for path in paths[:3]:
        client.get(path)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for path in paths:
            client.get(path)
    print(profiler.output_text(unicode=True, color=False, show_all=False, timeline=False))


def main() -> None:
    args = parse_args()
    for name, value in environment(page_cache=0, redis_url=args.redis_url).items():
        os.environ.setdefault(name, value)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.stack_settings"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("PORTH_API_ANONYMOUS_RATE", "1000000/minute")
    import django

    django.setup()
    from django.test import Client

    from porth.register.models import Service

    client = Client(HTTP_HOST="127.0.0.1")
    if args.editor:
        person, kinds = editor_addresses(args.samples)
        client.force_login(person)
    else:
        kinds = addresses(args.samples)
    if args.kind:
        kinds = {name: paths for name, paths in kinds.items() if name in args.kind}
    print(
        f"{Service.objects.count():,} services; {args.samples} requests a kind; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    if args.profile:
        profile(client, kinds[args.profile])
        return
    for name, paths in kinds.items():
        measure(client, name, paths, show_queries=args.queries, calls=args.calls)
    print(f"Load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
