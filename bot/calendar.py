"""Swedish working days and the deadlines derived from them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from holidays.constants import DE_FACTO, PUBLIC


@lru_cache(maxsize=8)
def _swedish_holidays(year_span: tuple[int, int]) -> holidays.HolidayBase:
    # PUBLIC + DE_FACTO gives helgdagar plus midsommar-, jul- and nyårsafton
    # (lag 1930:173 2 §). Never BANK, never match on names: names vary by version.
    return holidays.SE(years=range(year_span[0], year_span[1] + 1), categories=(PUBLIC, DE_FACTO))


class WorkingCalendar:
    def __init__(
        self,
        tz: ZoneInfo,
        office_day_end: time = time(17, 0),
        closure_days: Iterable[date] = (),
        reply_working_days: int = 1,
    ) -> None:
        if reply_working_days < 1:
            raise ValueError("reply_working_days must be at least 1")
        self.tz = tz
        self.reply_working_days = reply_working_days
        self.office_day_end = office_day_end
        self.closure_days = frozenset(closure_days)
        # Per-day answers, kept: a morning asks about the same few dozen days for every
        # one of thousands of accounts, and the holiday lookup takes ~0.2 ms a question.
        self._working: dict[date, bool] = {}

    def is_holiday(self, day: date) -> bool:
        span = (day.year - day.year % 50, day.year - day.year % 50 + 49)
        # holidays.SE lists Sundays as helgdagar too; weekends are handled separately
        # so that a Sunday is "not a working day" whatever the library says.
        return day in _swedish_holidays(span)

    def is_working_day(self, day: date) -> bool:
        known = self._working.get(day)
        if known is None:
            known = day.weekday() < 5 and not self.is_holiday(day) and day not in self.closure_days
            self._working[day] = known
        return known

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        candidate = day + timedelta(days=1)
        while not self.is_working_day(candidate):
            candidate += timedelta(days=1)
        return candidate

    def previous_working_day(self, day: date) -> date:
        candidate = day - timedelta(days=1)
        while not self.is_working_day(candidate):
            candidate -= timedelta(days=1)
        return candidate

    def add_working_days(self, day: date, count: int) -> date:
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]."""
        days, cursor = 0, start
        while cursor < end:
            cursor += timedelta(days=1)
            if self.is_working_day(cursor):
                days += 1
        return days

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def at_local(self, day: date, clock_time: time) -> datetime:
        return datetime.combine(day, clock_time, tzinfo=self.tz)

    def working_day_due(self, now: datetime, at: time) -> date | None:
        """Today's local date if today is a working day and the local time is past `at`.

        Morning sweeps use it: "once per working day, from `at` on" (so a late tick catches up).
        """
        local = now.astimezone(self.tz)
        if self.is_working_day(local.date()) and local.time() >= at:
            return local.date()
        return None

    def reply_due_day(self, received: datetime) -> date:
        """The N-th working day after the day of arrival (N from the guideline)."""
        return self.add_working_days(self.local_date(received), self.reply_working_days)

    def reply_deadline(self, received: datetime) -> datetime:
        """End of the office day on the reply's due day."""
        return self.at_local(self.reply_due_day(received), self.office_day_end)
