"""Recording figures and defining a body's own measures."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from porth.organisations.models import Organisation

from ..models import (
    ChangeKind,
    Measure,
    MetricValue,
    Service,
)
from ..wording import figure_change, figure_text, figure_words
from .history import log_change

__all__ = ["figure_change", "figure_text", "figure_words"]  # kept here for older callers


class MeasureNotAvailable(Exception):
    """The measure belongs to another organisation."""


class InvalidFigure(ValidationError):
    """The figure failed validation; `message_dict` says why, field by field."""


def _figure_text(figure: MetricValue | None) -> dict[str, str]:
    if figure is None:
        return {"en": "", "cy": ""}
    return figure_text(figure.value, figure.not_provided_reason, figure.measure.unit)


@transaction.atomic
def record_metric_value(
    *,
    service: Service,
    measure: Measure,
    period_type: str,
    period_start: datetime.date,
    value: Decimal | None,
    not_provided_reason: str = "",
    source: str = "",
    note: str = "",
    recorded_by: Any,
) -> MetricValue:
    """Record a figure for a period, or why it is not provided; replaces an earlier figure for
    the same service, measure and period (the old one stays in the change log)."""
    if measure.organisation_id not in (None, service.organisation_id):
        raise MeasureNotAvailable
    figure = (
        MetricValue.objects.select_for_update()
        .filter(
            service=service, measure=measure, period_type=period_type, period_start=period_start
        )
        .first()
    )
    before = _figure_text(figure)
    if figure is None:
        figure = MetricValue(
            service=service, measure=measure, period_type=period_type, period_start=period_start
        )
    figure.value = value
    figure.not_provided_reason = not_provided_reason.strip()
    figure.source = source.strip()
    figure.note = note.strip()
    figure.recorded_by = recorded_by
    try:
        figure.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidFigure(error.message_dict) from error
    figure.save()
    after = _figure_text(figure)
    if before != after:
        log_change(
            service,
            ChangeKind.METRIC,
            recorded_by,
            [figure_change(measure, period_type, period_start, before, after)],
        )
    latest = service.metric_values.filter(value__isnull=False).aggregate(
        latest=Max("period_start")
    )["latest"]
    Service.objects.filter(pk=service.pk).update(latest_metric_period=latest)
    service.latest_metric_period = latest
    return figure


@transaction.atomic
def define_measure(*, organisation: Organisation, name_en: str, name_cy: str, unit: str) -> Measure:
    """A measure of a body's own, for its services only; its code is made from the name."""
    base = slugify(name_en)[:50] or "measure"
    code, number = base, 1
    while Measure.objects.filter(organisation=organisation, code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return Measure.objects.create(
        organisation=organisation,
        code=code,
        name_en=name_en.strip(),
        name_cy=name_cy.strip(),
        unit=unit,
        position=1000,
    )
