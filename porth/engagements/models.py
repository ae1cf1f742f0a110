"""Requests for the centre's help, and the engagements (expert squads) that come of them."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised

TRIAGE_DAYS = 10  # the centre answers a request within this many days


class HelpType(models.TextChoices):
    DISCOVERY = "discovery", _("A discovery")
    SQUAD = "squad", _("An expert squad")
    ADVICE = "advice", _("Advice")
    REVIEW = "review", _("A review")
    TRAINING = "training", _("Training")


class Urgency(models.TextChoices):
    LOW = "low", _("Not urgent")
    MEDIUM = "medium", _("Within the next 3 months")
    HIGH = "high", _("Urgent")


class RequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REFERRED = "referred", _("Referred elsewhere")


class HelpRequestQuerySet(models.QuerySet):
    def waiting(self) -> "HelpRequestQuerySet":
        return self.filter(status=RequestStatus.WAITING)


class HelpRequest(models.Model):
    """A body's request for the centre's help. The requester writes in their own language
    (`language`); the centre's answer goes back in the requester's recorded language."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="help_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    problem = models.TextField(_("the problem"))
    language = models.CharField(_("written in"), max_length=2, default="en")
    services = models.ManyToManyField(
        "register.Service", blank=True, related_name="+", verbose_name=_("services affected")
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    help_type = models.CharField(_("help wanted"), max_length=12, choices=HelpType.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.WAITING
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    answer_by = models.DateField(_("answer by"))
    reason = models.TextField(_("reason"), blank=True)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    engagement = models.ForeignKey(
        "Engagement", on_delete=models.SET_NULL, null=True, blank=True, related_name="requests"
    )

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["answer_by", "received_at", "id"]
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=RequestStatus.WAITING, decided_at__isnull=True)
                | (~Q(status=RequestStatus.WAITING) & Q(decided_at__isnull=False)),
                name="engagements_decided_request_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_help_type_display()}"

    @property
    def is_waiting(self) -> bool:
        return self.status == RequestStatus.WAITING

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_waiting and (today or timezone.localdate()) > self.answer_by


class Theme(models.TextChoices):
    ADULT_SOCIAL_CARE = "adult-social-care", _("Adult social care")
    DEMOCRACY = "democracy", _("Democracy")
    PROCUREMENT = "procurement", _("Procurement")
    FUNDING_PROGRAMME = "funding-programme", _("Funding programme")
    OTHER = "other", _("Other")


class Phase(models.TextChoices):
    DISCOVERY = "discovery", _("Discovery")
    ALPHA = "alpha", _("Alpha")
    BETA = "beta", _("Beta")
    LIVE = "live", _("Live")


class EngagementQuerySet(models.QuerySet):
    def public(self) -> "EngagementQuerySet":
        return self.filter(is_public=True)


class Engagement(models.Model):
    """An expert squad working alongside one or more bodies on a problem."""

    title_en = models.CharField(_("title in English"), max_length=200)
    title_cy = models.CharField(_("title in Welsh"), max_length=200)
    problem_en = models.TextField(_("problem statement in English"))
    problem_cy = models.TextField(_("problem statement in Welsh"))
    goals_en = models.TextField(_("goals in English"))
    goals_cy = models.TextField(_("goals in Welsh"))
    outcomes_en = models.TextField(_("outcomes in English"), blank=True)
    outcomes_cy = models.TextField(_("outcomes in Welsh"), blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    partners = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="engagements",
        verbose_name=_("partner bodies"),
    )
    services = models.ManyToManyField(
        "register.Service", blank=True, related_name="+", verbose_name=_("services")
    )
    reviews = models.ManyToManyField(
        "standards.Review", blank=True, related_name="+", verbose_name=_("standards reviews")
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    is_public = models.BooleanField(_("shown to the public"), default=False)
    source_en = models.CharField(_("source in English"), max_length=300, blank=True)
    source_cy = models.CharField(_("source in Welsh"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title_en"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="engagements_engagement_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def problem(self) -> str:
        return localised(self, "problem")

    @property
    def goals(self) -> str:
        return localised(self, "goals")

    @property
    def outcomes(self) -> str:
        return localised(self, "outcomes")

    @property
    def source(self) -> str:
        return localised(self, "source")


class PhaseChange(models.Model):
    """When an engagement entered a phase: the phase's history, oldest first."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    started_on = models.DateField(_("started"))

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.engagement} – {self.phase}"


class SquadMember(models.Model):
    """One person in the squad: from the centre (no organisation) or from a partner body."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="squad")
    name = models.CharField(_("name"), max_length=200)
    role_en = models.CharField(_("role in English"), max_length=200)
    role_cy = models.CharField(_("role in Welsh"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("squad member")
        verbose_name_plural = _("squad members")

    def __str__(self) -> str:
        return self.name

    @property
    def role(self) -> str:
        return localised(self, "role")


class EntryKind(models.TextChoices):
    SHOW_AND_TELL = "show-and-tell", _("Show and tell")
    NOTE = "note", _("Note")


class TimelineEntry(models.Model):
    """A dated show-and-tell or note on an engagement's timeline, public or private."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    happened_on = models.DateField(_("date"))
    title_en = models.CharField(_("title in English"), max_length=200)
    title_cy = models.CharField(_("title in Welsh"), max_length=200)
    text_en = models.TextField(_("text in English"))
    text_cy = models.TextField(_("text in Welsh"))
    is_public = models.BooleanField(_("public"), default=False)
    attachment = models.FileField(_("attachment"), upload_to="engagements/", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def text(self) -> str:
        return localised(self, "text")

    @property
    def attachment_name(self) -> str:
        return self.attachment.name.rsplit("/", 1)[-1] if self.attachment else ""
