"""Crashes and a slow Slack, as real processes: is every message sent exactly once?

A morning of DMs (the real morning sweep over `--accounts` accounts × 2 admins) is sent
by real `smbot tick` or `smbot serve` processes against a fake Slack on loopback that
records every request. The processes are killed with SIGKILL again and again, each time
just after Slack took a message and before its answer came back (the worst moment), then
started again. Afterwards every intended message (every outbox key) is counted in what
the fake Slack received: the goal is exactly once, none lost, none twice.

- `tick`: `smbot tick` killed `--kills` times, then ticks until the outbox is empty.
- `serve`: `smbot serve` killed `--kills` times, then runs until the outbox is empty.
  Both on the real clock; after each kill the leases of the rows the dead process held
  are moved back 5 minutes (what waiting for them would do), so the bench need not wait.
- `slow`: Slack answers every 5th message after 28 s (inside slack_sdk's 30 s timeout)
  while a new `smbot tick` starts every 5 s, several running at once.

`python -m bench.bench_crash` (SQLite, and PostgreSQL with BENCH_DATABASE_URL);
`bench/run.py crash`.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import update
from sqlmodel import col, select

from bot.app import create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.flows.activity.morning import morning_messages
from bot.outbox.dispatcher import CLAIM_LEASE
from storage.migrate import upgrade
from storage.models import OutboxMessage, OutboxStatus
from tests.conftest import STOCKHOLM
from tests.fakes.slack_api import FakeSlackApi
from tests.support.accounts_db import Admin, active_account
from tests.support.harness import start_site
from tests.support.processes import ROOT, environment, free_port

ACTIVATED = datetime(2026, 11, 30, 10, tzinfo=STOCKHOLM)
MORNING = datetime(2026, 12, 4, 9, 0, tzinfo=STOCKHOLM)  # a Friday
POST = "chat.postMessage"


@dataclass
class Outcome:
    scenario: str
    database: str
    kills: int
    messages: int
    lost: int
    duplicated: int
    seconds: float = 0.0

    def row(self) -> dict[str, str]:
        return {
            "scenario": self.scenario,
            "database": self.database,
            "kills": str(self.kills),
            "messages": str(self.messages),
            "lost": str(self.lost),
            "duplicated": str(self.duplicated),
            "seconds": f"{self.seconds:.0f}",
        }


def seed(database_url: str, accounts: int, fake: FakeSlackApi) -> None:
    upgrade(database_url)
    core = create_core(Settings(_env_file=None, database_url=database_url))  # type: ignore[call-arg]
    with core.session() as session:
        for n in range(accounts):
            admins = [Admin(f"U{n:04d}{k}", f"Admin {n}-{k}") for k in range(2)]
            for admin in admins:
                fake.add_user(admin.slack_id, admin.name)
            active_account(session, f"Konto {n:04d}", admins, ACTIVATED)
    core.engine.dispose()


def enqueue_morning(database_url: str) -> None:
    """The morning's DMs (the real sweep, on a Friday), due now on the real clock."""
    core = create_core(
        Settings(_env_file=None, database_url=database_url),  # type: ignore[call-arg]
        FixedClock(MORNING),
    )
    with core.session() as session:
        morning_messages(core, session)
    with core.session() as session:
        session.execute(update(OutboxMessage).values(next_attempt_at=datetime.now(STOCKHOLM)))
    core.engine.dispose()


def env(database_url: str, fake: FakeSlackApi, **extra: str) -> dict[str, str]:
    return environment(
        DATABASE_URL=database_url,
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET="bench-secret",
        SLACK_API_URL=fake.url + "/api/",
        SLACK_COMMUNICATORS_CHANNEL="CKOMM",
        LOG_LEVEL="WARNING",
        **extra,
    )


async def start(args: list[str], environ: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=environ,
        cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


# A kill comes after this many messages (at random) went out in the process's run.
KILL_AFTER = (3, 25)
IDLE_SECONDS = 5.0


async def kill_mid_send(
    process: asyncio.subprocess.Process,
    fake: FakeSlackApi,
    rng: random.Random,
    after: tuple[int, int] = KILL_AFTER,
) -> bool:
    """SIGKILL right after Slack took a message and before its answer (False: it finished)."""
    seen = len(fake.calls_to(POST))
    wanted = seen + rng.randint(*after)
    loop = asyncio.get_running_loop()
    last, progress = seen, loop.time()
    while process.returncode is None:
        now_posted = len(fake.calls_to(POST))
        if now_posted >= wanted:
            os.kill(process.pid, signal.SIGKILL)
            await process.wait()
            return True
        if now_posted != last:
            last, progress = now_posted, loop.time()
        # `serve` never exits by itself: nothing more to send after a quiet spell (or none
        # at all for two minutes, which covers a slow start on a busy machine).
        quiet = loop.time() - progress
        if (now_posted > seen and quiet > IDLE_SECONDS) or quiet > 120:
            return False
        await asyncio.sleep(0.002)
    return False


def counts(database_url: str, fake: FakeSlackApi) -> tuple[int, int, int, int]:
    """(intended, lost, duplicated, left unsent) by outbox key."""
    arrived: Counter[str] = Counter()
    for posted in fake.posted.values():
        for message in posted:
            key = ((message.get("metadata") or {}).get("event_payload") or {}).get("key")
            if key:
                arrived[key] += 1
    core = create_core(Settings(_env_file=None, database_url=database_url))  # type: ignore[call-arg]
    with core.session() as session:
        rows = session.exec(
            select(OutboxMessage).where(col(OutboxMessage.replaces_key).is_(None))
        ).all()
        intended = {row.message_key for row in rows}
        unsent = sum(1 for row in rows if row.status in (OutboxStatus.PENDING, "sending"))
    core.engine.dispose()
    lost = sum(1 for key in intended if arrived[key] == 0)
    duplicated = sum(1 for key in intended if arrived[key] > 1)
    return len(intended), lost, duplicated, unsent


def lapse_leases(database_url: str) -> None:
    """What waiting out the lease would do: rows a dead process held become claimable."""
    core: Core = create_core(Settings(_env_file=None, database_url=database_url))  # type: ignore[call-arg]
    with core.session() as session:
        session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.status) == OutboxStatus.SENDING)
            .values(claimed_at=datetime.now(STOCKHOLM) - CLAIM_LEASE - timedelta(seconds=1))
        )
    core.engine.dispose()


async def fake_slack(**options) -> tuple[FakeSlackApi, object]:  # type: ignore[no-untyped-def]
    fake = FakeSlackApi(**options)
    runner, url = await start_site(fake.app())
    fake.url = url
    return fake, runner


def _held(method: str, _args: dict) -> float:  # type: ignore[type-arg]
    # Slack acts at once and answers a moment later: the window a kill lands in.
    return 0.03 if method == POST else 0.0


async def crash_tick(
    kind: str, database_url: str, accounts: int, kills: int, after: tuple[int, int] = KILL_AFTER
) -> Outcome:
    fake, runner = await fake_slack(latency=0.005, hold_answer=_held)
    rng = random.Random(13)
    started = asyncio.get_running_loop().time()
    try:
        seed(database_url, accounts, fake)
        enqueue_morning(database_url)
        environ = env(database_url, fake)
        done = 0
        for _ in range(100):
            process = await start(["tick"], environ)
            if done < kills and await kill_mid_send(process, fake, rng, after):
                done += 1
                lapse_leases(database_url)
            else:
                await process.wait()
            if counts(database_url, fake)[3] == 0:
                break
        intended, lost, duplicated, _ = counts(database_url, fake)
    finally:
        await runner.cleanup()  # type: ignore[attr-defined]
    seconds = asyncio.get_running_loop().time() - started
    return Outcome("kill -9 of smbot tick", kind, done, intended, lost, duplicated, seconds)


async def crash_serve(
    kind: str, database_url: str, accounts: int, kills: int, after: tuple[int, int] = KILL_AFTER
) -> Outcome:
    fake, runner = await fake_slack(latency=0.005, hold_answer=_held)
    rng = random.Random(14)
    started = asyncio.get_running_loop().time()
    try:
        seed(database_url, accounts, fake)
        enqueue_morning(database_url)
        loop = asyncio.get_running_loop()
        done = 0
        for _ in range(100):
            environ = env(database_url, fake, HOST="127.0.0.1", PORT=str(free_port()))
            process = await start(["serve"], environ)
            if done < kills and await kill_mid_send(process, fake, rng, after):
                done += 1
                lapse_leases(database_url)
                continue
            # Until everything is out, then a clean stop (a stop mid-batch leaves its rows
            # to the lease, like a crash: the next run takes them up after it).
            progress, seen = loop.time(), len(fake.calls)
            while counts(database_url, fake)[3]:
                if len(fake.calls) != seen:
                    progress, seen = loop.time(), len(fake.calls)
                elif loop.time() - progress > CLAIM_LEASE.total_seconds() + 100:
                    break
                await asyncio.sleep(0.2)
            if process.returncode is None:
                process.terminate()
            await process.wait()
            if counts(database_url, fake)[3] == 0:
                break
        intended, lost, duplicated, _ = counts(database_url, fake)
    finally:
        await runner.cleanup()  # type: ignore[attr-defined]
    seconds = asyncio.get_running_loop().time() - started
    return Outcome("kill -9 of smbot serve", kind, done, intended, lost, duplicated, seconds)


async def slow_slack(kind: str, database_url: str, accounts: int, answer_after: float) -> Outcome:
    posts = Counter[str]()

    def slow(method: str, args: dict) -> float:  # type: ignore[type-arg]
        if method != POST:
            return 0.0
        channel = str(args.get("channel"))
        posts[channel] += 1
        # Every 5th recipient's message is answered late (after Slack posted it).
        return answer_after if hash(channel) % 5 == 0 and posts[channel] == 1 else 0.0

    fake, runner = await fake_slack(hold_answer=slow)
    started = asyncio.get_running_loop().time()
    try:
        seed(database_url, accounts, fake)
        enqueue_morning(database_url)
        environ = env(database_url, fake)
        running: list[asyncio.subprocess.Process] = []
        for _ in range(int(answer_after * 2 / 5) + 2):  # cron every 5 s, over two slow answers
            running.append(await start(["tick"], environ))
            await asyncio.sleep(5)
        for process in running:
            await process.wait()
        # Sends that timed out wait for their retry (looked up first): tick until done.
        for _ in range(60):
            if counts(database_url, fake)[3] == 0:
                break
            await asyncio.sleep(5)
            await (await start(["tick"], environ)).wait()
        intended, lost, duplicated, _ = counts(database_url, fake)
    finally:
        await runner.cleanup()  # type: ignore[attr-defined]
    seconds = asyncio.get_running_loop().time() - started
    scenario = f"Slack answers after {answer_after:.0f} s, a tick every 5 s"
    return Outcome(scenario, kind, 0, intended, lost, duplicated, seconds)


SCENARIOS = ("tick", "serve", "slow")


async def run(
    kind: str,
    database_url: str,
    accounts: int = 100,
    kills: int = 5,
    slow: float = 28.0,
    scenarios: tuple[str, ...] = SCENARIOS,
) -> list[dict[str, str]]:
    from bench.common import fresh_postgres

    outcomes = []
    for n, name in enumerate(scenarios):
        if n:
            database_url = _fresh(kind, database_url, fresh_postgres)
        if name == "tick":
            outcomes.append(await crash_tick(kind, database_url, accounts, kills))
        elif name == "serve":
            outcomes.append(await crash_serve(kind, database_url, accounts, kills))
        else:
            outcomes.append(await slow_slack(kind, database_url, accounts // 2, slow))
    return [outcome.row() for outcome in outcomes]


def _fresh(kind: str, database_url: str, fresh_postgres) -> str:  # type: ignore[no-untyped-def]
    if kind == "postgresql":
        base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL") or ""
        return fresh_postgres(base)
    folder = Path(database_url.removeprefix("sqlite:///")).parent
    return f"sqlite:///{folder / f'bench-{random.randrange(10**9)}.db'}"


def main() -> None:
    import argparse
    import logging

    from bench.common import databases, machine
    from bench.run import table

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=100, help="× 2 admins = DMs")
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--slow", type=float, default=28.0, help="seconds Slack takes")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"Machine: {machine()}\n")
    rows: list[dict[str, str]] = []
    for kind, url in databases():
        if args.only and kind != args.only:
            continue
        rows.extend(
            asyncio.run(run(kind, url, args.accounts, args.kills, args.slow, tuple(args.scenarios)))
        )
    print(table(rows))


if __name__ == "__main__":
    main()
