"""Self-assessments: a team's own check of a service against one version of the standards."""

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from porth.core.permissions import is_centre_staff

from .criterion import Criterion
from .standard import Phase, Standard, StandardSet


class Rating(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# Better ratings score higher, so a trend can say whether a standard improved.
RATING_SCORES = {Rating.MET: 3, Rating.PARTLY_MET: 2, Rating.NOT_MET: 1}


def overall_rating(ratings: Iterable[str]) -> str | None:
    """One rating for a standard from its criteria's answers; None until every one is answered.

    The weakest answer decides, so a leader never reads "met" while something is not met;
    criteria that do not apply are left out, and a standard none of whose criteria apply is
    itself not applicable.
    """
    ratings = list(ratings)
    if not ratings or "" in ratings:
        return None
    applicable = [rating for rating in ratings if rating != Rating.NOT_APPLICABLE]
    if not applicable:
        return Rating.NOT_APPLICABLE
    return min(applicable, key=lambda rating: RATING_SCORES[rating])


class SelfAssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class SelfAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SelfAssessmentQuerySet":
        """Published ones for everyone; all of a body's for its members and centre staff."""
        if is_centre_staff(user):
            return self
        if not user.is_authenticated:
            return self.filter(is_published=True)
        return self.filter(
            Q(is_published=True) | Q(service__organisation__memberships__person=user)
        ).distinct()


class SelfAssessment(models.Model):
    service = models.ForeignKey(
        "register.Service",
        on_delete=models.PROTECT,
        related_name="self_assessments",
        verbose_name=_("service"),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    # The version the team answered: later versions never change what this one shows.
    standard_set = models.ForeignKey(
        StandardSet,
        on_delete=models.PROTECT,
        related_name="self_assessments",
        verbose_name=_("version of the standards"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SelfAssessmentStatus.choices,
        default=SelfAssessmentStatus.DRAFT,
    )
    is_published = models.BooleanField(_("published"), default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Goes up by one with every saved change to the answers; `page_versions` records, for
    # each standard's page (by number), the version its answers last changed in. A page saved
    # from an older version than that is caught rather than saved over the newer answers,
    # while changes on other pages do not get in the way (docs/adr/0018).
    version = models.PositiveIntegerField(default=1, editable=False)
    page_versions = models.JSONField(default=dict, blank=True, editable=False)
    # The one-time token of the form that started it: a second submit finds this row.
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(status="submitted"),
                name="only_submitted_self_assessments_are_published",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", submitted_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False),
                name="submitted_self_assessment_has_a_date",
            ),
            # A team works on one draft at a time; submitted ones are the history.
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(status="draft"),
                name="one_draft_self_assessment_per_service",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.get_phase_display()} ({self.started_at:%Y-%m-%d})"

    @property
    def is_draft(self) -> bool:
        return self.status == SelfAssessmentStatus.DRAFT


class Answer(models.Model):
    """A team's answer to one criterion, with the evidence behind it."""

    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="answers"
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="answers", verbose_name=_("criterion")
    )
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.TextField(
        _("links to evidence"), blank=True, help_text=_("One web address a line.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion__order", "criterion__pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["self_assessment", "criterion"], name="one_answer_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.rating or '-'}"


class Action(models.Model):
    """Something the team will do to meet a standard better, with an owner and a due date."""

    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="actions"
    )
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="+", verbose_name=_("standard")
    )
    description = models.TextField(_("what needs to be done"))
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due date"))
    is_done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["is_done", "due_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.description[:80]
