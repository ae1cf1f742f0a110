"""Targets set by centre staff, and the monthly snapshots that give every measure a history.

Measures themselves are declared in code by the app that owns their records (ADR 0038); these
tables refer to them by their `key`, which never changes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_LENGTH = 100


class Target(models.Model):
    """What centre staff aim for on one measure. Whether above or below is good is the
    measure's `direction`."""

    measure_key = models.CharField(_("measure"), max_length=KEY_LENGTH, unique=True)
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=1)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(_("set"), auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.measure_key}: {self.value}"


class Snapshot(models.Model):
    """A measure's value at a date, for one scope of bodies.

    `scope` is "" for every body, "type:<code>" for one type of body, "region:<code>" for one
    region. `is_available` is False when the measure's source failed or has no data yet; its
    value is then empty. Taking a snapshot again for the same date replaces it (idempotent).
    """

    measure_key = models.CharField(_("measure"), max_length=KEY_LENGTH)
    scope = models.CharField(_("scope"), max_length=60, blank=True)
    taken_on = models.DateField(_("as at"))
    value = models.FloatField(_("value"), null=True, blank=True)
    counted = models.IntegerField(null=True, blank=True)
    total = models.IntegerField(null=True, blank=True)
    parts = models.JSONField(default=list, blank=True)
    is_available = models.BooleanField(default=True)
    computed_at = models.DateTimeField(_("worked out"), auto_now=True)

    class Meta:
        ordering = ["measure_key", "scope", "taken_on"]
        verbose_name = _("snapshot of a measure")
        verbose_name_plural = _("snapshots of measures")
        constraints = [
            models.UniqueConstraint(
                fields=["measure_key", "scope", "taken_on"], name="one_snapshot_per_measure_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_key} {self.scope} {self.taken_on}: {self.value}"
