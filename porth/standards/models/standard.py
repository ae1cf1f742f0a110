"""The Digital Service Standards for Wales as versioned data.

A standard set is one published version of the standards. Sets are never edited in place once
something refers to them: a new version is a new set, so every self-assessment keeps the
wording it was made against.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised

from ..choices import Phase  # noqa: F401  (re-exported: the models are where callers look)


class StandardSetQuerySet(models.QuerySet):
    def current(self) -> "StandardSet":
        """The version teams work to now; raises DoesNotExist before the standards are loaded."""
        return self.get(is_current=True)


class StandardSet(models.Model):
    version = models.CharField(_("version"), max_length=20, unique=True)
    published_on = models.DateField(
        _("published on"),
        help_text=_("The date this version took effect for self-assessments in Porth."),
    )
    is_current = models.BooleanField(_("current version"), default=False)

    objects = StandardSetQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("standard set")
        verbose_name_plural = _("standard sets")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_standard_set"
            )
        ]

    def __str__(self) -> str:
        return self.version


class StandardGroup(models.Model):
    standard_set = models.ForeignKey(
        StandardSet, on_delete=models.PROTECT, related_name="groups", verbose_name=_("standard set")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200)

    class Meta:
        ordering = ["standard_set", "number"]
        verbose_name = _("group of standards")
        verbose_name_plural = _("groups of standards")
        constraints = [
            models.UniqueConstraint(
                fields=["standard_set", "number"], name="one_group_number_per_set"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


class Standard(models.Model):
    standard_set = models.ForeignKey(
        StandardSet,
        on_delete=models.PROTECT,
        related_name="standards",
        verbose_name=_("standard set"),
    )
    group = models.ForeignKey(
        StandardGroup, on_delete=models.PROTECT, related_name="standards", verbose_name=_("group")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200)
    summary_en = models.TextField(_("summary in English"))
    summary_cy = models.TextField(_("summary in Welsh"))

    class Meta:
        ordering = ["standard_set", "number"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        constraints = [
            models.UniqueConstraint(
                fields=["standard_set", "number"], name="one_standard_number_per_set"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def clean(self) -> None:
        if (
            self.group_id
            and self.standard_set_id
            and (self.group.standard_set_id != self.standard_set_id)
        ):
            raise ValidationError({"group": _("Choose a group from the same version.")})

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def summary(self) -> str:
        return localised(self, "summary")
