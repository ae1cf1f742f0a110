"""How long an item has waited, against a target of one working day (Wales's bank holidays).

The holidays come from the `holidays` package, as in porth/standards/working_days.py; that
module belongs to the standards, which this lower app may not import, so the few lines are here.
"""

import datetime
from functools import cache

import holidays

TARGET_WORKING_DAYS = 1


@cache
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="WLS", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def due_at(since: datetime.datetime, days: int = TARGET_WORKING_DAYS) -> datetime.datetime:
    """The same time of day `days` working days later (an item in at a weekend counts from
    the start of the next working day)."""
    moment = since
    if not is_working_day(moment.date()):
        while not is_working_day(moment.date()):
            moment += datetime.timedelta(days=1)
        moment = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    for _step in range(days):
        moment += datetime.timedelta(days=1)
        while not is_working_day(moment.date()):
            moment += datetime.timedelta(days=1)
    return moment
