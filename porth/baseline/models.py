"""Baseline rounds: the centre asks every body in scope to bring its part of the register up to
date for a period, and each body works through a short task list to sign-off."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RoundQuerySet(models.QuerySet):
    def open(self) -> "RoundQuerySet":
        return self.filter(status=RoundStatus.OPEN)


class Round(models.Model):
    """One baseline round: which bodies take part, for which period, and by when.

    `body_types` holds `OrganisationType` codes. The bodies in scope are fixed when the round
    opens (one `Participation` each), so a body added to the list later does not join a round
    half-way through. Figures count towards the round when their period starts between
    `period_start` and `period_end`, so monthly and quarterly figures both count.
    """

    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    deadline = models.DateField(_("deadline"))
    body_types = models.JSONField(_("types of body"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("baseline round")
        verbose_name_plural = _("baseline rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="baseline_round_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(status=RoundStatus.OPEN, closed_at__isnull=True)
                | Q(status=RoundStatus.CLOSED, closed_at__isnull=False),
                name="baseline_round_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def opened_on(self) -> datetime.date:
        """Services confirmed on or after this day count as confirmed for the round."""
        return self.opened_at.date()


class Participation(models.Model):
    """One body's part in a round: what it has said so far and whether it has signed off.

    Whether its services are confirmed and have figures is read from the register itself
    (`queries.task_list`), so work done on the register's own pages counts. Only what the
    register cannot know is stored here: "no services are missing", "our figures are complete"
    and the sign-off. Once signed off, nothing here changes for the round.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="baseline_rounds"
    )
    no_missing_services_at = models.DateTimeField(
        _("said no services are missing"), null=True, blank=True
    )
    figures_complete_at = models.DateTimeField(
        _("said figures are complete"), null=True, blank=True
    )
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    percent_done_at_close = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name_en"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="baseline_one_participation_per_body"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.organisation}"

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None
