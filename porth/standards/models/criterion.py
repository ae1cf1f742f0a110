"""Criteria: the checklist a team answers for one standard in one phase."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised

from .standard import Phase, Standard


class Criterion(models.Model):
    """Managed by centre staff as data; belongs to one version's standard, so old answers keep
    the wording they were given against."""

    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="criteria", verbose_name=_("standard")
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    text_en = models.TextField(_("text in English"))
    text_cy = models.TextField(_("text in Welsh"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["standard__standard_set", "standard__number", "phase", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.standard.number} ({self.get_phase_display()}): {self.text_en[:60]}"

    def clean(self) -> None:
        # Past versions are history: self-assessments made against them must keep their wording.
        if self.standard_id and not self.standard.standard_set.is_current:
            raise ValidationError(
                {"standard": _("Choose a standard from the current version of the standards.")}
            )

    @property
    def text(self) -> str:
        return localised(self, "text")
