"""`/slack/events` latency for a signed slash command (`/publicerat`), as Slack sends it.

The command goes through signature checking, bolt, the directory (cached after the
first call), the router and the database; the fake Slack answers on loopback.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime

from bench.common import start_bot, stop_bot, summary_ms
from tests.conftest import STOCKHOLM
from tests.support.accounts_db import Admin, active_account


async def run(
    kind: str, database_url: str, requests: int = 500, concurrency: int = 8
) -> list[dict[str, str]]:
    harness, fake, runner = await start_bot(database_url)
    try:
        users = [f"UB{n:03d}" for n in range(concurrency)]
        with harness.core.session() as session:
            for user in users:
                fake.add_user(user, f"Bänk {user}")
                active_account(
                    session,
                    f"Konto {user}",
                    [Admin(user, f"Bänk {user}")],
                    datetime(2026, 11, 30, tzinfo=STOCKHOLM),
                )
        for user in users:  # warm up: first sight of each user (users.info), first log
            await harness.slack.command(user, "/publicerat")
        results = []
        for label, parallel in [("sequential", 1), (f"{concurrency} concurrent", concurrency)]:
            latencies: list[float] = []
            started = time.perf_counter()

            async def client(user: str, count: int, latencies: list[float] = latencies) -> None:
                for _ in range(count):
                    began = time.perf_counter()
                    status, _ = await harness.slack.command(user, "/publicerat")
                    latencies.append(time.perf_counter() - began)
                    assert status == 200

            per_client = requests // parallel
            await asyncio.gather(*(client(users[i], per_client) for i in range(parallel)))
            wall = time.perf_counter() - started
            results.append(
                {
                    "benchmark": f"/slack/events /publicerat, {label}",
                    "database": kind,
                    "requests": str(len(latencies)),
                    "latency": summary_ms(latencies),
                    "requests/s": f"{len(latencies) / wall:.0f}",
                }
            )
        return results
    finally:
        await stop_bot(harness, runner)
