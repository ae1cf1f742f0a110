"""One moderation component for every space people can write in (ADR 0033).

A *space* is somewhere contributions appear: the blog, or one community. Each contribution
(a comment, a post in a thread) belongs to one space and names what it is about (its subject)
by content type and key, so this app never imports the apps that use it.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised

from .sanitise import as_html


class Mode(models.TextChoices):
    PRE = "pre", _("Pre-moderation: a moderator approves each comment before it is shown")
    POST = "post", _("Post-moderation: comments are shown at once and can be taken down")
    OFF = "off", _("Comments off")


class Space(models.Model):
    """Somewhere people write, with its own moderation setting and moderators."""

    key = models.SlugField(_("key"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200)
    mode = models.CharField(_("moderation"), max_length=4, choices=Mode, default=Mode.PRE)
    report_threshold = models.PositiveSmallIntegerField(
        _("reports before a comment is hidden"), default=3
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="moderated_spaces"
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")

    def __str__(self) -> str:
        return localised(self, "name")


class Status(models.TextChoices):
    HELD = "held", _("Waiting for a moderator")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    HIDDEN = "hidden", _("Hidden after reports")


class Contribution(models.Model):
    """Something a person wrote in a space, about a subject (a blog post, a thread)."""

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="contributions")
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_key = models.CharField(max_length=64)
    subject_title = models.CharField(max_length=300)
    subject_url = models.CharField(max_length=500)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributions"
    )
    body = models.TextField(_("comment"))
    # The body as shown (sanitise.as_html), made once when it is written, so a page of posts
    # does not escape, link and clean every post again at every request (ADR 0059).
    body_html = models.TextField(blank=True, editable=False)
    language = models.CharField(max_length=2, default="en")
    status = models.CharField(max_length=10, choices=Status, default=Status.HELD)
    created_at = models.DateTimeField(auto_now_add=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    report_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["subject_type", "subject_key", "status"]),
            models.Index(fields=["status", "waiting_since"]),
        ]

    def __str__(self) -> str:
        return f"{self.author} – {self.subject_title}"[:300]

    @property
    def html(self) -> SafeString:
        """The body as shown: plain text and links, sanitised when it was written."""
        return mark_safe(self.body_html) if self.body_html else as_html(self.body)

    @property
    def is_waiting(self) -> bool:
        return self.status in (Status.HELD, Status.HIDDEN)


class Report(models.Model):
    """A signed-in person's word that a contribution breaks the rules, and why."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_reports"
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "reporter"], name="moderation_one_report_each"
            )
        ]

    def __str__(self) -> str:
        return self.reason[:80]


class LogAction(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    HIDDEN = "hidden", _("Hidden after reports")
    REPORTED = "reported", _("Reported")


class LogEntry(models.Model):
    """The moderation log: who did what to which contribution, and why."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="log")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_log_entries",
    )
    action = models.CharField(max_length=10, choices=LogAction)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.reason[:80]}"


class QuietPeriod(models.Model):
    """A pre-election period: comments and blog publishing closed in the chosen spaces."""

    spaces = models.ManyToManyField(Space, related_name="quiet_periods", verbose_name=_("spaces"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    notice_en = models.TextField(_("notice in English"))
    notice_cy = models.TextField(_("notice in Welsh"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("pre-election period")

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on
