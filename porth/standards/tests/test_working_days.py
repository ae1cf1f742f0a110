import datetime

import pytest

from porth.standards.working_days import (
    add_working_days,
    bank_holidays,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2025, ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"]),
        (2026, ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"]),
        (2027, ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"]),
    ],
)
def test_the_bank_holidays_of_england_and_wales(year, expected):
    # The weekdays off: a holiday falling at a weekend is listed with its substitute Monday.
    weekdays = sorted(day.strftime("%m-%d") for day in bank_holidays(year) if day.weekday() < 5)
    assert weekdays == expected


def test_one_off_bank_holidays_are_not_working_days():
    coronation = datetime.date(2023, 5, 8)  # Monday, the coronation of King Charles III
    platinum_jubilee = datetime.date(2022, 6, 3)  # Friday

    assert coronation in bank_holidays(2023)
    assert not is_working_day(coronation)
    assert not is_working_day(platinum_jubilee)
    # Friday 5 May 2023 + 1 working day skips the weekend and the coronation.
    assert add_working_days(datetime.date(2023, 5, 5), 1) == datetime.date(2023, 5, 9)


def test_ten_working_days_skip_weekends_and_bank_holidays():
    # Friday 18 December 2026: Christmas (Fri 25) and Boxing Day (moved to Mon 28) are off.
    assert add_working_days(datetime.date(2026, 12, 18), 10) == datetime.date(2027, 1, 6)


def test_working_days_are_counted_between_two_dates():
    assert working_days_between(datetime.date(2026, 11, 20), datetime.date(2026, 11, 27)) == 5
    assert working_days_between(datetime.date(2026, 11, 27), datetime.date(2026, 11, 20)) == 0
