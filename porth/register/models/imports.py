"""Spreadsheet imports: a file a body uploads, checked in the worker, then applied on request."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HEARTBEAT_EVERY = datetime.timedelta(seconds=10)
ABANDONED_AFTER = datetime.timedelta(seconds=60)
"""A worker checking or applying an import writes `heartbeat_at` every few seconds, or holds
the import's row locked inside its transaction. An import with neither for this long lost its
worker (docs/adr/0017): `imports.recover_abandoned_imports` marks it."""


class ImportKind(models.TextChoices):
    SERVICES = "services", _("Services")
    METRICS = "metrics", _("Figures")


class ImportStatus(models.TextChoices):
    """Where an import is. Only CHECKED imports without errors can be applied."""

    QUEUED = "queued", _("Waiting to be checked")
    MAPPING = "mapping", _("Columns to match")
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked")
    REFUSED = "refused", _("Refused")
    APPLYING = "applying", _("Being applied")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Failed")


class SpreadsheetImport(models.Model):
    """One uploaded spreadsheet of services or figures for one organisation.

    The file itself is kept in the database (`file_data`), not on disk: the worker that checks
    and applies it may run on another machine from the web server, and files are small (see
    `REGISTER_IMPORT_MAX_BYTES`). `problems` holds every error as a message code and its
    parameters (see `porth.register.imports.problems`), so the same list reads in Welsh or
    English whoever looks at it. `preview` and `summary` are counts and sample rows, written by
    the worker when it has checked the file and when it has applied it (docs/adr/0012).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="register_imports",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind of import"), max_length=10, choices=ImportKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    file_data = models.BinaryField(editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    has_more_problems = models.BooleanField(
        default=False, help_text="The check stopped at REGISTER_IMPORT_MAX_PROBLEMS problems."
    )
    notice = models.CharField(
        max_length=40, blank=True, help_text="A message code to show with the import's status."
    )
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    preview = models.JSONField(default=dict, blank=True)
    # The person's choices on the preview (docs/adr/0040): whether an empty cell clears a detail
    # (by default it leaves it), and per row flagged as a possible duplicate, what to do with
    # it: {"<row>": "add" | "skip" | "<service ID to link it to>"}.
    empty_cells_clear = models.BooleanField(default=False)
    # A file of services for several bodies, each row's in its organisation code column:
    # centre staff only; checked and previewed per body, written all or nothing (ADR 0047).
    several_bodies = models.BooleanField(default=False)
    decisions = models.JSONField(default=dict, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    # What the file holds, written by the worker as it reads the file, for the mapping page
    # (docs/adr/0047): {"headers": [...], "values": [[distinct cells of each column]],
    # "more": [whether a column had more distinct cells than were kept]}.
    file_columns = models.JSONField(default=dict, blank=True)
    # The person's mapping of this file (docs/adr/0047): {"columns": [the Porth column code
    # for each of the file's columns, or "" to ignore it], "values": {code: {file value,
    # folded: Porth code}}}. Empty: the file's column names are read as they are.
    mapping = models.JSONField(default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.kind} {self.file_name}"

    @property
    def counts(self) -> dict[str, int]:
        """What the import changed (once applied) or would change (once checked)."""
        outcome = self.summary if self.status == ImportStatus.APPLIED else self.preview
        return dict((outcome or {}).get("counts", {}))

    @property
    def may_be_mapped(self) -> bool:
        """The mapping page may be used: the check stopped at the columns, or it finished."""
        return self.status in (ImportStatus.MAPPING, ImportStatus.CHECKED)

    @property
    def percent_checked(self) -> int:
        if self.status not in (ImportStatus.QUEUED, ImportStatus.CHECKING):
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_checked * 100 // self.rows_total)

    @property
    def is_in_progress(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.APPLYING)

    @property
    def may_have_stopped(self) -> bool:
        """Being checked or applied, with no sign of its worker for a while: offer to find out.
        (No heartbeat at all means it is waiting in the queue, not lost.)"""
        return (
            self.status in (ImportStatus.CHECKING, ImportStatus.APPLYING)
            and self.heartbeat_at is not None
            and self.heartbeat_at < timezone.now() - ABANDONED_AFTER
        )

    @property
    def undecided(self) -> int:
        """Rows flagged as possible duplicates that nobody has said what to do with yet."""
        return int((self.preview or {}).get("undecided", 0))

    @property
    def can_be_applied(self) -> bool:
        return self.status == ImportStatus.CHECKED and not self.problems and not self.undecided


class ImportMapping(models.Model):
    """A body's saved mapping from its own files' column names and values to Porth's, offered
    again on the mapping page the next time its file does not match (docs/adr/0047).

    `columns` is {column name, normalised: Porth column code, or "" to ignore it}; `values` is
    {Porth column code: {file value, folded: Porth code}}.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="register_import_mappings",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind of import"), max_length=10, choices=ImportKind.choices)
    columns = models.JSONField(default=dict, blank=True)
    values = models.JSONField(default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"], name="register_import_mapping_per_body"
            )
        ]
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.kind}"
