"""The centre's panels (advisory, apprentice), their members, meetings and actions, and the
mentoring pairs between them, whose check-in notes are private to the pair and the centre."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised

CHECK_IN_REMINDER_DAYS = 42  # a pair that has not checked in for 6 weeks is reminded


class Panel(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200)
    purpose_en = models.TextField(_("purpose in English"))
    purpose_cy = models.TextField(_("purpose in Welsh"))

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def purpose(self) -> str:
        return localised(self, "purpose")


class Member(models.Model):
    """A person's term on a panel, with a bilingual profile they choose to show or not."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="panel_memberships",
    )
    name = models.CharField(_("name"), max_length=200)
    profile_en = models.TextField(_("profile in English"))
    profile_cy = models.TextField(_("profile in Welsh"))
    profile_is_public = models.BooleanField(_("profile is public"), default=False)
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(_("term to"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=F("term_from")),
                name="panels_member_term_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def profile(self) -> str:
        return localised(self, "profile")

    def is_serving(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.term_from <= today and (self.term_to is None or today <= self.term_to)


class Meeting(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    agenda_en = models.TextField(_("agenda in English"))
    agenda_cy = models.TextField(_("agenda in Welsh"))
    minutes_en = models.TextField(_("minutes in English"), blank=True)
    minutes_cy = models.TextField(_("minutes in Welsh"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_published_at__isnull=True)
                | (~Q(minutes_en="") & ~Q(minutes_cy="")),
                name="panels_published_minutes_in_both_languages",
            )
        ]

    def __str__(self) -> str:
        return f"{self.panel} – {self.held_on}"

    @property
    def agenda(self) -> str:
        return localised(self, "agenda")

    @property
    def minutes(self) -> str:
        return localised(self, "minutes")

    @property
    def minutes_are_published(self) -> bool:
        return self.minutes_published_at is not None


class MeetingAction(models.Model):
    """Something a meeting asked someone to do by a date, tracked until done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description_en = models.CharField(_("action in English"), max_length=300)
    description_cy = models.CharField(_("action in Welsh"), max_length=300)
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.description_en

    @property
    def description(self) -> str:
        return localised(self, "description")

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class MentoringPair(models.Model):
    """An advisory panel member mentoring an apprentice panel member."""

    mentor = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="mentoring")
    apprentice = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="mentored_by")
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=F("apprentice")), name="panels_pair_of_two_people"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="panels_pair_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – {self.apprentice}"


class CheckIn(models.Model):
    """A private note of a mentoring conversation: the pair and centre staff only."""

    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="check_ins")
    held_on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.pair} – {self.held_on}"
