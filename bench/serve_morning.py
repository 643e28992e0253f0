"""A real `smbot serve` on a database of many accounts whose first tick runs the morning.

Shared by bench_serve_memory and bench_serve_healthz: the accounts built in bulk, activated
two weeks ago; `python -m bot serve` against a fake Slack on loopback; and how far the
morning has got (its DMs and escalations in the outbox).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bench.build import build_accounts
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import Escalation, OutboxMessage
from tests.fakes.slack_api import FakeSlackApi
from tests.support.harness import start_site
from tests.support.processes import environment, free_port, start_serve


@dataclass
class ServeRun:
    engine: Engine
    fake: FakeSlackApi
    process: Any  # asyncio.subprocess.Process
    health_url: str
    launched: float  # time.monotonic() when the process was started

    def sent(self) -> int:
        return sum(len(posted) for posted in self.fake.posted.values())


@asynccontextmanager
async def serve_on_many_accounts(url: str, accounts: int, admins: int) -> AsyncIterator[ServeRun]:
    upgrade(url)
    engine = make_engine(url)
    build_accounts(engine, accounts, admins, datetime.now(UTC) - timedelta(days=14))
    fake = FakeSlackApi()
    runner, fake_url = await start_site(fake.app())
    fake.url = fake_url
    port = free_port()
    env = environment(
        DATABASE_URL=url,
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET="bench-signing-secret",
        SLACK_API_URL=fake_url + "/api/",
        SLACK_COMMUNICATORS_CHANNEL="CKOMM",
        HOST="127.0.0.1",
        PORT=str(port),
        LOG_LEVEL="WARNING",
    )
    launched = time.monotonic()
    process = await start_serve(env, Path.cwd())
    try:
        yield ServeRun(engine, fake, process, f"http://127.0.0.1:{port}/healthz", launched)
    finally:
        process.terminate()
        await process.wait()
        await runner.cleanup()
        engine.dispose()


def morning_counts(engine: Engine) -> tuple[int, int]:
    """The morning's DMs and escalations in the outbox so far."""
    with engine.connect() as connection:
        dms = connection.execute(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.key.like("daily:%"))  # type: ignore[attr-defined]
        ).scalar()
        opened = connection.execute(select(func.count()).select_from(Escalation)).scalar()
    return int(dms or 0), int(opened or 0)
