"""Peer review: a panel of assessors reviews a service against the standards and reports.

A review records the version of the standards it used and, as its pre-read, the team's latest
submitted self-assessment. Its report is written in both languages because accepted reports
are published on Porth in both.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised

from .self_assessment import SelfAssessment
from .standard import Phase, Standard, StandardSet


class Discipline(models.TextChoices):
    USER_RESEARCH = "user_research", _("User research")
    DESIGN = "design", _("Design")
    TECHNOLOGY = "technology", _("Technology")
    PRODUCT_AND_DELIVERY = "product_and_delivery", _("Product and delivery")


class Assessor(models.Model):
    """Someone in the centre's pool of assessors, with what they can review."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assessor",
        verbose_name=_("person"),
    )
    disciplines = models.JSONField(_("disciplines"), default=list, blank=True)
    works_in_welsh = models.BooleanField(_("can review in Welsh"), default=False)
    is_active = models.BooleanField(_("available for reviews"), default=True)

    class Meta:
        ordering = ["person__full_name", "person__email"]
        verbose_name = _("assessor")
        verbose_name_plural = _("assessors")

    def __str__(self) -> str:
        return str(self.person)

    def discipline_labels(self) -> list[str]:
        return [Discipline(code).label for code in Discipline.values if code in self.disciplines]


class ConflictOfInterest(models.Model):
    """An assessor may not review services of this organisation."""

    assessor = models.ForeignKey(Assessor, on_delete=models.CASCADE, related_name="conflicts")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["assessor", "organisation"], name="one_conflict_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor} – {self.organisation}"


class ReviewStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    TRIAGED = "triaged", _("Triaged")
    IN_REVIEW = "in_review", _("Panel reviewing")
    REPORTED = "reported", _("Report with the team")
    CHALLENGED = "challenged", _("Report challenged")
    PUBLISHED = "published", _("Published")


class ReviewType(models.TextChoices):
    LIGHT_TOUCH = "light_touch", _("Light-touch review")
    FULL_PANEL = "full_panel", _("Full panel review")


class RAG(models.TextChoices):
    GREEN = "green", _("Green")
    AMBER = "amber", _("Amber")
    RED = "red", _("Red")


class Review(models.Model):
    service = models.ForeignKey(
        "register.Service",
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("service"),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    standard_set = models.ForeignKey(
        StandardSet,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("version of the standards"),
    )
    self_assessment = models.ForeignKey(
        SelfAssessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("pre-read self-assessment"),
    )
    preferred_dates = models.TextField(_("preferred dates"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.REQUESTED
    )
    review_type = models.CharField(
        _("type of review"), max_length=20, choices=ReviewType.choices, blank=True
    )
    review_date = models.DateField(_("review date"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True)
    panel_assigned_at = models.DateTimeField(_("panel assigned"), null=True, blank=True)
    reported_at = models.DateTimeField(_("report sent to the team"), null=True, blank=True)
    response_due_on = models.DateField(_("team's response due"), null=True, blank=True)
    responded_at = models.DateTimeField(_("team responded"), null=True, blank=True)
    challenge_reason = models.TextField(_("reason for the challenge"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    outcome = models.CharField(_("overall outcome"), max_length=10, choices=RAG.choices, blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    summary_cy = models.TextField(_("summary in Welsh"), blank=True)
    # Goes up by one with every saved change to the outcomes or the report (docs/adr/0018).
    version = models.PositiveIntegerField(default=1, editable=False)
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            # A service has one review in progress at a time; published ones are the history.
            models.UniqueConstraint(
                fields=["service"],
                condition=~Q(status="published"),
                name="one_open_review_per_service",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.get_phase_display()} ({self.requested_at:%Y-%m-%d})"

    @property
    def summary(self) -> str:
        return localised(self, "summary")

    @property
    def is_published(self) -> bool:
        return self.status == ReviewStatus.PUBLISHED


class PanelMember(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="panel")
    assessor = models.ForeignKey(
        Assessor, on_delete=models.PROTECT, related_name="panel_seats", verbose_name=_("assessor")
    )
    is_lead = models.BooleanField(_("lead assessor"), default=False)

    class Meta:
        ordering = ["-is_lead", "pk"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(fields=["review", "assessor"], name="assessor_once_per_panel"),
            models.UniqueConstraint(
                fields=["review"], condition=Q(is_lead=True), name="one_lead_per_panel"
            ),
        ]

    def __str__(self) -> str:
        return str(self.assessor)


class StandardOutcome(models.Model):
    """The panel's finding on one standard: green, amber or red, and why, in both languages."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="outcomes")
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="+", verbose_name=_("standard")
    )
    rating = models.CharField(_("outcome"), max_length=10, choices=RAG.choices)
    went_well_en = models.TextField(_("what went well, in English"), blank=True)
    went_well_cy = models.TextField(_("what went well, in Welsh"), blank=True)
    to_improve_en = models.TextField(_("what to improve, in English"), blank=True)
    to_improve_cy = models.TextField(_("what to improve, in Welsh"), blank=True)
    # The review's version when this finding last changed (docs/adr/0018).
    changed_in_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["standard__number"]
        verbose_name = _("outcome for a standard")
        verbose_name_plural = _("outcomes for standards")
        constraints = [
            models.UniqueConstraint(fields=["review", "standard"], name="one_outcome_per_standard")
        ]

    def __str__(self) -> str:
        return f"{self.standard.number}: {self.rating}"

    @property
    def went_well(self) -> str:
        return localised(self, "went_well")

    @property
    def to_improve(self) -> str:
        return localised(self, "to_improve")


class Recommendation(models.Model):
    """An action the panel asks of the team, tracked until it is done."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="+", verbose_name=_("standard")
    )
    text_en = models.TextField(_("recommendation in English"))
    text_cy = models.TextField(_("recommendation in Welsh"))
    due_on = models.DateField(_("due date"))
    is_done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["is_done", "due_on", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return self.text_en[:80]

    @property
    def text(self) -> str:
        return localised(self, "text")
