"""Once-a-morning sweeps run once a working day, catch up after downtime, and a failed one
runs again; sweeps run off the event loop, so /healthz answers while a slow tick runs."""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime

import aiohttp
from sqlmodel import Session, col, select

from bot.app import FLOWS
from bot.core import Core
from bot.registry import Registry, Verbs
from handlers.console.bot import ConsoleBot
from storage.models import OutboxMessage, SweepRun
from tests.conftest import STOCKHOLM
from tests.support.accounts_db import Admin, active_account
from tests.support.harness import Harness

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=STOCKHOLM)


def counting_registry(calls: list[datetime], fail_first: int = 0) -> Registry:
    verbs = Verbs()

    @verbs.sweep("test-morning", morning=True)
    def counted(core: Core, session: Session) -> None:
        calls.append(core.now())
        if len(calls) <= fail_first:
            raise RuntimeError("trasig morgon")

    return only_test_sweeps(verbs)


def only_test_sweeps(verbs: Verbs) -> Registry:
    """The bot's verbs (every declared action needs its handler) with only these sweeps."""
    full = Registry.build([verbs, *FLOWS])
    return full.without_sweeps(*(name for name in full.sweeps if not name.startswith("test-")))


def test_a_morning_sweep_runs_once_a_working_day_from_the_morning_on(database_url: str) -> None:
    calls: list[datetime] = []
    bot = ConsoleBot.start(database_url, now=MONDAY, registry=counting_registry(calls))
    try:
        early = bot.tick(MONDAY.replace(hour=8, minute=59))
        assert calls == [] and early.resting == ["test-morning"]
        for minute in (0, 1, 2):
            bot.tick(MONDAY.replace(minute=minute))
        bot.tick(MONDAY.replace(hour=16))
        assert calls == [MONDAY]
        bot.tick(datetime(2026, 12, 5, 10, 0, tzinfo=STOCKHOLM))  # a Saturday
        bot.tick(datetime(2026, 12, 1, 9, 30, tzinfo=STOCKHOLM))  # Tuesday
        bot.tick(datetime(2026, 12, 1, 9, 31, tzinfo=STOCKHOLM))
        assert calls == [MONDAY, datetime(2026, 12, 1, 9, 30, tzinfo=STOCKHOLM)]
    finally:
        bot.close()


def test_a_failed_morning_sweep_is_not_marked_and_runs_again(database_url: str) -> None:
    calls: list[datetime] = []
    bot = ConsoleBot.start(database_url, now=MONDAY, registry=counting_registry(calls, 2))
    try:
        assert bot.tick(MONDAY).failed == ["test-morning"]
        assert bot.tick(MONDAY.replace(minute=1)).failed == ["test-morning"]
        with bot.core.session() as session:
            assert session.exec(select(SweepRun)).all() == []
        assert bot.tick(MONDAY.replace(minute=2)).ran == ["test-morning"]
        bot.tick(MONDAY.replace(minute=3))
        assert len(calls) == 3
    finally:
        bot.close()


def test_the_morning_dms_catch_up_after_downtime_and_are_not_sent_twice(
    database_url: str,
) -> None:
    bot = ConsoleBot.start(database_url, now=MONDAY, registry=Registry.build(FLOWS))
    try:
        with bot.core.session() as session:
            active_account(session, "Konto", [Admin("UA", "Anna"), Admin("UB", "Bo")], MONDAY)
        bot.tick(datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM))  # Tuesday
        # Down from Tuesday 09:01 to Thursday 14:00: Wednesday's morning never ran.
        bot.restart()
        report = bot.tick(datetime(2026, 12, 3, 14, 0, tzinfo=STOCKHOLM))
        assert "activity-morning" in report.ran
        later = bot.tick(datetime(2026, 12, 3, 14, 1, tzinfo=STOCKHOLM))
        assert "activity-morning" in later.resting
        with bot.core.session() as session:
            keys = session.exec(
                select(OutboxMessage.key).where(col(OutboxMessage.key).startswith("daily:"))
            ).all()
            marks = session.exec(
                select(SweepRun.day).where(SweepRun.name == "activity-morning")
            ).all()
        days = sorted(key.rsplit(":", 1)[1] for key in keys)
        assert days == ["2026-12-01", "2026-12-01", "2026-12-03", "2026-12-03"]
        assert sorted(d.isoformat() for d in marks) == ["2026-12-01", "2026-12-03"]
    finally:
        bot.close()


async def test_healthz_answers_while_a_slow_tick_runs(database_url: str, fake_slack) -> None:
    """The sweep holds the tick until the test has had its answer: were the sweeps on the
    event loop, /healthz could not answer and the sweep would time out first."""
    started, answered = threading.Event(), threading.Event()
    verbs = Verbs()

    @verbs.sweep("test-slow")
    def slow(core: Core, session: Session) -> None:
        started.set()
        assert answered.wait(timeout=20), "/healthz did not answer during the sweep"

    from bot.clock import FixedClock

    harness = await Harness(
        database_url, fake_slack, FixedClock(MONDAY), registry=only_test_sweeps(verbs)
    ).start()
    try:
        running = asyncio.create_task(harness.tick())
        assert await asyncio.to_thread(started.wait, 20)
        async with (
            aiohttp.ClientSession() as session,
            session.get(harness.url + "/healthz") as response,
        ):
            assert response.status == 200
            assert (await response.json())["status"] == "ok"
        assert not running.done()  # the sweep is still waiting
        answered.set()
        report = await asyncio.wait_for(running, 30)
        assert report.ran == ["test-slow"] and report.failed == []
    finally:
        answered.set()
        await harness.stop()
