"""Writes of the open data app: personal API tokens, register snapshots and the landscape's
stored figures."""

import datetime
import pickle
import secrets
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation

from .columns import service_rows
from .models import (
    LandscapeFigures,
    PersonalToken,
    RegisterSnapshot,
    SnapshotReason,
    hash_token,
)
from .queries import (
    REFRESH_CLAIM_SECONDS,
    all_services_for_snapshot,
    landscape_figures,
)

TOKEN_PREFIX = "porth_"
# A token's last use is written at most this often, so a busy script does not turn every API
# call into a database write.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


@transaction.atomic
def create_token(*, person: Any, name: str) -> tuple[PersonalToken, str]:
    """Make a token for `person`; returns it and its secret, which is never stored or shown
    again. The prefix makes a leaked token easy to recognise (and to search for in code)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalToken.objects.create(
        person=person,
        name=name.strip(),
        prefix=secret[: len(TOKEN_PREFIX) + 4],
        token_hash=hash_token(secret),
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: PersonalToken) -> PersonalToken:
    """Stop the token working at once. Revoking twice keeps the first date."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def record_token_use(*, token: PersonalToken) -> None:
    """Note when the token was last used, so its owner can spot one they no longer need."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def take_snapshot(
    *,
    reason: str = SnapshotReason.ON_DEMAND,
    label_en: str = "",
    label_cy: str = "",
    taken_by: Any = None,
) -> RegisterSnapshot:
    """Freeze the whole register, retired services included, as it stands now.

    One transaction, so nothing is half-written if the worker dies. On PostgreSQL, when it is
    not inside someone else's transaction, it reads at REPEATABLE READ: the services and their
    channels, partners and products read chunk by chunk all come from the same moment.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        taken_at = timezone.now()
        rows, count = RegisterSnapshot.pack(service_rows(all_services_for_snapshot()))
        return RegisterSnapshot.objects.create(
            taken_at=taken_at,
            reason=reason,
            label_en=label_en.strip(),
            label_cy=label_cy.strip(),
            taken_by=taken_by,
            service_count=count,
            rows=rows,
        )


def refresh_landscape_figures(*, language: str) -> LandscapeFigures:
    """Work out the dashboard's figures for `language` and store them for every web process.

    The worker does this (`tasks.refresh_landscape_later`, queued by `queue_landscape_refresh`),
    and so does `manage.py refresh_landscape --now`; a page never does, because on SQLite a
    reader that writes waits for, and can fail against, the worker's writes.
    """
    # Clear the claim before reading, so a change made while this runs asks for another refresh.
    LandscapeFigures.objects.filter(language=language).update(refresh_requested_at=None)
    with translation.override(language):
        figures = landscape_figures()
    stored, _created = LandscapeFigures.objects.update_or_create(
        language=language,
        defaults={"figures": pickle.dumps(figures), "worked_out_at": timezone.now()},
    )
    return stored


def queue_landscape_refresh() -> None:
    """Ask the worker to work the dashboard's figures out again, once the current transaction
    commits (at once outside one).

    Actions that change the register call this (`register.actions.history.log_change`, the
    import's apply), so does `manage.py refresh_landscape`; pages never do, since queueing a
    task on the database backend is a write. However many changes a transaction makes, it
    queues one refresh.
    """
    if any(entry[1] is _claim_and_queue_refresh for entry in connection.run_on_commit):
        return
    # robust: the change is committed by then, so failing to queue must not make it look failed
    # (the error is logged, and the next change or `refresh_landscape` asks again).
    transaction.on_commit(_claim_and_queue_refresh, robust=True)


def _claim_and_queue_refresh() -> None:
    """Queue `refresh_landscape_later` for each language whose refresh is not already queued.

    A conditional update claims the refresh, so a burst of changes queues one task, not one
    each; a claim older than `REFRESH_CLAIM_SECONDS` (say, from a worker that died) can be made
    again. With nothing stored yet there is nothing to claim, and the refresh is simply queued.
    """
    from .tasks import refresh_landscape_later

    now = timezone.now()
    unclaimed = Q(refresh_requested_at__isnull=True) | Q(
        refresh_requested_at__lt=now - datetime.timedelta(seconds=REFRESH_CLAIM_SECONDS)
    )
    for language, _name in settings.LANGUAGES:
        stored = LandscapeFigures.objects.filter(language=language)
        claimed = stored.filter(unclaimed).update(refresh_requested_at=now)
        if claimed or not stored.exists():
            refresh_landscape_later.enqueue(language=language)
