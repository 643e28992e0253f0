"""The Swedish working-day calendar against the law, worked cases and properties.

The oracle below is written from lag 1989:253 om allmänna helgdagar and lag 1930:173
(midsommar-, jul- and nyårsafton), with its own Easter computation; it never asks the
`holidays` package, so a mistake there (or in how we call it) shows up here.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calendar import WorkingCalendar
from bot.config import Settings
from tests.support.calendar_oracle import easter_sunday, oracle_is_working_day, swedish_days_off

STOCKHOLM = ZoneInfo("Europe/Stockholm")
CALENDAR = WorkingCalendar(STOCKHOLM)


# Pingstdagen is a Sunday: covered by the weekend rule.


def test_the_oracle_knows_the_2005_change() -> None:
    assert date(2004, 5, 31) in swedish_days_off(2004)  # annandag pingst, Monday
    assert date(2004, 6, 7) not in swedish_days_off(2004)
    assert date(2005, 6, 6) in swedish_days_off(2005)  # nationaldagen, Monday
    assert date(2005, 5, 16) not in swedish_days_off(2005)  # no longer annandag pingst


def test_the_easter_oracle_knows_some_easters() -> None:
    # Known dates, so the oracle itself is checked against something outside this file.
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2025) == date(2025, 4, 20)
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)
    assert easter_sunday(2038) == date(2038, 4, 25)  # the latest possible
    assert easter_sunday(2285) == date(2285, 3, 22)  # the earliest possible


# Written out by hand for 2026 and 2027 (weekday holidays and aftnar only).
HAND_LIST = {
    2026: [
        "2026-01-01",  # nyårsdagen (tor)
        "2026-01-06",  # trettondedag jul (tis)
        "2026-04-03",  # långfredagen
        "2026-04-06",  # annandag påsk
        "2026-05-01",  # första maj (fre)
        "2026-05-14",  # Kristi himmelsfärdsdag (tor)
        "2026-06-19",  # midsommarafton (fre)
        "2026-12-24",  # julafton (tor)
        "2026-12-25",  # juldagen (fre)
        "2026-12-31",  # nyårsafton (tor)
    ],
    2027: [
        "2027-01-01",  # nyårsdagen (fre)
        "2027-01-06",  # trettondedag jul (ons)
        "2027-03-26",  # långfredagen
        "2027-03-29",  # annandag påsk
        "2027-05-06",  # Kristi himmelsfärdsdag (tor)
        "2027-06-25",  # midsommarafton (fre)
        "2027-12-24",  # julafton (fre)
        "2027-12-31",  # nyårsafton (fre)
    ],
}


@pytest.mark.parametrize("year", [2026, 2027])
def test_a_whole_year_of_days_matches_the_hand_written_list(year: int) -> None:
    weekday_days_off = {date.fromisoformat(day) for day in HAND_LIST[year]}
    day = date(year, 1, 1)
    mismatches = []
    while day.year == year:
        expected = day.weekday() < 5 and day not in weekday_days_off
        assert oracle_is_working_day(day) == expected, f"the oracle is wrong on {day}"
        if CALENDAR.is_working_day(day) != expected:
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []
    # 2026: 261 weekdays − 10 days off; 2027: 261 weekdays − 8 days off.
    working = sum(
        CALENDAR.is_working_day(date(year, 1, 1) + timedelta(days=n))
        for n in range((date(year + 1, 1, 1) - date(year, 1, 1)).days)
    )
    assert working == {2026: 251, 2027: 253}[year]


def test_the_calendar_agrees_with_the_oracle_1990_to_2100() -> None:
    day, end = date(1990, 1, 1), date(2100, 12, 31)
    mismatches = []
    while day <= end:
        if CALENDAR.is_working_day(day) != oracle_is_working_day(day):
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-06-18", "2026-06-22"),  # Thu before midsommarafton → Mon
        ("2026-04-02", "2026-04-07"),  # skärtorsdagen → Tue after annandag påsk
        ("2026-05-13", "2026-05-15"),  # Wed before Kristi himmelsfärd → Fri
        ("2026-10-30", "2026-11-02"),  # Fri (alla helgons dag is Sat 10-31) → Mon
        ("2026-12-30", "2027-01-04"),  # Wed before nyårsafton and nyårsdagen → Mon
        ("2025-12-23", "2025-12-29"),  # Tue before julafton, juldagen, annandag → Mon
    ],
)
def test_worked_cases_from_the_design(received: str, due: str) -> None:
    for clock_time in (time(0, 0), time(9, 30), time(16, 59), time(17, 0), time(23, 59)):
        arrival = datetime.combine(date.fromisoformat(received), clock_time, tzinfo=STOCKHOLM)
        deadline = CALENDAR.reply_deadline(arrival)
        assert deadline == datetime.combine(date.fromisoformat(due), time(17), tzinfo=STOCKHOLM)


def test_arrival_is_taken_in_stockholm_time_not_utc() -> None:
    # 23:30 UTC on Thu 2026-06-18 is already Fri (midsommarafton) 01:30 in Stockholm.
    arrival = datetime(2026, 6, 18, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert CALENDAR.reply_due_day(arrival) == date(2026, 6, 22)
    # 22:30 UTC on Sun 2026-03-29 (after the switch to summer time) is Mon 00:30 local.
    assert CALENDAR.reply_due_day(datetime(2026, 3, 29, 22, 30, tzinfo=ZoneInfo("UTC"))) == date(
        2026, 3, 31
    )


instants = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 30), timezones=st.just(STOCKHOLM)
)


@settings(max_examples=2000, deadline=None)
@given(instants)
def test_deadline_is_a_working_day_after_arrival_and_at_most_one_working_day_away(
    arrival: datetime,
) -> None:
    deadline = CALENDAR.reply_deadline(arrival)
    due_day = deadline.date()
    arrival_day = arrival.astimezone(STOCKHOLM).date()
    assert oracle_is_working_day(due_day)
    assert deadline > arrival
    assert due_day > arrival_day
    assert deadline.timetz().replace(tzinfo=None) == time(17, 0)
    between = [arrival_day + timedelta(days=n) for n in range(1, (due_day - arrival_day).days)]
    assert not any(oracle_is_working_day(day) for day in between)
    assert (due_day - arrival_day).days <= 6  # the longest run: jul to nyår over a weekend


@settings(max_examples=500, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 1)), st.integers(0, 5))
def test_next_previous_and_counting_agree(day: date, count: int) -> None:
    later = CALENDAR.add_working_days(day, count)
    assert CALENDAR.working_days_between(day, later) == count
    if count:
        assert CALENDAR.previous_working_day(CALENDAR.next_working_day(later)) == later
        assert oracle_is_working_day(later)


def test_morning_sweeps_are_due_from_the_set_time_on_working_days_only() -> None:
    at = time(9, 0)
    tuesday = datetime(2026, 12, 1, 8, 59, tzinfo=STOCKHOLM)
    assert CALENDAR.working_day_due(tuesday, at) is None
    assert CALENDAR.working_day_due(tuesday.replace(minute=0, hour=9), at) == date(2026, 12, 1)
    assert CALENDAR.working_day_due(tuesday.replace(hour=23), at) == date(2026, 12, 1)
    assert CALENDAR.working_day_due(datetime(2026, 12, 5, 10, tzinfo=STOCKHOLM), at) is None
    assert CALENDAR.working_day_due(datetime(2026, 12, 24, 10, tzinfo=STOCKHOLM), at) is None
    # Summer time: 09:00 in Stockholm is 07:00 UTC on Monday 2026-03-30 (08:00 UTC in winter).
    utc = ZoneInfo("UTC")
    assert CALENDAR.working_day_due(datetime(2026, 3, 30, 6, 59, tzinfo=utc), at) is None
    assert CALENDAR.working_day_due(datetime(2026, 3, 30, 7, 0, tzinfo=utc), at) == date(
        2026, 3, 30
    )
    assert CALENDAR.working_day_due(datetime(2026, 3, 27, 7, 59, tzinfo=utc), at) is None
    assert CALENDAR.working_day_due(datetime(2026, 3, 27, 8, 0, tzinfo=utc), at) == date(
        2026, 3, 27
    )


def test_local_closure_days_from_the_setting() -> None:
    settings = Settings(_env_file=None, local_closure_days="2026-05-15, 2026-12-28")  # type: ignore[call-arg]
    calendar = WorkingCalendar(settings.tz, settings.office_day_end, settings.local_closure_days)
    # klämdag after Kristi himmelsfärd closed: Wed 05-13 → Mon 05-18 instead of Fri 05-15.
    wednesday = datetime(2026, 5, 13, 12, tzinfo=STOCKHOLM)
    assert calendar.reply_due_day(wednesday) == date(2026, 5, 18)
    assert CALENDAR.reply_due_day(wednesday) == date(2026, 5, 15)
    assert not calendar.is_working_day(date(2026, 12, 28))
    assert calendar.reply_due_day(datetime(2026, 12, 23, 12, tzinfo=STOCKHOLM)) == date(
        2026, 12, 29
    )
    # The office day's end is configurable too.
    late = WorkingCalendar(STOCKHOLM, time(16, 30))
    assert late.reply_deadline(wednesday) == datetime(2026, 5, 15, 16, 30, tzinfo=STOCKHOLM)


def test_the_settings_refuse_a_closure_day_that_is_not_a_date() -> None:
    with pytest.raises(ValueError):
        Settings(_env_file=None, local_closure_days="2026-13-45")  # type: ignore[call-arg]


def test_local_closure_days_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("LOCAL_CLOSURE_DAYS", "2026-05-15,2026-12-28")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.local_closure_days == [date(2026, 5, 15), date(2026, 12, 28)]
    from bot.app import create_core

    core = create_core(settings)
    assert not core.calendar.is_working_day(date(2026, 5, 15))
    assert core.calendar.is_working_day(date(2026, 5, 18))
    core.engine.dispose()
