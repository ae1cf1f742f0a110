"""Newsletter subscribers, their consent, the issues the centre writes and who each was sent to.

No account is needed to subscribe: a subscriber is an email address with choices. Every
change of consent is kept as its own row, so the record says when, to which wording and in
which language a person agreed (docs/adr/0035-newsletter.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_EMAIL = 254
MAX_SUBJECT = 200
MAX_BODY = 20_000

# The wording a person agreed to; bump it (and keep the old text in the ADR) when it changes.
CONSENT_WORDING_VERSION = "2026-12"


class Topic(models.TextChoices):
    BLOG = "blog", _("Blog posts")
    EVENTS = "events", _("Events and learning")
    STANDARDS = "standards", _("Standards")
    REGISTER = "register", _("Register news")


class Frequency(models.TextChoices):
    EACH_ISSUE = "each", _("Each issue, as it is sent")
    WEEKLY = "weekly", _("A weekly digest")


class EmailLanguage(models.TextChoices):
    # Each language is named in itself, as on the language switch.
    WELSH = "cy", "Cymraeg"
    ENGLISH = "en", "English"
    BOTH = "both", _("Both, in one email, Welsh first")


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class Subscriber(models.Model):
    """One email address and its choices: a yes or no per topic (`wants_<topic>`), so the
    centre's counts and each issue's recipients are plain indexed filters."""

    email = models.EmailField(_("email address"), max_length=MAX_EMAIL, unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    wants_blog = models.BooleanField(_("blog posts"), default=False)
    wants_events = models.BooleanField(_("events and learning"), default=False)
    wants_standards = models.BooleanField(_("standards"), default=False)
    wants_register = models.BooleanField(_("register news"), default=False)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.EACH_ISSUE
    )
    language = models.CharField(
        _("language"), max_length=4, choices=EmailLanguage.choices, default=EmailLanguage.BOTH
    )
    created_at = models.DateTimeField(_("subscribed on"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed on"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.email

    @property
    def topics(self) -> list[str]:
        return [topic for topic in Topic.values if getattr(self, f"wants_{topic}")]

    def choose_topics(self, topics: "list[str] | set[str]") -> None:
        for topic in Topic.values:
            setattr(self, f"wants_{topic}", topic in topics)

    @property
    def is_confirmed(self) -> bool:
        return self.status == SubscriberStatus.CONFIRMED

    @property
    def email_languages(self) -> list[str]:
        """The languages each email carries, in order: Welsh first when both."""
        return ["cy", "en"] if self.language == EmailLanguage.BOTH else [self.language]


class ConsentKind(models.TextChoices):
    ASKED = "asked", _("Asked to subscribe")
    CONFIRMED = "confirmed", _("Confirmed by email")
    CHANGED = "changed", _("Changed their choices")
    WITHDRAWN = "withdrawn", _("Unsubscribed")
    IMPORTED = "imported", _("Imported")


class ConsentRecord(models.Model):
    """When a person gave or withdrew consent, to which wording, in which language."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("what happened"), max_length=20, choices=ConsentKind.choices)
    given_at = models.DateTimeField(_("when"))
    wording_version = models.CharField(_("wording version"), max_length=20)
    language = models.CharField(_("language of the wording"), max_length=2)

    class Meta:
        ordering = ["given_at", "pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.kind} {self.given_at:%Y-%m-%d %H:%M}"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class Issue(models.Model):
    """One newsletter issue, written in both languages; sent only when both are there."""

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    subject_en = models.CharField(_("subject in English"), max_length=MAX_SUBJECT, blank=True)
    subject_cy = models.CharField(_("subject in Welsh"), max_length=MAX_SUBJECT, blank=True)
    body_en = models.TextField(_("text in English"), blank=True)
    body_cy = models.TextField(_("text in Welsh"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    send_at = models.DateTimeField(_("send from"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("finished sending"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")

    def __str__(self) -> str:
        return self.subject_en or self.subject_cy or str(self.pk)

    @property
    def has_both_languages(self) -> bool:
        return all(
            getattr(self, f"{part}_{language}").strip()
            for part in ("subject", "body")
            for language in ("en", "cy")
        )


class Send(models.Model):
    """One issue sent to one subscriber: the unique pair is what stops a second email when a
    worker resumes after a crash."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="sends")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="sends")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_send_per_subscriber")
        ]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}"
