"""Working days in Wales: Monday to Friday, less the bank holidays of England and Wales.

The bank holidays come from the `holidays` package (`country_holidays("GB", subdiv="WLS")`),
which follows the proclamations year by year, one-off holidays included (the 2022 Platinum
Jubilee, the 2023 coronation), instead of rules we would have to keep up to date ourselves.
Its holiday names are English only; we never show them.
"""

import datetime
from functools import cache

import holidays

WEEKEND = {5, 6}


@cache
def bank_holidays(year: int) -> frozenset[datetime.date]:
    """The bank holidays in Wales in `year`, substitute days for weekend holidays included."""
    return frozenset(holidays.country_holidays("GB", subdiv="WLS", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() not in WEEKEND and day not in bank_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (which itself does not count)."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`; 0 if `end` is not later."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count
