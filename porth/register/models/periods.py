"""The periods a figure can cover, and the rules every door checks them by (ADR 0046).

A figure covers a month, a calendar quarter, a financial year (1 April to 31 March) or a
calendar year. It is stored as its type, its first day and its last day; the last day always
follows from the other two (`period_end`), so no door ever types it.

Periods of different lengths are never added together. Where figures of different lengths
must be read side by side (the landscape's transactions by channel), a count is turned into
an average a month (`per_month`) first.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .choices import PeriodType

MONTHS_IN = {
    PeriodType.MONTH: 1,
    PeriodType.QUARTER: 3,
    PeriodType.FINANCIAL_YEAR: 12,
    PeriodType.CALENDAR_YEAR: 12,
}
QUARTER_MONTHS = (1, 4, 7, 10)
FINANCIAL_YEAR_MONTH = 4


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_in(period_type: str) -> int:
    """How many months a period of this type covers."""
    return MONTHS_IN.get(period_type, 1)


def period_end(period_type: str, period_start: datetime.date) -> datetime.date:
    """The last day of the period that starts on `period_start`."""
    return add_months(period_start, months_in(period_type)) - datetime.timedelta(days=1)


def start_of_period(period_type: str, *, year: int, month: int | None = None) -> datetime.date:
    """The first day of a period as the question page asks for it: a financial year by the
    year it starts in (2024 for April 2024 to March 2025), a calendar year by its year, a
    month or quarter by its first month."""
    if period_type == PeriodType.FINANCIAL_YEAR:
        return datetime.date(year, FINANCIAL_YEAR_MONTH, 1)
    if period_type == PeriodType.CALENDAR_YEAR:
        return datetime.date(year, 1, 1)
    return datetime.date(year, month or 1, 1)


def per_month(value: Decimal, period_type: str) -> Decimal:
    """A count for a period as an average a month, to 2 places: 1,200 a year is 100 a month."""
    return (value / months_in(period_type)).quantize(Decimal("0.01"))


def _long_date(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


# The bad date in the reader's language ("1 February 2025", "1 Chwefror 2025"), worked out
# when the message is read, so one error reads right in both languages.
_shown_date = lazy(_long_date, str)

PERIOD_MESSAGES = {
    "not_first_of_month": _("A period must start on the first day of a month, not %(value)s"),
    "quarter_start": _(
        "A quarter must start on 1 January, 1 April, 1 July or 1 October, not %(value)s"
    ),
    "financial_year_start": _("A financial year must start on 1 April, not %(value)s"),
    "calendar_year_start": _("A calendar year must start on 1 January, not %(value)s"),
    "not_started": _("The period must have started already: %(value)s is in the future"),
}


def period_problem(
    period_type: str, period_start: datetime.date, today: datetime.date | None = None
) -> str | None:
    """The code of what is wrong with a period (a key of `PERIOD_MESSAGES`), or None."""
    if period_start.day != 1:
        return "not_first_of_month"
    if period_type == PeriodType.QUARTER and period_start.month not in QUARTER_MONTHS:
        return "quarter_start"
    if period_type == PeriodType.FINANCIAL_YEAR and period_start.month != FINANCIAL_YEAR_MONTH:
        return "financial_year_start"
    if period_type == PeriodType.CALENDAR_YEAR and period_start.month != 1:
        return "calendar_year_start"
    if period_start > (today or timezone.localdate()):
        return "not_started"
    return None


def period_error(code: str, period_start: datetime.date) -> ValidationError:
    """The error for `code`, naming the bad date in the reader's language."""
    return ValidationError(
        PERIOD_MESSAGES[code], code=code, params={"value": _shown_date(period_start)}
    )


def check_period(
    period_type: str, period_start: datetime.date, today: datetime.date | None = None
) -> None:
    """Raise a ValidationError naming the bad date if the period cannot be recorded."""
    code = period_problem(period_type, period_start, today)
    if code is not None:
        raise period_error(code, period_start)
