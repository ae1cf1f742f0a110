"""Open data's background work, queued once the current transaction commits (at once outside
one). The shape every app follows (docs/architecture.md, "Tasks"; ADR 0028): views, signal
receivers and commands call this module; it enqueues `tasks`; tasks call `actions`; actions
never import `tasks` or this module."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from porth.core.commit_hooks import on_commit_once
from porth.core.deferral import enqueue_after

from . import tasks
from .actions import WHOLE_REGISTER_DOWNLOADS
from .claims import claim_builds
from .models import LandscapeFigures, SnapshotReason
from .queries import REFRESH_CLAIM_SECONDS, REFRESH_DELAY_SECONDS


def queue_snapshot(
    *,
    reason: str = SnapshotReason.ON_DEMAND,
    label_en: str = "",
    label_cy: str = "",
    taken_by_id: int | None = None,
) -> None:
    """Ask the worker to take a snapshot of the register (`actions.take_snapshot`) once the
    current transaction commits. Baseline rounds call this with reason=ROUND_CLOSED."""
    transaction.on_commit(
        lambda: tasks.take_snapshot_later.enqueue(
            reason=reason, label_en=label_en, label_cy=label_cy, taken_by_id=taken_by_id
        )
    )


def queue_landscape_refresh() -> None:
    """Ask the worker to work the dashboard's figures out again, once the current transaction
    commits (at once outside one).

    The register's `register_changed` signal calls this (see `open_data.signals`: a change
    logged by `register.actions.history.log_change`, an import applied), and so does
    `manage.py refresh_landscape`; pages never do, since queueing a
    task on the database backend is a write. However many changes a transaction makes, it
    queues one refresh.
    """
    # robust: the change is committed by then, so failing to queue must not make it look failed
    # (the error is logged, and the next change or `refresh_landscape` asks again).
    on_commit_once(_claim_and_queue_refresh, robust=True)


def _claim_and_queue_refresh() -> None:
    """Queue `refresh_landscape_later` for the languages whose refresh is not already queued:
    one task for all of them, since the figures are read once for every language (ADR 0067).

    A conditional update claims each language's refresh, so a burst of changes queues one
    task, not one each; a claim older than `REFRESH_CLAIM_SECONDS` (say, from a worker that
    died) can be made again.

    A claimed refresh runs `REFRESH_DELAY_SECONDS` later where the task's queue can wait (RQ,
    the database queue), and the claim holds until it starts: so while editors keep saving,
    the figures are worked out about once a minute, not after every save (ADR 0066). Figures
    never worked out before (nothing stored, so nothing to claim) are worked out at once.
    """
    now = timezone.now()
    unclaimed = Q(refresh_requested_at__isnull=True) | Q(
        refresh_requested_at__lt=now - datetime.timedelta(seconds=REFRESH_CLAIM_SECONDS)
    )
    claimed, first = [], []
    for language, _name in settings.LANGUAGES:
        stored = LandscapeFigures.objects.filter(language=language)
        if stored.filter(unclaimed).update(refresh_requested_at=now):
            claimed.append(language)
        elif not stored.exists():
            first.append(language)
    if claimed:
        later = now + datetime.timedelta(seconds=REFRESH_DELAY_SECONDS)
        enqueue_after(tasks.refresh_landscape_later, later, languages=claimed)
    if first:
        tasks.refresh_landscape_later.enqueue(languages=first)


@dataclass(frozen=True)
class _QueueBuild:
    """Claims and queues the build of `names` once the change commits; equal ones wait once per
    transaction (`on_commit_once`)."""

    names: tuple[str, ...]

    def __call__(self) -> None:
        claimed = claim_builds(self.names)
        if not claimed:
            return
        if not tasks.build_after_rest(claimed):
            tasks.build_downloads_later.enqueue(names=claimed)


def queue_downloads_build(*, names: Iterable[str] = WHOLE_REGISTER_DOWNLOADS) -> None:
    """Ask the worker to build the whole-register downloads `names` (all of them unless told)
    again once the current transaction commits (at once outside one); a download whose build
    is already queued is not queued twice. Where the queue can defer, a build waits until
    the download has rested after its last build (`claims.BUILD_REST_RATIO`), gathering every
    change made meanwhile.

    The register's `register_changed` signal calls this with the downloads the change touches
    (`open_data.signals`), and `manage.py build_downloads`, which the nightly schedule runs,
    with all of them.
    """
    wanted = set(names)
    unknown = wanted - set(WHOLE_REGISTER_DOWNLOADS)
    if unknown:
        raise ValueError(f"No such download: {sorted(unknown)}")
    chosen = tuple(name for name in WHOLE_REGISTER_DOWNLOADS if name in wanted)
    if chosen:
        on_commit_once(_QueueBuild(chosen), robust=True)
