"""One queued build of the stored downloads at a time, however many changes ask for one.

A burst of register changes (an import of 5,000 services, a busy editor) would otherwise queue
one build each. The first change claims the build in the shared cache; the task releases the
claim as it starts, so a change made while it runs queues the next one. A claim is forgotten
after `BUILD_CLAIM_SECONDS`, in case its worker died before starting.
"""

from django.core.cache import cache

BUILD_CLAIM_KEY = "porth:open_data:downloads-build-queued"
BUILD_CLAIM_SECONDS = 15 * 60


def claim_build() -> bool:
    """True if this caller should queue a build (no build is queued yet)."""
    return cache.add(BUILD_CLAIM_KEY, "1", timeout=BUILD_CLAIM_SECONDS)


def release_build_claim() -> None:
    cache.delete(BUILD_CLAIM_KEY)


def keep_build_claim() -> None:
    """Hold the claim for another `BUILD_CLAIM_SECONDS`: a queued build is waiting for the one
    running, and the changes made meanwhile need no build of their own."""
    cache.set(BUILD_CLAIM_KEY, "1", timeout=BUILD_CLAIM_SECONDS)
