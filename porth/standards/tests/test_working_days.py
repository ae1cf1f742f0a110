import datetime

import pytest

from porth.standards.working_days import add_working_days, bank_holidays, working_days_between


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2025, ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"]),
        (2026, ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"]),
        (2027, ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"]),
    ],
)
def test_the_bank_holidays_of_england_and_wales(year, expected):
    assert sorted(day.strftime("%m-%d") for day in bank_holidays(year)) == expected


def test_ten_working_days_skip_weekends_and_bank_holidays():
    # Friday 18 December 2026: Christmas (Fri 25) and Boxing Day (moved to Mon 28) are off.
    assert add_working_days(datetime.date(2026, 12, 18), 10) == datetime.date(2027, 1, 6)


def test_working_days_are_counted_between_two_dates():
    assert working_days_between(datetime.date(2026, 11, 20), datetime.date(2026, 11, 27)) == 5
    assert working_days_between(datetime.date(2026, 11, 27), datetime.date(2026, 11, 20)) == 0
