"""The six-monthly documentation schedule: due dates and reminder days, as plain functions.

What each person receives on those days is tested through the console backend in
test_documentation_rules.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.calendar import WorkingCalendar
from bot.flows.documentation import schedule
from tests.conftest import STOCKHOLM

CALENDAR = WorkingCalendar(STOCKHOLM)


@pytest.mark.parametrize(
    ("due", "first", "last"),
    [
        # An ordinary Monday: 14 days before is a Monday; the day before is a Friday.
        (date(2027, 1, 4), date(2026, 12, 21), date(2026, 12, 30)),  # nyårsafton, nyårsdagen
        (date(2027, 3, 30), date(2027, 3, 16), date(2027, 3, 25)),  # långfredag, annandag påsk
        (date(2027, 2, 28), date(2027, 2, 12), date(2027, 2, 26)),  # due on a Sunday
        (date(2026, 6, 22), date(2026, 6, 8), date(2026, 6, 18)),  # midsommarafton Fri 06-19
        (date(2026, 12, 28), date(2026, 12, 14), date(2026, 12, 23)),  # julafton, juldagarna
    ],
)
def test_reminder_days_keep_to_working_days(due: date, first: date, last: date) -> None:
    found = schedule.reminder_days(CALENDAR, due, 14)
    assert (found.first, found.last) == (first, last)
    assert CALENDAR.is_working_day(found.first) and CALENDAR.is_working_day(found.last)


def test_six_months_on_keeps_the_day_or_takes_the_months_last() -> None:
    assert schedule.add_months(date(2026, 7, 4), 6) == date(2027, 1, 4)
    assert schedule.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert schedule.add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert schedule.add_months(date(2026, 12, 15), 6) == date(2027, 6, 15)
