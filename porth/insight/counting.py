"""Counting page views without a database write per request (ADR 0039).

Each web process adds a view to a dictionary in its memory. Every `BATCH_SIZE` distinct counts,
or once `BATCH_SECONDS` have passed, it writes the whole dictionary to the cache as one batch
(one cache write for many views). The worker's flush task (`actions.record_page_views`) reads
the batches written since its last run, adds them to the day's rows in one transaction, and
removes them. Batches are numbered with the cache's atomic `incr`, so processes never
overwrite each other's. The cache must be shared by the web processes and the worker (Redis
in production, like the rate limits; the `PORTH_INSIGHT_CACHE` alias, "default" unless set).

Counts are approximate by design: a process that stops abruptly loses what it had not written
yet (a gunicorn worker that stops as asked writes it first: config/gunicorn.conf.py).
"""

import datetime
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches

BATCH_SIZE = 50
BATCH_SECONDS = 30
BATCH_TIMEOUT = 7 * 24 * 3600  # a week without a flush, and the batches expire
NEXT_KEY = "insight:next"
FLUSHED_KEY = "insight:flushed"
BATCH_PREFIX = "insight:batch:"
LANGUAGES = ("en", "cy")
# Pages not counted: sign-in, people's own account pages, the staff's tools.
NOT_COUNTED = ("/accounts/", "/account/", "/_components/", "/_util/", "/audit/")

Key = tuple[str, str, str, str]  # day (ISO), path, language, referrer domain


def cache():
    return caches[getattr(settings, "PORTH_INSIGHT_CACHE", "default")]


def page_of(path: str) -> tuple[str, str] | None:
    """(language, path without the language prefix) for a page we count, else None."""
    language, _slash, rest = path.lstrip("/").partition("/")
    if language not in LANGUAGES:
        return None
    page = f"/{rest}"
    if page.startswith(NOT_COUNTED):
        return None
    return language, page[:300]


def referrer_domain(referrer: str, own_host: str) -> str:
    """The referring site's host name only ("" for none, or a page of ours)."""
    try:
        host = (urlsplit(referrer).hostname or "").lower()
    except ValueError:
        return ""
    if not host or host == own_host.split(":")[0].lower():
        return ""
    return host[:200]


class PageViewBuffer:
    """One process's counts not yet written to the cache."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[Key] = Counter()
        self.started = time.monotonic()

    def add(self, key: Key) -> None:
        with self.lock:
            if not self.counts:
                self.started = time.monotonic()
            self.counts[key] += 1
            due = len(self.counts) >= BATCH_SIZE or time.monotonic() - self.started >= BATCH_SECONDS
            batch = self._take() if due else None
        if batch:
            write_batch(batch)

    def _take(self) -> list[list]:
        batch = [[*key, views] for key, views in self.counts.items()]
        self.counts = Counter()
        return batch

    def flush(self) -> None:
        """Write whatever is waiting to the cache now (tests; a process about to stop)."""
        with self.lock:
            batch = self._take()
        if batch:
            write_batch(batch)


BUFFER = PageViewBuffer()


def count_view(*, path: str, referrer: str, host: str, today: datetime.date) -> bool:
    """Count one view of `path`; False if it is not a page we count."""
    page = page_of(path)
    if page is None:
        return False
    language, where = page
    BUFFER.add((today.isoformat(), where, language, referrer_domain(referrer, host)))
    return True


def write_batch(batch: list[list]) -> None:
    store = cache()
    store.add(NEXT_KEY, 0, timeout=None)
    number = store.incr(NEXT_KEY)
    store.set(f"{BATCH_PREFIX}{number}", batch, timeout=BATCH_TIMEOUT)


def take_batches() -> Counter[Key]:
    """Every batch written since the last flush, summed, and removed from the cache."""
    store = cache()
    last = store.get(FLUSHED_KEY, 0)
    top = store.get(NEXT_KEY, 0)
    names = [f"{BATCH_PREFIX}{number}" for number in range(last + 1, top + 1)]
    totals: Counter[Key] = Counter()
    for batch in store.get_many(names).values():
        for day, path, language, domain, views in batch:
            totals[(day, path, language, domain)] += views
    store.delete_many(names)
    store.set(FLUSHED_KEY, top, timeout=None)
    return totals
