"""The record of every change to a service and its figures: who, when and what."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from porth.core.language import current_language

from .choices import ChangeKind
from .service import Service


class ServiceChange(models.Model):
    """One change to a service or its figures, written by the action that made it.

    We keep our own log rather than per-model history tables because the service page shows a
    single timeline across the record, its phases, channels and figures, and a reader wants to
    see "Phase: Alpha → Beta", not two versions of a row to compare. Each entry in `changes` is
    `{"field": code, "label": {"en", "cy"}, "old": {"en", "cy"}, "new": {"en", "cy"}}`: labels
    and values are rendered in both languages when the change is made, so the history reads
    the same even after a service area or product is later renamed. Anything that writes to a
    service (imports, the API) goes through `porth.register.actions`, which records the change.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("kind of change"), max_length=20, choices=ChangeKind.choices)
    changes = models.JSONField(default=list, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["service", "-changed_at"], name="register_change_service")]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.service_id} {self.kind} {self.changed_at:%Y-%m-%d %H:%M}"

    def lines(self) -> list[dict[str, str]]:
        """The changes in the reader's language: [{"label", "old", "new"}]."""
        language = current_language()
        return [
            {
                "label": change["label"].get(language, ""),
                "old": change["old"].get(language, ""),
                "new": change["new"].get(language, ""),
            }
            for change in self.changes
        ]
