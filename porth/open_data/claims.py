"""One queued build of each stored download at a time, however many changes ask for one.

A burst of register changes (an import of 5,000 services, a busy editor) would otherwise queue
one build each. The first change claims the build of each download it touches in the shared
cache; the task releases its claims as it starts, so a change made while it runs queues the
next one. A claim is forgotten after `BUILD_CLAIM_SECONDS`, in case its worker died before
starting. Each download has its own claim (ADR 0066): a change that touches only the services
download must not wait behind, or be lost in, a claim for the figures.
"""

from collections.abc import Iterable

from django.core.cache import cache

BUILD_CLAIM_PREFIX = "porth:open_data:downloads-build-queued"
BUILD_CLAIM_SECONDS = 15 * 60


def claim_key(name: str) -> str:
    return f"{BUILD_CLAIM_PREFIX}:{name}"


def claim_builds(names: Iterable[str]) -> list[str]:
    """The downloads, of `names`, whose build this caller should queue (none queued yet)."""
    return [name for name in names if cache.add(claim_key(name), "1", BUILD_CLAIM_SECONDS)]


def release_build_claims(names: Iterable[str]) -> None:
    cache.delete_many([claim_key(name) for name in names])


def keep_build_claims(names: Iterable[str]) -> None:
    """Hold the claims for another `BUILD_CLAIM_SECONDS`: a queued build is waiting for the one
    running, and the changes made meanwhile need no build of their own."""
    cache.set_many({claim_key(name): "1" for name in names}, BUILD_CLAIM_SECONDS)
