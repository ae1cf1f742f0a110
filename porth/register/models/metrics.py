"""Measures and the time series of figures each service reports against them."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised

from .choices import Channel, PeriodType, Unit
from .periods import add_months, months_in, period_end, period_error, period_problem
from .service import Service

__all__ = [
    "STALE_AFTER_MONTHS",
    "Measure",
    "MetricValue",
    "add_months",
    "figure_errors",
    "months_in",
    "period_end",
    "stale_cutoff",
    "value_errors",
]

STALE_AFTER_MONTHS = 6
"""A figure whose period ended longer ago than this is flagged as stale."""


def stale_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Figures for periods that ended before this date are stale."""
    today = today or timezone.localdate()
    index = today.year * 12 + today.month - 1 - STALE_AFTER_MONTHS
    year, month = index // 12, index % 12 + 1
    last_day = (add_months(datetime.date(year, month, 1), 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(today.day, last_day))


class Measure(models.Model):
    """Something a service measures: one of the shared KPIs or a body's own measure.

    Shared measures (`organisation` empty) are seeded by a data migration: the four KPIs, one
    "transactions" measure per channel (`channel` set) and transactions completed in Welsh.
    A body can define measures for its own services (`organisation` set); their codes need only
    be unique within that body. `unit` decides validation and display and must not change once
    figures exist (each `MetricValue` keeps a copy for its database constraints).
    """

    code = models.SlugField(_("code"), max_length=60)
    name_en = models.CharField(_("name in English"), max_length=150)
    name_cy = models.CharField(_("name in Welsh"), max_length=150)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    is_kpi = models.BooleanField(_("key performance indicator"), default=False)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, blank=True, default=""
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("defined by"),
    )
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "name_en"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(organisation__isnull=True),
                name="register_shared_measure_code_unique",
            ),
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=Q(organisation__isnull=False),
                name="register_own_measure_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


class MetricValueQuerySet(models.QuerySet):
    def stale(self, today: datetime.date | None = None) -> "MetricValueQuerySet":
        """Figures whose period ended before `stale_cutoff(today)` (as `MetricValue.is_stale`)."""
        return self.filter(period_end__lt=stale_cutoff(today))


class MetricValue(models.Model):
    """One figure for one service, measure and period, or the reason it was not provided.

    Exactly one of `value` and `not_provided_reason` is set. Values are never negative and
    percentages are at most 100: `clean()` says so in words, and check constraints make sure
    even bulk writes cannot store anything else. `unit` is copied from the measure on save so
    that the percentage constraint can be checked by the database.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="metric_values")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, editable=False)
    period_type = models.CharField(_("period"), max_length=20, choices=PeriodType.choices)
    period_start = models.DateField(_("period starts"))
    # Always `period_end(period_type, period_start)`: stored so that queries can compare
    # periods of different lengths by when they end (ADR 0046).
    period_end = models.DateField(_("period ends"), editable=False)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    not_provided_reason = models.TextField(_("reason it is not provided"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MetricValueQuerySet.as_manager()

    class Meta:
        ordering = ["measure__position", "period_start"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        indexes = [
            models.Index(fields=["measure", "period_start"], name="register_value_measure"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "measure", "period_type", "period_start"],
                name="register_value_once_per_period",
            ),
            models.CheckConstraint(
                condition=(Q(value__isnull=False) & Q(not_provided_reason=""))
                | (Q(value__isnull=True) & ~Q(not_provided_reason="")),
                name="register_value_or_reason",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="register_value_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(unit=Unit.PERCENT) | Q(value__isnull=True) | Q(value__lte=100),
                name="register_percentage_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="register_period_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.measure_id} {self.period_start}: {self.value}"

    def save(self, *args, **kwargs) -> None:
        self.unit = self.measure.unit
        self.period_end = period_end(self.period_type, self.period_start)
        super().save(*args, **kwargs)

    @property
    def months(self) -> int:
        """How many months the period covers."""
        return months_in(self.period_type)

    @property
    def is_stale(self) -> bool:
        return self.period_end < stale_cutoff()

    @property
    def is_provided(self) -> bool:
        return self.value is not None

    def clean(self) -> None:
        unit = self.measure.unit if self.measure_id else self.unit
        errors = figure_errors(
            period_type=self.period_type,
            period_start=self.period_start,
            value=self.value,
            not_provided_reason=self.not_provided_reason,
            unit=unit,
        )
        if errors:
            raise ValidationError(errors)


def figure_errors(
    *,
    period_type: str,
    period_start: datetime.date | None,
    value: Decimal | None,
    not_provided_reason: str,
    unit: str,
    today: datetime.date | None = None,
) -> dict[str, list[ValidationError]]:
    """Everything wrong with a figure, by field: the one set of rules that the question page,
    the model, the actions (so the API) and the spreadsheet import all apply (ADR 0046).

    Each error names the bad value where it has one, in the reader's language.
    """
    errors: dict[str, list[ValidationError]] = {}
    if period_start:
        code = period_problem(period_type, period_start, today)
        if code is not None:
            errors["period_start"] = [period_error(code, period_start)]
    has_reason = bool((not_provided_reason or "").strip())
    if value is None and not has_reason:
        errors["value"] = [
            ValidationError(_("Enter a figure, or say why it is not provided"), code="missing")
        ]
    elif value is not None and has_reason:
        errors["not_provided_reason"] = [
            ValidationError(
                _("Enter either a figure or a reason it is not provided, not both"), code="both"
            )
        ]
    elif value is not None:
        wrong = value_errors(value, unit)
        if wrong:
            errors["value"] = [ValidationError(wrong[0], code="out_of_range")]
    return errors


def value_errors(value: Decimal, unit: str) -> list[str]:
    """What is wrong with `value` for a measure in `unit`, in words the editor understands.

    Shared by forms, imports and the API so every route gives the same bilingual reason.
    """
    if value < 0:
        return [_("The figure cannot be negative.")]
    if unit == Unit.PERCENT and value > 100:
        return [_("A percentage must be between 0 and 100.")]
    if unit == Unit.COUNT and value != value.to_integral_value():
        return [_("A count must be a whole number.")]
    return []
