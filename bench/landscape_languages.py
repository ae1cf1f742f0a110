"""The dashboard's figures worked out for both languages: once each, as before ADR 0067, and
from one reading of the register, as the worker now does. Not a test.

On the database DATABASE_URL names (e.g. a copy of `porth_scale`), it works the figures out
`--repeat` times each way, alternating, and prints the median wall time, the database's share
of it (time spent waiting for queries) and this process's CPU:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_scale \\
        .venv/bin/python bench/landscape_languages.py --repeat 3

Nothing is stored. The machine's load average is printed before and after: it is shared.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from porth.open_data.queries import landscape_figures_in
    from porth.register.models import MetricValue, Service

    def once_each() -> None:
        for language in ("en", "cy"):
            landscape_figures_in([language])

    def together() -> None:
        landscape_figures_in(["en", "cy"])

    services, figures = Service.objects.count(), MetricValue.objects.count()
    print(f"Register: {services:,} services, {figures:,} figures")
    print("Load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    timings: dict[str, list[tuple[float, float, float, int]]] = {"once each": [], "together": []}
    for _ in range(args.repeat):
        for name, work in (("once each", once_each), ("together", together)):
            with CaptureQueriesContext(connection) as captured:
                cpu, wall = time.process_time(), time.perf_counter()
                work()
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            sql = sum(float(query["time"]) for query in captured.captured_queries)
            timings[name].append((wall, sql, cpu, len(captured.captured_queries)))
    for name, runs in timings.items():
        wall = statistics.median(run[0] for run in runs)
        sql = statistics.median(run[1] for run in runs)
        cpu = statistics.median(run[2] for run in runs)
        print(
            f"  {name:<10} both languages: wall {wall:6.2f} s, waiting for the database "
            f"{sql:6.2f} s, Python CPU {cpu:5.2f} s, {runs[0][3]} queries"
        )
    print("Load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
