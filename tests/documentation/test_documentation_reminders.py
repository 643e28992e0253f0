"""The six-monthly documentation: reminders 14 days and 1 working day before, then escalation."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from bot.calendar import WorkingCalendar
from bot.flows.documentation import schedule
from bot.summary import lines_for
from storage.models import Account, Escalation
from tests.conftest import STOCKHOLM
from tests.support.docs_support import (
    active_account,
    bot_fixture,
    button,
    channel_posts,
    dms,
    everything,
    person,
)

bot = bot_fixture()


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


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


async def test_reminders_then_escalation_each_exactly_once(bot, fake_slack) -> None:
    owner = person(bot, "U1", "Anna Andersson")
    admin = person(bot, "U2", "Bertil Berg")
    manager = person(bot, "UCHEF", "Cecilia Chef")
    # Activated Saturday 2026-07-04: due Monday 2027-01-04, over new year.
    account_id = active_account(
        bot, owner=owner, admins=[admin], manager=manager, activated_at=at(date(2026, 7, 4), 11)
    )
    seen: dict[date, list[str]] = {}
    for day in days(date(2026, 12, 14), date(2027, 1, 8)):
        fake_slack.clear()
        await bot.tick(at(day, 8, 59))  # before the morning time: nothing yet
        assert dms(fake_slack, "U1") == [] and channel_posts(fake_slack) == []
        await bot.tick(at(day, 9, 0))
        await bot.tick(at(day, 15, 30))  # a later tick the same day sends nothing new
        titles = [m["blocks"][0]["text"]["text"] for m in dms(fake_slack, "U1")]
        assert titles == [m["blocks"][0]["text"]["text"] for m in dms(fake_slack, "U2")]
        assert dms(fake_slack, "UCHEF") == []
        titles += [f"kanal: {m['text']}" for m in channel_posts(fake_slack)]
        if titles:
            seen[day] = titles

    assert list(seen) == [date(2026, 12, 21), date(2026, 12, 30), date(2027, 1, 5)]
    assert seen[date(2026, 12, 21)] == ["Dags att dokumentera Forshaga bibliotek (Facebook)"]
    assert seen[date(2026, 12, 30)] == [
        "Påminnelse: dokumentera Forshaga bibliotek (Facebook) senast 2027-01-04"
    ]
    overdue = seen[date(2027, 1, 5)]
    assert overdue[0] == "Dokumentationen av Forshaga bibliotek (Facebook) är försenad"
    assert len(overdue) == 2 and overdue[1].startswith("kanal: Eskalering: Forshaga bibliotek")
    with bot.core.session() as session:
        keys = session.exec(
            select(Escalation.key).where(Escalation.kind == "documentation-overdue")
        ).all()
    assert keys == [f"documentation-overdue:{account_id}:2027-01-04"]


async def test_reminder_carries_the_upload_button(bot, fake_slack) -> None:
    owner = person(bot, "U1", "Anna Andersson")
    admin = person(bot, "U2", "Bertil Berg")
    account_id = active_account(
        bot, owner=owner, admins=[admin], manager=owner, activated_at=at(date(2026, 7, 4))
    )
    await bot.tick(at(date(2026, 12, 21)))
    reminder = dms(fake_slack, "U1")[0]
    upload = button(reminder, "Ladda upp skärmdumpar")
    assert upload["action_id"].startswith("documentation.upload|")
    assert upload["value"] == str(account_id)
    assert "2027-01-04" in everything(reminder)


async def test_after_downtime_only_the_latest_reminder_goes_out(bot, fake_slack) -> None:
    owner = person(bot, "U1", "Anna Andersson")
    admin = person(bot, "U2", "Bertil Berg")
    active_account(
        bot, owner=owner, admins=[admin], manager=owner, activated_at=at(date(2026, 7, 4))
    )
    await bot.tick(at(date(2026, 12, 18)))  # before the first reminder day
    assert dms(fake_slack, "U1") == []
    # Down from 18 December; back on nyårsafton (not a working day), then on the due day.
    await bot.tick(at(date(2026, 12, 31), 10))
    assert dms(fake_slack, "U1") == []
    await bot.restart()
    await bot.tick(at(date(2027, 1, 4), 11))
    titles = [m["blocks"][0]["text"]["text"] for m in dms(fake_slack, "U1")]
    assert titles == ["Påminnelse: dokumentera Forshaga bibliotek (Facebook) senast 2027-01-04"]
    assert channel_posts(fake_slack) == []


async def test_easter_holidays_move_the_last_reminder_to_thursday(bot, fake_slack) -> None:
    owner = person(bot, "U1", "Anna Andersson")
    admin = person(bot, "U2", "Bertil Berg")
    # Due Tuesday 2027-03-30, the day after annandag påsk.
    active_account(
        bot, owner=owner, admins=[admin], manager=owner, activated_at=at(date(2026, 9, 30))
    )
    sent: list[date] = []
    for day in days(date(2027, 3, 15), date(2027, 3, 30)):
        before = len(dms(fake_slack, "U1"))
        await bot.tick(at(day))
        if len(dms(fake_slack, "U1")) > before:
            sent.append(day)
    assert sent == [date(2027, 3, 16), date(2027, 3, 25)]


async def test_morning_summary_mentions_the_due_date(bot) -> None:
    owner = person(bot, "U1", "Anna Andersson")
    account_id = active_account(
        bot, owner=owner, admins=[], manager=owner, activated_at=at(date(2026, 7, 4))
    )
    with bot.core.session() as session:
        account = session.get(Account, account_id)
        assert lines_for(session, bot.core, account, at(date(2026, 12, 18))) == []
        assert lines_for(session, bot.core, account, at(date(2026, 12, 21))) == [
            "Dokumentation (skärmdumpar) senast 2027-01-04"
        ]
        assert lines_for(session, bot.core, account, at(date(2027, 1, 5))) == [
            "Dokumentation (skärmdumpar) försenad sedan 2027-01-04"
        ]
