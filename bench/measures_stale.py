"""How fast is `register.stale_figures`, the set-based query against the old one (ADR 0060)?

Not a test. On the database in DATABASE_URL (built by `bench/measures.py` first), for the first
of each of the last `--months` months and today, and for every scope the worker stores, it
reads the measure with the old query (a correlated subquery per service, counted twice), the
new one (one grouped pass), in turn, and all the scopes at once (`compute_scopes`: counted by
body in one query), checks that the three agree, and prints the time of each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_bench_measures \\
        .venv/bin/python bench/measures_stale.py --months 12

`--spread` first spreads the generated register's dates over the last two years (services
created, figures recorded after their period ends), so that every month of the history has
records to count, as a live register would; `bench/measures.py --spread` does the same.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def old_stale_figures(on, scope):
    """The query before ADR 0060, kept here to compare against."""
    from django.db.models import Max, OuterRef, Q, Subquery

    from porth.core.measures import end_of, percent
    from porth.register.measures import services_at
    from porth.register.models import MetricValue
    from porth.register.models.metrics import stale_cutoff

    latest = (
        MetricValue.objects.filter(service=OuterRef("pk"), recorded_at__lte=end_of(on))
        .order_by()
        .values("service")
        .annotate(latest=Max("period_end"))
        .values("latest")
    )
    with_figures = (
        services_at(on, scope).annotate(latest=Subquery(latest)).filter(latest__isnull=False)
    )
    total = with_figures.count()
    stale = with_figures.filter(Q(latest__lt=stale_cutoff(on))).count()
    return percent(stale, total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--spread", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.utils import timezone
    from measures import spread_history

    from porth.core.measures import month_starts
    from porth.measures.scopes import stored_filters
    from porth.register.measures import _stale_figures, _stale_figures_by_scope
    from porth.register.models import MetricValue, Service

    if args.spread:
        spread_history()
    figures = MetricValue.objects.count()
    print(f"Register: {Service.objects.count():,} services, {figures:,} figures")
    today = timezone.localdate()
    days = [*month_starts(months=args.months, today=today)]
    if today not in days:
        days.append(today)
    scopes = [filters.scope() for filters in stored_filters()]
    old_total = new_total = batch_total = 0.0
    for day in days:
        old_day = new_day = 0.0
        started = time.perf_counter()
        batch = _stale_figures_by_scope(day, scopes)
        batch_day = time.perf_counter() - started
        for scope, together in zip(scopes, batch, strict=True):
            started = time.perf_counter()
            old = old_stale_figures(day, scope)
            old_day += time.perf_counter() - started
            started = time.perf_counter()
            new = _stale_figures(day, scope)
            new_day += time.perf_counter() - started
            assert old == new == together, (day, scope, old, new, together)
        everyone = batch[0]
        print(
            f"{day}: old {old_day * 1000:8.1f} ms  new {new_day * 1000:8.1f} ms  "
            f"all scopes at once {batch_day * 1000:7.1f} ms  "
            f"({len(scopes)} scopes; all bodies {everyone.counted} of {everyone.total} stale)",
            flush=True,
        )
        old_total += old_day
        new_total += new_day
        batch_total += batch_day
    print(
        f"Total over {len(days)} dates × {len(scopes)} scopes: old {old_total:.1f} s, "
        f"new {new_total:.1f} s, all scopes at once {batch_total:.1f} s; "
        "all three agree on every reading"
    )


if __name__ == "__main__":
    main()
