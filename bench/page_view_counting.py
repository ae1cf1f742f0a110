"""What page-view counting adds to a request, timed on its own (issue 15: < 2 ms at p95).

Not a test. `bench/measures.py` compares the same page with counting on and off; on a shared
machine the two sides differ by more than the thing measured. This times the middleware's
own work instead: `PageViewMiddleware` around a view that returns a ready-made page, so each
call is the counting alone (reading the path, the referrer's host, the in-memory count, and
the cache write that every `BATCH_SIZE` distinct pages bring). It prints p50, p95, p99 and the
slowest call, with Redis as the cache when REDIS_CACHE_URL is set, as in production:

    REDIS_CACHE_URL=redis://127.0.0.1:6379/15 .venv/bin/python bench/page_view_counting.py

Figures in docs/adr/0060-measures-read-every-scope-at-once.md.
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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--pages", type=int, default=5_000, help="distinct pages read")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.http import HttpResponse
    from django.test import RequestFactory

    from porth.insight.counting import BUFFER
    from porth.insight.middleware import PageViewMiddleware

    page = HttpResponse(b"<!doctype html><title>Porth</title>", content_type="text/html")
    counted = PageViewMiddleware(lambda request: page)
    bare = lambda request: page  # noqa: E731 - the same call without the middleware
    rng = random.Random(15)
    factory = RequestFactory()
    referrers = ["", "", "", "https://www.google.com/search?q=porth", "https://www.gov.wales/"]
    requests = [
        factory.get(
            f"/{rng.choice(['en', 'cy'])}/register/services/SRV-{rng.randrange(args.pages):05d}/",
            HTTP_REFERER=rng.choice(referrers),
        )
        for _ in range(args.requests)
    ]

    def timed(handler) -> list[float]:
        times = []
        for request in requests:
            started = time.perf_counter()
            handler(request)
            times.append((time.perf_counter() - started) * 1000)
        return times

    timed(counted)  # warm up: imports, the cache connection
    BUFFER.flush()
    with_counting, without = timed(counted), timed(bare)
    BUFFER.flush()

    def line(times: list[float]) -> str:
        ordered = sorted(times)
        cut = lambda share: ordered[min(len(ordered) - 1, int(len(ordered) * share))]  # noqa: E731
        return (
            f"p50 {statistics.median(ordered):.4f}  p95 {cut(0.95):.4f}  p99 {cut(0.99):.4f}  "
            f"max {ordered[-1]:.3f} ms"
        )

    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"{args.requests:,} requests over {args.pages:,} pages, cache {cache}")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"with counting    {line(with_counting)}")
    print(f"without          {line(without)}")
    added = sorted(a - b for a, b in zip(with_counting, without, strict=True))
    print(f"counting adds    p95 {added[int(len(added) * 0.95)]:.4f} ms (issue 15: < 2 ms)")


if __name__ == "__main__":
    main()
