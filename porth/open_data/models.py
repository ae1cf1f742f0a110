"""Personal API tokens, dated snapshots of the whole register and the landscape's figures."""

import datetime
import gzip
import hashlib
import io
import json
import pickle
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised


def hash_token(secret: str) -> str:
    """What is stored for a token, and looked up when one is presented (see PersonalToken)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenScope(models.TextChoices):
    """What a token may do. Reading public data needs no token at all."""

    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


# How long a new token lasts, in days; the person chooses one of these.
TOKEN_LIFETIMES = (30, 90, 365)
DEFAULT_TOKEN_LIFETIME = 90


class PersonalToken(models.Model):
    """A secret that lets a program act for one person through the API (ADR 0022).

    Only a SHA-256 hash of the token is kept: the token is shown once, when it is made, and
    cannot be read back from the database. A plain hash (no salt, no slow hashing) is enough
    because a token is 256 random bits, not a password a person chose, and it keeps the check a
    single indexed lookup per request.

    A token expires, has a scope, and acts only for the organisations chosen when it was made
    (or, for centre staff, for every organisation), and never beyond its person's role in each
    at the time of the request. `password_fingerprint` is the person's session hash when the
    token was made: when the password changes, by any route, the token stops working.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(
        _("scope"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("organisations"),
    )
    for_all_organisations = models.BooleanField(
        _("for every organisation"),
        default=False,
        help_text=_("Only for centre staff, and only while they are centre staff."),
    )
    password_fingerprint = models.CharField(max_length=128, editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal API token")
        verbose_name_plural = _("personal API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE

    def acts_for(self, organisation: Any) -> bool:
        """Was the token made for this organisation? (The person's role is checked apart.)"""
        if self.for_all_organisations:
            return True
        return any(chosen.pk == organisation.pk for chosen in self.organisations.all())


class SnapshotReason(models.TextChoices):
    ON_DEMAND = "on_demand", _("Taken on demand")
    ROUND_CLOSED = "round_closed", _("Baseline round closed")


class RegisterSnapshot(models.Model):
    """The whole register (every service, retired ones too) as it stood at `taken_at`.

    The rows are the service download's rows (`porth.open_data.columns.SERVICE_COLUMNS`), kept
    as gzip-compressed JSON Lines: one service a line, so downloads and the "what changed"
    comparison read it a line at a time instead of holding 100,000 services in memory, and a
    snapshot never changes when the register or its reference lists are later edited.
    """

    taken_at = models.DateTimeField(_("taken"), default=timezone.now, db_index=True)
    label_en = models.CharField(_("label in English"), max_length=200, blank=True)
    label_cy = models.CharField(_("label in Welsh"), max_length=200, blank=True)
    reason = models.CharField(
        _("reason"), max_length=20, choices=SnapshotReason.choices, default=SnapshotReason.ON_DEMAND
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken by"),
    )
    service_count = models.PositiveIntegerField(_("services"), default=0)
    rows = models.BinaryField(editable=False)

    class Meta:
        ordering = ["-taken_at", "-id"]
        verbose_name = _("register snapshot")
        verbose_name_plural = _("register snapshots")

    def __str__(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M} {self.label_en or self.reason}"

    @property
    def label(self) -> str:
        """The label in the reader's language; falls back to the reason for an unlabelled one."""
        return localised(self, "label") or str(self.get_reason_display())

    def iter_rows(self) -> Iterator[dict[str, Any]]:
        """The stored services one at a time, in the order they were written (by service ID)."""
        with gzip.GzipFile(fileobj=io.BytesIO(bytes(self.rows))) as lines:
            for line in lines:
                yield json.loads(line)

    @staticmethod
    def pack(rows: Iterable[dict[str, Any]]) -> tuple[bytes, int]:
        """Compress rows for `rows`; returns the bytes and how many rows there were."""
        buffer = io.BytesIO()
        count = 0
        with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode())
                out.write(b"\n")
                count += 1
        return buffer.getvalue(), count


class LandscapeFigures(models.Model):
    """The landscape dashboard's figures for one language, as last worked out.

    At 100,000 services and 10 million figures working them out takes seconds (the medians read
    millions of rows), far too long for a page. The worker works them out
    (`actions.refresh_landscape_figures`) and every web process reads this one row, so the page
    never waits for the sums (docs/adr/0014-register-performance.md). `figures` is the pickled
    `porth.open_data.queries.Landscape`: only our own code writes it, and figures that no longer
    unpickle (the code changed shape) are simply worked out again.
    """

    language = models.CharField(max_length=5, unique=True)
    figures = models.BinaryField(editable=False)
    worked_out_at = models.DateTimeField()
    refresh_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("landscape figures")
        verbose_name_plural = _("landscape figures")

    def __str__(self) -> str:
        return f"{self.language} {self.worked_out_at:%Y-%m-%d %H:%M}"

    @property
    def landscape(self) -> Any:
        """The stored `Landscape`, or None if it cannot be read back."""
        try:
            return pickle.loads(bytes(self.figures))
        except Exception:  # whatever the failure, the figures are simply worked out again
            return None

    def is_due(self, max_age: datetime.timedelta) -> bool:
        """Older than `max_age`, or from before today ("recent" figures start from today)."""
        now = timezone.now()
        return now - self.worked_out_at > max_age or timezone.localdate(
            self.worked_out_at
        ) != timezone.localdate(now)
