"""People's skills self-assessments, organisations people name that are not in the list, and
an organisation's yearly digital capability self-assessment.

Skills, contexts and capability areas are codes from the versioned framework in data/
(`framework.py`); each assessment keeps the version it was made against.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .framework import framework


class SkillsAssessment(models.Model):
    """One person's ratings of their own skills in one context. Private to them: only counts
    of five or more people ever leave it (`queries.organisation_aggregate`)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skills_assessments"
    )
    context = models.CharField(_("context"), max_length=60)
    framework_version = models.CharField(_("framework version"), max_length=20)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    completed_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("skills self-assessment")
        verbose_name_plural = _("skills self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(completed_at__isnull=True),
                name="one_unfinished_skills_assessment_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} – {self.context} ({self.started_at:%Y-%m-%d})"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def context_name(self) -> str:
        return framework(self.framework_version).contexts[self.context].name


class SkillRating(models.Model):
    assessment = models.ForeignKey(
        SkillsAssessment, on_delete=models.CASCADE, related_name="ratings"
    )
    skill = models.CharField(_("skill"), max_length=60)
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(0), MaxValueValidator(4)]
    )

    class Meta:
        ordering = ["assessment", "skill"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "skill"], name="one_rating_per_skill"),
            models.CheckConstraint(
                condition=Q(level__gte=0, level__lte=4), name="skill_level_from_0_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.level}"


class OrganisationRequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for review")
    ADDED = "added", _("Added to the list")
    DECLINED = "declined", _("Not added")


class OrganisationRequest(models.Model):
    """An organisation a person works for that is not in Porth's list, in their own words,
    kept until centre staff add it (with a type) or decline it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_requests"
    )
    name = models.CharField(_("organisation name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrganisationRequestStatus.choices,
        default=OrganisationRequestStatus.WAITING,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("organisation not in the list")
        verbose_name_plural = _("organisations not in the list")

    def __str__(self) -> str:
        return self.name


class CapabilityAssessment(models.Model):
    """An organisation's own view of its digital capability in one year, filled in by its
    admins. One per body per year, so the years show a trend."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    framework_version = models.CharField(_("framework version"), max_length=20)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        ordering = ["organisation", "-year"]
        verbose_name = _("digital capability self-assessment")
        verbose_name_plural = _("digital capability self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="one_capability_assessment_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} – {self.year}"


class CapabilityRating(models.Model):
    assessment = models.ForeignKey(
        CapabilityAssessment, on_delete=models.CASCADE, related_name="ratings"
    )
    area = models.CharField(_("area"), max_length=60)
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    evidence = models.TextField(_("evidence"), max_length=2000)

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="one_rating_per_area"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="capability_level_from_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.level}"
