"""Documentation reminders through the console backend: 14 days and 1 working day before the
six-monthly due date, then one escalation when overdue; exactly what each person receives."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import select

from bot.app import build_registry
from bot.flows import activity
from bot.summary import lines_for
from handlers.console.bot import ConsoleBot
from handlers.console.inbox import CHANNEL
from storage.models import Account, Escalation
from tests.conftest import STOCKHOLM
from tests.support.console_accounts import active_account
from tests.support.console_backend import console_fixture

# These tests count every message; daily activity has its own tests.
console = console_fixture(lambda: build_registry().without_sweeps(*activity.SWEEP_NAMES))


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def new_titles(bot: ConsoleBot) -> dict[str, list[str]]:
    """The titles of what arrived since the last look, by inbox."""
    found: dict[str, list[str]] = {}
    for delivered in bot.drain():
        found.setdefault(delivered.board, []).append(delivered.message.title or "")
    return found


def test_reminders_then_escalation_each_exactly_once(console: ConsoleBot) -> None:
    # Activated Saturday 2026-07-04: due Monday 2027-01-04, over new year.
    account_id = active_account(
        console,
        "Forshaga bibliotek",
        ["@anna", "@bertil"],
        at(date(2026, 7, 4), 11),
        manager="@cecilia",
    )
    seen: dict[date, dict[str, list[str]]] = {}
    for day in days(date(2026, 12, 14), date(2027, 1, 8)):
        console.tick(at(day, 8, 59))  # before the morning time: nothing yet
        assert new_titles(console) == {}
        console.tick(at(day, 9, 0))
        console.tick(at(day, 15, 30))  # a later tick the same day sends nothing new
        got = new_titles(console)
        if got:
            seen[day] = got

    reminded = [date(2026, 12, 21), date(2026, 12, 30), date(2027, 1, 5)]
    # Then the communicators' digest lists it each working morning (trettondedag is none).
    digested = [date(2027, 1, 7), date(2027, 1, 8)]
    assert list(seen) == reminded + digested
    for day in digested:
        assert seen[day] == {CHANNEL: [f"Olösta eskaleringar – {day.isoformat()}"]}
    first = ["Dags att dokumentera Forshaga bibliotek (Facebook)"]
    assert seen[date(2026, 12, 21)] == {"anna": first, "bertil": first}
    last = ["Påminnelse: dokumentera Forshaga bibliotek (Facebook) senast 2027-01-04"]
    assert seen[date(2026, 12, 30)] == {"anna": last, "bertil": last}
    overdue = seen[date(2027, 1, 5)]
    late = ["Dokumentationen av Forshaga bibliotek (Facebook) är försenad"]
    assert overdue["anna"] == late and overdue["bertil"] == late
    escalation, digest = overdue[CHANNEL]
    assert digest == "Olösta eskaleringar – 2027-01-05"
    assert escalation.startswith("Eskalering: Forshaga bibliotek")
    assert set(overdue) == {"anna", "bertil", CHANNEL}  # the manager and @kim get no DM
    with console.core.session() as session:
        keys = session.exec(
            select(Escalation.key).where(Escalation.kind == "documentation-overdue")
        ).all()
    assert keys == [f"documentation-overdue:{account_id}:2027-01-04"]


def test_reminder_carries_the_upload_button(console: ConsoleBot) -> None:
    account_id = active_account(
        console, "Forshaga bibliotek", ["@anna", "@bertil"], at(date(2026, 7, 4))
    )
    console.tick(at(date(2026, 12, 21)))
    [reminder] = console.inbox("@anna")
    upload = console.find_button("@anna", "Ladda upp skärmdumpar")
    assert upload in reminder.buttons
    assert upload.action == "documentation.upload" and upload.value == str(account_id)
    assert "2027-01-04" in console.show(reminder)


def test_after_downtime_only_the_latest_reminder_goes_out(console: ConsoleBot) -> None:
    active_account(console, "Forshaga bibliotek", ["@anna", "@bertil"], at(date(2026, 7, 4)))
    console.tick(at(date(2026, 12, 18)))  # before the first reminder day
    assert console.inbox("@anna") == []
    # Down from 18 December; back on nyårsafton (not a working day), then on the due day.
    console.tick(at(date(2026, 12, 31), 10))
    assert console.inbox("@anna") == []
    console.restart()
    console.tick(at(date(2027, 1, 4), 11))
    assert [m.title for m in console.inbox("@anna")] == [
        "Påminnelse: dokumentera Forshaga bibliotek (Facebook) senast 2027-01-04"
    ]
    assert console.channel() == []


def test_easter_holidays_move_the_last_reminder_to_thursday(console: ConsoleBot) -> None:
    # Due Tuesday 2027-03-30, the day after annandag påsk.
    active_account(console, "Forshaga bibliotek", ["@anna", "@bertil"], at(date(2026, 9, 30)))
    sent: list[date] = []
    for day in days(date(2027, 3, 15), date(2027, 3, 30)):
        before = len(console.inbox("@anna"))
        console.tick(at(day))
        if len(console.inbox("@anna")) > before:
            sent.append(day)
    assert sent == [date(2027, 3, 16), date(2027, 3, 25)]


def test_morning_summary_mentions_the_due_date(console: ConsoleBot) -> None:
    account_id = active_account(console, "Forshaga bibliotek", ["@anna"], at(date(2026, 7, 4)))
    with console.core.session() as session:
        account = session.get(Account, account_id)
        assert account is not None
        assert lines_for(session, console.core, account, at(date(2026, 12, 18))) == []
        assert lines_for(session, console.core, account, at(date(2026, 12, 21))) == [
            "Dokumentation (skärmdumpar) senast 2027-01-04"
        ]
        assert lines_for(session, console.core, account, at(date(2027, 1, 5))) == [
            "Dokumentation (skärmdumpar) försenad sedan 2027-01-04"
        ]
