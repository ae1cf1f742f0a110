"""Template helpers for register pages: figures, periods and phase colours."""

from django import template

from porth.core.language import current_language
from porth.register.formatting import format_value, period_label
from porth.register.models import MetricValue, Unit, per_month
from porth.register.structured_data import government_service

register = template.Library()


@register.filter
def figure(value: MetricValue) -> str:
    """A figure in its unit: "85%", "£3.20", "12,400"."""
    return format_value(value.value, value.unit or value.measure.unit)


@register.filter
def period(value: MetricValue) -> str:
    """The period a figure covers: "March 2025" or "January to March 2025"."""
    return period_label(value.period_type, value.period_start)


@register.filter
def monthly(value: MetricValue) -> str:
    """A count for a longer period as an average a month ("100" for 1,200 in a year), so
    figures for periods of different lengths can be read side by side (ADR 0046); empty for
    a figure that is not a count or not provided."""
    unit = value.unit or value.measure.unit
    if value.value is None or unit != Unit.COUNT:
        return ""
    return format_value(per_month(value.value, value.period_type), unit)


PHASE_COLOURS = {
    "discovery": "purple",
    "alpha": "pink",
    "private_beta": "orange",
    "public_beta": "yellow",
    "live": "green",
    "retiring": "red",
    "retired": "grey",
}


@register.filter
def in_language(text: dict) -> str:
    """`{{ change.new|in_language }}`: the reader's half of a {"en": …, "cy": …} pair stored
    by the change log and imports."""
    return text.get(current_language(), "") if isinstance(text, dict) else ""


@register.filter
def phase_colour(phase: str) -> str:
    """The GOV.UK tag colour that marks a phase, the same on every page."""
    return PHASE_COLOURS.get(phase, "grey")


@register.simple_tag(takes_context=True)
def service_json_ld(context, service) -> dict:
    """The service as schema.org GovernmentService, for `{% json_ld %}` in the page's head."""
    return government_service(service, context["request"])
