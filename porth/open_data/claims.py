"""One queued build of each stored download at a time, however many changes ask for one.

A burst of register changes (an import of 5,000 services, a busy editor) would otherwise queue
one build each. The first change claims the build of each download it touches in the shared
cache; the task releases its claims as it starts, so a change made while it runs queues the
next one. A claim is forgotten after `BUILD_CLAIM_SECONDS`, in case its worker died before
starting. Each download has its own claim (ADR 0066): a change that touches only the services
download must not wait behind, or be lost in, a claim for the figures.
"""

import datetime
from collections.abc import Iterable

from django.core.cache import cache
from django.utils import timezone

BUILD_CLAIM_PREFIX = "porth:open_data:downloads-build-queued"
BUILD_CLAIM_SECONDS = 15 * 60
LAST_BUILD_PREFIX = "porth:open_data:downloads-last-build"
# A build that took T rests the download for T before the next (ADR 0066): while editors keep
# saving, a worker spends at most half its time building it. At demo size that is seconds; at
# 100,000 services, minutes.
BUILD_REST_RATIO = 1.0


def claim_key(name: str) -> str:
    return f"{BUILD_CLAIM_PREFIX}:{name}"


def claim_builds(names: Iterable[str]) -> list[str]:
    """The downloads, of `names`, whose build this caller should queue (none queued yet)."""
    return [name for name in names if cache.add(claim_key(name), "1", BUILD_CLAIM_SECONDS)]


def release_build_claims(names: Iterable[str]) -> None:
    cache.delete_many([claim_key(name) for name in names])


def keep_build_claims(names: Iterable[str], *, until: datetime.datetime | None = None) -> None:
    """Hold the claims for another `BUILD_CLAIM_SECONDS` (after `until`, if given): a queued
    build is waiting, for the one running or for its rest, and the changes made meanwhile need
    no build of their own."""
    waiting = max(0, int((until - timezone.now()).total_seconds())) if until else 0
    cache.set_many({claim_key(name): "1" for name in names}, BUILD_CLAIM_SECONDS + waiting)


def record_build(names: Iterable[str], *, started: datetime.datetime) -> None:
    """Remember when the builds of `names` ended and how long they took."""
    ended = timezone.now()
    cache.set_many(
        {
            f"{LAST_BUILD_PREFIX}:{name}": (ended, (ended - started).total_seconds())
            for name in names
        },
        timeout=24 * 60 * 60,
    )


def rested_until(names: Iterable[str]) -> datetime.datetime | None:
    """When the downloads `names` have rested long enough after their last builds, if later
    than now."""
    found = cache.get_many([f"{LAST_BUILD_PREFIX}:{name}" for name in names])
    rests = [
        ended + datetime.timedelta(seconds=seconds * BUILD_REST_RATIO)
        for ended, seconds in found.values()
    ]
    until = max(rests, default=None)
    return until if until is not None and until > timezone.now() else None
