"""The morning sweeps over many accounts: one DM per admin, and the no-posts check.

`python -m bench.bench_morning --accounts 1000,20000 --only postgresql` runs it at those
sizes (SQLite, and PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set);
`bench/run.py morning` at 1,000 with the dispatch of the morning. Statement counts are
printed beside the times: a sweep should cost what is due, not what exists.
"""

from __future__ import annotations

import statistics
import time
from datetime import datetime

from sqlalchemy import event, update

from bench.build import build_accounts
from bench.common import count_queries, start_bot, stop_bot, stopwatch
from bot.flows.activity.morning import morning_messages
from bot.flows.activity.silence import no_posts
from bot.outbox.dispatcher import dispatch_due
from bot.sweeps import tick
from storage.models import OutboxMessage, OutboxStatus
from tests.conftest import STOCKHOLM

ACTIVATED = datetime(2026, 11, 30, 10, tzinfo=STOCKHOLM)
# Nothing-due ticks timed; the median is reported (the machine is shared).
TICKS = 7


async def run(
    kind: str,
    database_url: str,
    accounts: int = 1000,
    admins_per_account: int = 3,
    *,
    dispatch: bool = True,
    explain: bool = False,
) -> list[dict[str, str]]:
    harness, _fake, runner = await start_bot(database_url)
    core = harness.core
    size = f"{accounts:,} × {admins_per_account}"
    try:
        with stopwatch() as built:
            build_accounts(core.engine, accounts, admins_per_account, ACTIVATED)
        results = [
            {"benchmark": "building the accounts (bulk insert)", "database": kind}
            | {"accounts × admins": size, "seconds": f"{built[0]:.2f}"}
        ]
        harness.clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=STOCKHOLM))  # a Friday
        # Every account silent since Monday: 3 working days, so every one is escalated.
        for name, sweep in [("morning DMs", morning_messages), ("no-posts check", no_posts)]:
            with count_queries(core.engine) as queries, stopwatch() as elapsed, core.session() as s:
                sweep(core, s)
            results.append(_row(f"sweep: {name}", kind, size, elapsed[0], queries.count))
        harness.clock.set(datetime(2026, 12, 4, 9, 1, tzinfo=STOCKHOLM))
        for name, sweep in [("morning DMs", morning_messages), ("no-posts check", no_posts)]:
            with count_queries(core.engine) as queries, stopwatch() as elapsed, core.session() as s:
                sweep(core, s)
            results.append(
                _row(
                    f"sweep: {name}, next minute (nothing new)",
                    kind,
                    size,
                    elapsed[0],
                    queries.count,
                )
            )
        if dispatch:
            with stopwatch() as elapsed:
                report = await dispatch_due(core, limit=1_000_000)
            results.append(
                {
                    "benchmark": "dispatch of the morning (DMs + escalations)",
                    "database": kind,
                    "messages": str(report.sent),
                    "seconds": f"{elapsed[0]:.2f}",
                    "messages/s": f"{report.sent / elapsed[0]:.0f}",
                }
            )
        else:
            _mark_sent(core)
        # Every other sweep's morning work (the communicators' digest, ...): a whole tick.
        harness.clock.set(datetime(2026, 12, 4, 9, 2, tzinfo=STOCKHOLM))
        await tick(core)
        _mark_sent(core)
        _vacuum(core)
        seconds, cpu, counts = [], [], set()
        for minute in range(3, 3 + TICKS):
            harness.clock.set(datetime(2026, 12, 4, 9, minute, tzinfo=STOCKHOLM))
            used = time.process_time()
            with count_queries(core.engine) as queries, stopwatch() as elapsed:
                await tick(core)
            cpu.append(time.process_time() - used)
            seconds.append(elapsed[0])
            counts.add(queries.count)
        if explain:
            harness.clock.set(datetime(2026, 12, 4, 9, 3 + TICKS, tzinfo=STOCKHOLM))
            await _explain_tick(core)
        results.append(
            {
                "benchmark": f"tick a minute later, nothing due (median of {TICKS})",
                "database": kind,
                "accounts × admins": size,
                "seconds": f"{statistics.median(seconds):.3f}",
                "queries": "/".join(str(c) for c in sorted(counts)),
                # CPU of this process (all threads): what a loaded machine inflates least.
                "CPU seconds": f"{statistics.median(cpu):.3f}",
            }
        )
        return results
    finally:
        await stop_bot(harness, runner)


def _mark_sent(core) -> None:  # type: ignore[no-untyped-def]
    """Sending 80,000 messages is the outbox benchmark's business: they are marked sent,
    so the ticks timed find the state of a morning already dispatched."""
    with core.engine.begin() as connection:
        connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.PENDING)
            .values(status=OutboxStatus.SENT, sent_at=core.now())
        )


def _vacuum(core) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL: what autovacuum does within a minute or so of a morning's sends in
    production. The test server here runs with autovacuum off, so without it the outbox's
    80,000 rows just marked sent stay as dead entries every index scan steps over."""
    if core.engine.dialect.name != "postgresql":
        return
    with core.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")


async def _explain_tick(core) -> None:  # type: ignore[no-untyped-def]
    """Print each statement of one nothing-due tick with its PostgreSQL plan and time."""
    if core.engine.dialect.name != "postgresql":
        return
    seen: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT") and "advisory" not in statement:
            seen.append((statement, parameters))

    event.listen(core.engine, "before_cursor_execute", keep)
    try:
        await tick(core)
    finally:
        event.remove(core.engine, "before_cursor_execute", keep)
    with core.engine.connect() as connection:
        for statement, parameters in seen:
            cursor = connection.connection.cursor()
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + statement, parameters)
            plan = [row[0] for row in cursor.fetchall()]
            print(" ".join(statement.split())[:160])
            print("\n".join("    " + line for line in plan), end="\n\n")
        connection.rollback()


def _row(name: str, kind: str, size: str, seconds: float, queries: int) -> dict[str, str]:
    return {
        "benchmark": name,
        "database": kind,
        "accounts × admins": size,
        "seconds": f"{seconds:.2f}",
        "queries": str(queries),
    }


def main() -> None:
    import argparse
    import asyncio
    import logging

    from bench.common import databases, machine
    from bench.run import table

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", default="1000", help="sizes, comma-separated")
    parser.add_argument("--admins", type=int, default=3, help="admins per account")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    parser.add_argument("--dispatch", action="store_true", help="also send the morning")
    parser.add_argument(
        "--explain", action="store_true", help="PostgreSQL plans of a nothing-due tick"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"Machine: {machine()}\n")
    rows: list[dict[str, str]] = []
    for size in (int(n) for n in args.accounts.split(",")):
        for kind, url in databases():
            if args.only and kind != args.only:
                continue
            rows.extend(
                asyncio.run(
                    run(kind, url, size, args.admins, dispatch=args.dispatch, explain=args.explain)
                ),
            )
            print(table(rows), end="\n\n", flush=True)


if __name__ == "__main__":
    main()
