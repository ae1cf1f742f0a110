"""The audit log: one table for every app's writes (docs/adr/0020-audit-log.md)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .language import current_language


class AuditEntry(models.Model):
    """One write, recorded by the action that made it, in the same transaction.

    The record is named by content type and key, not by a foreign key, so core depends on no
    domain app and an entry outlives the record it describes (a removed membership keeps its
    history). Titles, field labels and values are rendered in both languages when the entry is
    made, as the register's change log does (ADR 0011): the timeline reads the same after a
    rename. `organisation_key` is the primary key of the body the record belongs to, so a body's
    admins see its entries without core importing the organisations app.
    """

    action = models.CharField(_("action"), max_length=100, db_index=True)
    title = models.JSONField(_("title"), default=dict)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    # Kept as text too: the log must say who acted even after their account is deleted.
    actor_name = models.CharField(_("changed by (name)"), max_length=300, blank=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("type of record")
    )
    target_key = models.CharField(_("record key"), max_length=64)
    target = GenericForeignKey("target_type", "target_key")
    target_label = models.CharField(_("record"), max_length=300, blank=True)
    organisation_key = models.PositiveBigIntegerField(
        _("organisation key"), null=True, blank=True, db_index=True
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [
            models.Index(
                fields=["target_type", "target_key", "-recorded_at"], name="core_audit_target"
            ),
            models.Index(fields=["organisation_key", "-recorded_at"], name="core_audit_org"),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.action} {self.target_label} {self.recorded_at:%Y-%m-%d %H:%M}"

    def title_text(self) -> str:
        """The title in the reader's language."""
        return self.title.get(current_language(), "")

    def lines(self) -> list[dict[str, str]]:
        """What changed, in the reader's language: [{"label", "before", "after"}]."""
        language = current_language()
        return [
            {
                "label": change["label"].get(language, ""),
                "before": change["before"].get(language, ""),
                "after": change["after"].get(language, ""),
            }
            for change in self.changes
        ]


class FailedTask(models.Model):
    """A background task that failed its last retry (docs/adr/0044-reliable-tasks.md).

    Kept so centre staff can see what was lost and send it again or dismiss it: a failed email
    is never silently dropped. The task is named by its import path with its JSON arguments, which
    is all that is needed to enqueue it again.
    """

    class State(models.TextChoices):
        FAILED = "failed", _("Failed")
        RETRIED = "retried", _("Sent again")
        DISMISSED = "dismissed", _("Dismissed")

    task_path = models.CharField(_("task"), max_length=300)
    arguments = models.JSONField(_("arguments"), default=dict)
    attempts = models.PositiveSmallIntegerField(_("attempts"))
    error = models.TextField(_("error"), blank=True)
    failed_at = models.DateTimeField(_("failed at"), auto_now_add=True, db_index=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.FAILED, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-failed_at", "-id"]
        verbose_name = _("failed task")
        verbose_name_plural = _("failed tasks")

    def __str__(self) -> str:
        return f"{self.task_path} ({self.get_state_display()})"


class StoredFile(models.Model):
    """The latest copy of a file the worker builds for downloads (docs/adr/0052-shared-storage.md).

    The file itself is in the default storage (S3-compatible when configured, local files by
    default), under `path`; this row, in the database every web process shares, says which
    object is current and when it was built. A new build is written under a new path and this
    row moved to it, so a reader never sees half a file.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    path = models.CharField(_("path in storage"), max_length=500)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    built_at = models.DateTimeField(_("built at"))

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")

    def __str__(self) -> str:
        return f"{self.name} ({self.built_at:%Y-%m-%d %H:%M})"
