"""Working hours between two instants: office hours on working days only (bot/calendar.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.calendar import WorkingCalendar

# Staff read a reply time as "hours of the office day"; the day's end comes from the settings.
OFFICE_DAY_START = time(8, 0)


class OfficeDays:
    """Each day's office hours, worked out once: a month's report asks about the same few
    dozen days for tens of thousands of replies (holiday look-ups and time zones are slow)."""

    def __init__(
        self, calendar: WorkingCalendar, day_end: time, day_start: time = OFFICE_DAY_START
    ) -> None:
        self.calendar = calendar
        self.day_start = day_start
        self.day_end = day_end
        self._days: dict[date, tuple[datetime, datetime] | None] = {}

    def hours(self, start: datetime, end: datetime) -> float:
        """Hours of office time on working days in [start, end); 0 when end is not after start."""
        if end <= start:
            return 0.0
        total = timedelta()
        day = self.calendar.local_date(start)
        last = self.calendar.local_date(end)
        while day <= last:
            office = self._office(day)
            if office is not None:
                opens, closes = max(office[0], start), min(office[1], end)
                if closes > opens:
                    total += closes - opens
            day += timedelta(days=1)
        return total.total_seconds() / 3600

    def _office(self, day: date) -> tuple[datetime, datetime] | None:
        if day not in self._days:
            calendar = self.calendar
            self._days[day] = (
                (calendar.at_local(day, self.day_start), calendar.at_local(day, self.day_end))
                if calendar.is_working_day(day)
                else None
            )
        return self._days[day]


def working_hours(
    calendar: WorkingCalendar,
    start: datetime,
    end: datetime,
    day_end: time,
    day_start: time = OFFICE_DAY_START,
) -> float:
    """Hours of office time on working days in [start, end); 0 when end is not after start."""
    return OfficeDays(calendar, day_end, day_start).hours(start, end)
