"""What people follow ("Get emails about this"), how they want to hear, and what waits for
their daily digest. Generic over the thing followed: a kind (`kinds.py`) and its key."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(_("kind of thing"), max_length=30)
    key = models.CharField(_("which one"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "key"], name="follow_once")
        ]
        indexes = [models.Index(fields=["kind", "key"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class Delivery(models.TextChoices):
    IMMEDIATELY = "now", _("Straight away")
    DAILY = "daily", _("Once a day, in one email")


class FollowSettings(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_settings"
    )
    delivery = models.CharField(
        _("when to email"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATELY
    )

    def __str__(self) -> str:
        return f"{self.person_id}: {self.delivery}"


class Notice(models.Model):
    """One change to tell one person about, in both languages; sent at once or in the digest."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_notices"
    )
    text_en = models.TextField()
    text_cy = models.TextField()
    path_en = models.CharField(max_length=300)
    path_cy = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "person"])]

    def __str__(self) -> str:
        return self.text_en[:50]
