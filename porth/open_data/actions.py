"""Writes of the open data app: personal API tokens and register snapshots."""

import datetime
import secrets
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .columns import service_rows
from .models import PersonalToken, RegisterSnapshot, SnapshotReason, hash_token
from .queries import all_services_for_snapshot

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
