"""Working hours between two instants: office hours on working days only (bot/calendar.py)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.calendar import WorkingCalendar

# Staff read a reply time as "hours of the office day"; the day's end comes from the settings.
OFFICE_DAY_START = time(8, 0)


def working_hours(
    calendar: WorkingCalendar,
    start: datetime,
    end: datetime,
    day_end: time,
    day_start: time = OFFICE_DAY_START,
) -> float:
    """Hours of office time on working days in [start, end); 0 when end is not after start."""
    if end <= start:
        return 0.0
    total = timedelta()
    day = calendar.local_date(start)
    last = calendar.local_date(end)
    while day <= last:
        if calendar.is_working_day(day):
            opens = max(calendar.at_local(day, day_start), start)
            closes = min(calendar.at_local(day, day_end), end)
            if closes > opens:
                total += closes - opens
        day += timedelta(days=1)
    return total.total_seconds() / 3600
