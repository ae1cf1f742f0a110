"""How periods and figures are written for people, in the active language.

Used by templates (through the `service_register` tag library), the change log and, later,
exports, so a figure reads the same everywhere.
"""

import datetime
import functools
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, pgettext_lazy

from porth.core.charts import ChartRow, ColumnChart, column_chart

from .models import MetricValue, PeriodType, Unit

# One string per quarter, not "%(first)s to %(last)s": the second month mutates in Welsh
# ("Ionawr i Fawrth").
QUARTER_LABELS = {
    1: pgettext_lazy("quarter", "January to March %(year)s"),
    4: pgettext_lazy("quarter", "April to June %(year)s"),
    7: pgettext_lazy("quarter", "July to September %(year)s"),
    10: pgettext_lazy("quarter", "October to December %(year)s"),
}
SHORT_QUARTER_LABELS = {
    1: pgettext_lazy("short quarter", "Jan–Mar %(year)s"),
    4: pgettext_lazy("short quarter", "Apr–Jun %(year)s"),
    7: pgettext_lazy("short quarter", "Jul–Sep %(year)s"),
    10: pgettext_lazy("short quarter", "Oct–Dec %(year)s"),
}
# Whole strings again: "Mawrth" and "Rhagfyr" mutate after "i" in Welsh.
FINANCIAL_YEAR_LABEL = pgettext_lazy("financial year", "April %(start)s to March %(end)s")
CALENDAR_YEAR_LABEL = pgettext_lazy("calendar year", "January to December %(year)s")
SHORT_FINANCIAL_YEAR_LABEL = pgettext_lazy("short financial year", "%(start)s–%(end)s")
# GOV.UK Welsh short month names (Ion, Chwef, …), which Django's own catalogue shortens wrongly.
SHORT_MONTHS = [
    pgettext_lazy("short month", "Jan"),
    pgettext_lazy("short month", "Feb"),
    pgettext_lazy("short month", "Mar"),
    pgettext_lazy("short month", "Apr"),
    pgettext_lazy("short month", "May"),
    pgettext_lazy("short month", "Jun"),
    pgettext_lazy("short month", "Jul"),
    pgettext_lazy("short month", "Aug"),
    pgettext_lazy("short month", "Sep"),
    pgettext_lazy("short month", "Oct"),
    pgettext_lazy("short month", "Nov"),
    pgettext_lazy("short month", "Dec"),
]


def period_label(period_type: str, period_start: datetime.date) -> str:
    """ "March 2025", "January to March 2025", "April 2024 to March 2025" (a financial year)
    or "January to December 2024" (a calendar year).

    Remembered per language: a service page writes about 30 periods, most of them the same
    few months, and Django's date formatting was the largest named cost of its figures'
    tables (ADR 0074)."""
    return _period_label(get_language(), period_type, period_start)


def short_period_label(period_type: str, period_start: datetime.date) -> str:
    """ "Mar 2025", "Jan–Mar 2025", "2024–25" (a financial year) or "2024", for chart axes;
    remembered per language, as `period_label`."""
    return _short_period_label(get_language(), period_type, period_start)


# A label depends only on the language and the period; a few years of months, quarters and
# years in two languages is a few hundred labels.
LABELS_REMEMBERED = 4096


@functools.lru_cache(maxsize=LABELS_REMEMBERED)
def _period_label(language: str | None, period_type: str, period_start: datetime.date) -> str:
    year = period_start.year
    if period_type == PeriodType.QUARTER:
        return str(QUARTER_LABELS[period_start.month]) % {"year": year}
    if period_type == PeriodType.FINANCIAL_YEAR:
        return str(FINANCIAL_YEAR_LABEL) % {"start": year, "end": year + 1}
    if period_type == PeriodType.CALENDAR_YEAR:
        return str(CALENDAR_YEAR_LABEL) % {"year": year}
    return date_format(period_start, "YEAR_MONTH_FORMAT")


@functools.lru_cache(maxsize=LABELS_REMEMBERED)
def _short_period_label(language: str | None, period_type: str, period_start: datetime.date) -> str:
    year = period_start.year
    if period_type == PeriodType.QUARTER:
        return str(SHORT_QUARTER_LABELS[period_start.month]) % {"year": year}
    if period_type == PeriodType.FINANCIAL_YEAR:
        return str(SHORT_FINANCIAL_YEAR_LABEL) % {"start": year, "end": f"{(year + 1) % 100:02d}"}
    if period_type == PeriodType.CALENDAR_YEAR:
        return str(year)
    return f"{SHORT_MONTHS[period_start.month - 1]} {year}"


def format_value(value: Decimal | None, unit: str) -> str:
    """ "85.5%", "£3.20" or "12,400"; an empty string for a figure that was not provided."""
    if value is None:
        return ""
    if unit == Unit.POUNDS:
        return "£" + number_format(value, 2, force_grouping=True)
    if unit == Unit.PERCENT:
        places = next((p for p in (0, 1) if value == round(value, p)), 2)
        return number_format(value, places) + "%"
    return number_format(value, 0, force_grouping=True)


def format_date(day: datetime.date | None) -> str:
    return date_format(day, "DATE_FORMAT") if day else ""


def figures_chart(figures: list[MetricValue], unit: str) -> ColumnChart:
    """A measure's figures as core's column chart, one column per period, oldest first.

    Percentages are drawn against 100 so a small change does not look like a big one.
    """
    rows = [
        ChartRow(
            label=short_period_label(figure.period_type, figure.period_start),
            value=figure.value,
            value_text=format_value(figure.value, unit),
        )
        for figure in figures
    ]
    return column_chart(rows, scale_max=100 if unit == Unit.PERCENT else None)
