"""The month a report covers, as local dates and as UTC-comparable instants."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.calendar import WorkingCalendar
from bot.texts.plural import MONTHS

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """`2026-11` → Month(2026, 11); ValueError for anything else."""
        found = _MONTH.match(text.strip())
        if found is None or not 1 <= int(found.group(2)) <= 12:
            raise ValueError(f"ogiltig månad: {text!r} (skriv ÅÅÅÅ-MM)")
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """Swedish: "november 2026"."""
        return f"{MONTHS[self.month - 1]} {self.year}"

    @property
    def short_label(self) -> str:
        return f"{MONTHS[self.month - 1][:3]} {self.year % 100:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def back(self, count: int) -> list[Month]:
        """This month and the `count - 1` before it, oldest first."""
        months = [self]
        while len(months) < count:
            months.append(months[-1].previous())
        return list(reversed(months))

    def start(self, tz: ZoneInfo) -> datetime:
        """The first instant of the month, local midnight."""
        return datetime.combine(self.first_day, time(0), tzinfo=tz)

    def end(self, tz: ZoneInfo) -> datetime:
        """The first instant after the month (exclusive)."""
        return self.next().start(tz)

    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=n) for n in range(self.last_day.day)]

    def working_days(self, calendar: WorkingCalendar) -> list[date]:
        return [day for day in self.days() if calendar.is_working_day(day)]
