"""The morning sweep over many accounts: building and enqueueing one DM per admin.

`python -m bench.bench_morning --accounts 20000` runs it at one size (SQLite, and PostgreSQL
when BENCH_DATABASE_URL or TEST_DATABASE_URL is set); `bench/run.py morning` at 1,000.
Statement counts are printed beside the times: a sweep should cost what is due, not what exists.
"""

from __future__ import annotations

from datetime import datetime

from bench.common import count_queries, start_bot, stop_bot, stopwatch
from bot.flows.activity.morning import morning_messages
from bot.flows.activity.silence import no_posts
from bot.outbox.dispatcher import dispatch_due
from bot.sweeps import tick
from tests.conftest import STOCKHOLM
from tests.support.accounts_db import Admin, active_account

ACTIVATED = datetime(2026, 11, 30, 10, tzinfo=STOCKHOLM)


async def run(
    kind: str, database_url: str, accounts: int = 1000, admins_per_account: int = 3
) -> list[dict[str, str]]:
    harness, _fake, runner = await start_bot(database_url)
    core = harness.core
    try:
        with core.session() as session:
            for n in range(accounts):
                admins = [
                    Admin(f"U{n:04d}{k}", f"Admin {n}-{k}") for k in range(admins_per_account)
                ]
                active_account(session, f"Konto {n:04d}", admins, ACTIVATED)
        results = []
        harness.clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=STOCKHOLM))  # a Friday
        for name, sweep in [("morning DMs", morning_messages), ("no-posts check", no_posts)]:
            with count_queries(core.engine) as queries, stopwatch() as elapsed, core.session() as s:
                sweep(core, s)
            results.append(
                {
                    "benchmark": f"sweep: {name}",
                    "database": kind,
                    "accounts × admins": f"{accounts} × {admins_per_account}",
                    "seconds": f"{elapsed[0]:.2f}",
                    "queries": str(queries.count),
                }
            )
        harness.clock.set(datetime(2026, 12, 4, 9, 1, tzinfo=STOCKHOLM))
        for name, sweep in [("morning DMs", morning_messages), ("no-posts check", no_posts)]:
            with count_queries(core.engine) as queries, stopwatch() as elapsed, core.session() as s:
                sweep(core, s)
            results.append(
                {
                    "benchmark": f"sweep: {name}, next minute (nothing new)",
                    "database": kind,
                    "accounts × admins": f"{accounts} × {admins_per_account}",
                    "seconds": f"{elapsed[0]:.2f}",
                    "queries": str(queries.count),
                }
            )
        with stopwatch() as elapsed:
            report = await dispatch_due(core, limit=100_000)
        results.append(
            {
                "benchmark": "dispatch of the morning (DMs + escalations)",
                "database": kind,
                "messages": str(report.sent),
                "seconds": f"{elapsed[0]:.2f}",
                "messages/s": f"{report.sent / elapsed[0]:.0f}",
            }
        )
        harness.clock.set(datetime(2026, 12, 4, 9, 2, tzinfo=STOCKHOLM))
        with count_queries(core.engine) as queries, stopwatch() as elapsed:
            await tick(core)
        results.append(
            {
                "benchmark": "tick a minute later, nothing due (every sweep + dispatch)",
                "database": kind,
                "accounts × admins": f"{accounts} × {admins_per_account}",
                "seconds": f"{elapsed[0]:.3f}",
                "queries": str(queries.count),
            }
        )
        return results
    finally:
        await stop_bot(harness, runner)


def main() -> None:
    import argparse
    import asyncio
    import logging

    from bench.common import databases, machine
    from bench.run import table

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--admins", type=int, default=3, help="admins per account")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"Machine: {machine()}\n")
    rows: list[dict[str, str]] = []
    for kind, url in databases():
        if args.only and kind != args.only:
            continue
        rows.extend(asyncio.run(run(kind, url, args.accounts, args.admins)))
    print(table(rows))


if __name__ == "__main__":
    main()
