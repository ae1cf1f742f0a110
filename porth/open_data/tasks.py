"""Background work: snapshots and the landscape's figures read every service, so they run in the
worker, not a request. Each task calls one action; `queue` enqueues them (ADR 0028)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from porth.core.deferral import can_defer, enqueue_after
from porth.core.locks import only_one
from porth.core.retries import retried

from .actions import (
    WHOLE_REGISTER_DOWNLOADS,
    build_whole_register_downloads,
    refresh_landscape_figures,
    take_snapshot,
)
from .claims import keep_build_claims, record_build, release_build_claims, rested_until
from .models import SnapshotReason


@task()
def take_snapshot_later(
    *,
    reason: str = SnapshotReason.ON_DEMAND,
    label_en: str = "",
    label_cy: str = "",
    taken_by_id: int | None = None,
) -> int:
    """Take a snapshot (`actions.take_snapshot`); returns its id. Queued by
    `queue.queue_snapshot`."""
    taken_by = get_user_model().objects.filter(pk=taken_by_id).first() if taken_by_id else None
    snapshot = take_snapshot(reason=reason, label_en=label_en, label_cy=label_cy, taken_by=taken_by)
    return snapshot.pk


@task()
def refresh_landscape_later(*, languages: list[str] | None = None, language: str = "") -> None:
    """Work out the landscape's figures in `languages` (`actions.refresh_landscape_figures`),
    all of them unless told. `language` is how a refresh queued before ADR 0067 names its
    one language."""
    refresh_landscape_figures(languages=languages or ([language] if language else None))


BUILD_LOCK = "porth.open_data.build_downloads"
# How long a queued build waits before looking again when another build is running.
BUILD_WAIT_SECONDS = 60


@task()
@retried
def build_downloads_later(*, names: list[str] | None = None) -> int:
    """Build and store the whole-register downloads `names` (all of them if None), through
    `actions.build_whole_register_downloads`; returns how many files were stored. Queued by
    `queue.queue_downloads_build`; idempotent (a build replaces the stored copies), so retried
    on failure.

    One build at a time, whichever worker runs it (ADR 65): at 100,000 services a build takes
    about half an hour, and two at once kept both workers from every email. A build queued
    while another runs keeps its claims, so later changes queue nothing more, and looks again
    in a minute; it builds once the running one has finished and the download has rested
    after it (`claims.BUILD_REST_RATIO`), so its changes are not missed and the worker still
    builds at most half the time.
    """
    names = list(names or WHOLE_REGISTER_DOWNLOADS)
    with only_one(BUILD_LOCK) as held:
        if not held:
            keep_build_claims(names)
            if can_defer(build_downloads_later):  # at once would only find it still running
                later = timezone.now() + datetime.timedelta(seconds=BUILD_WAIT_SECONDS)
                enqueue_after(build_downloads_later, later, names=names)
            return 0
        if build_after_rest(names):
            # It waited for the build before it, so it has not rested yet: rest, then build,
            # or a busy editor keeps a worker building all the time (ADR 0075).
            return 0
        # Let the next change queue another build: one made while this runs must not be missed.
        release_build_claims(names)
        started = timezone.now()
        built = build_whole_register_downloads(names=names)
        record_build(names, started=started)
        return len(built)


def build_after_rest(names: list[str]) -> bool:
    """Queue the build of `names` for when they have rested after their last build
    (`claims.BUILD_REST_RATIO`), holding their claims until then so changes meanwhile queue
    nothing more; True if it did. False if they have rested, or the queue cannot wait."""
    rest = rested_until(names) if can_defer(build_downloads_later) else None
    if rest is None:
        return False
    keep_build_claims(names, until=rest)  # the claims outlast the rest
    enqueue_after(build_downloads_later, rest, names=names)
    return True
