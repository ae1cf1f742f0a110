"""Working days in Wales: Monday to Friday, less the bank holidays of England and Wales.

Computed from the rules in the Banking and Financial Dealings Act 1971 and the usual
proclamations (New Year's Day, Good Friday, Easter Monday, the first and last Mondays of May,
the last Monday of August, Christmas Day and Boxing Day, moved to the next weekday when they
fall at a weekend). One-off holidays proclaimed for a single year are not included.
"""

import datetime
from functools import cache

WEEKEND = {5, 6}


def _easter_sunday(year: int) -> datetime.date:
    """The anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _first_monday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> datetime.date:
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = next_month - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=last.weekday())


@cache
def bank_holidays(year: int) -> frozenset[datetime.date]:
    easter = _easter_sunday(year)
    holidays = {
        easter - datetime.timedelta(days=2),
        easter + datetime.timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    new_year = datetime.date(year, 1, 1)
    while new_year.weekday() in WEEKEND:
        new_year += datetime.timedelta(days=1)
    holidays.add(new_year)
    # Christmas and Boxing Day each take the next free weekday when they fall at a weekend.
    for day in (datetime.date(year, 12, 25), datetime.date(year, 12, 26)):
        while day.weekday() in WEEKEND or day in holidays:
            day += datetime.timedelta(days=1)
        holidays.add(day)
    return frozenset(holidays)


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
