"""Does `smbot serve` keep answering HTTP while its first tick runs the morning?

`python -m bench.bench_serve_healthz --accounts 20000` (PostgreSQL: BENCH_DATABASE_URL or
TEST_DATABASE_URL). As bench_serve_memory: the accounts built in bulk, activated two weeks
ago, in a database of its own; a real `python -m bot serve` against a fake Slack on
loopback, whose first tick (at once, by the real clock: run it on a working day after
09:00 Swedish time) runs the morning sweeps. From its first healthy answer on, `/healthz`
is asked every `--every` seconds (one request at a time, each with a 60 s timeout) until
the morning is in the outbox and `--after` seconds more; reported: the longest time
between two answers, the slowest answer, and how many requests were asked. Slack wants an
acknowledgement within 3 seconds: the longest gap is what a Slack request could meet.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time

import aiohttp

from bench.common import fresh_postgres, machine, percentile
from bench.serve_morning import morning_counts, serve_on_many_accounts
from tests.support.processes import wait_for_health


async def measure(
    url: str, accounts: int, admins: int, every: float, after: float
) -> dict[str, str]:
    async with serve_on_many_accounts(url, accounts, admins) as run:
        launched = run.launched
        # Before the sweeps left the event loop this waited for the whole morning.
        await wait_for_health(run.health_url, run.process, within=600)
        started = time.monotonic()
        done = asyncio.Event()
        watcher = asyncio.create_task(
            _morning_done(run.engine, accounts, admins, done, run.process)
        )
        answered: list[float] = []  # when each answer came
        latencies: list[float] = []
        failures = 0
        timeout = aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            stop_at = None
            while stop_at is None or time.monotonic() < stop_at:
                if done.is_set() and stop_at is None:
                    stop_at = time.monotonic() + after
                asked = time.monotonic()
                try:
                    async with session.get(run.health_url) as response:
                        await response.read()
                        ok = response.status == 200
                except (aiohttp.ClientError, TimeoutError):
                    ok = False
                now = time.monotonic()
                if ok:
                    answered.append(now)
                    latencies.append(now - asked)
                else:
                    failures += 1
                if watcher.done() and watcher.exception() is not None:
                    raise watcher.exception()  # type: ignore[misc]
                await asyncio.sleep(max(0.0, every - (time.monotonic() - asked)))
        morning = watcher.result() - launched
        gaps = [b - a for a, b in zip([started, *answered], answered, strict=False)]
        return {
            "benchmark": "smbot serve: /healthz during the morning",
            "database": "postgresql",
            "accounts × admins": f"{accounts:,} × {admins}",
            "morning in the outbox after (s)": f"{morning:.0f}",
            "first answer after start (s)": f"{started - launched:.1f}",
            "requests": str(len(latencies) + failures),
            "failed": str(failures),
            "longest gap between answers (s)": f"{max(gaps):.2f}",
            "slowest answer (s)": f"{max(latencies):.2f}",
            "answer p50 / p99 (ms)": (
                f"{percentile(latencies, 0.5) * 1000:.0f} / "
                f"{percentile(latencies, 0.99) * 1000:.0f}"
            ),
            "messages sent meanwhile": str(run.sent()),
        }


async def _morning_done(engine, accounts, admins, done, process) -> float:  # type: ignore[no-untyped-def]
    """The moment every DM and escalation of the morning is in the outbox."""
    started = time.monotonic()
    while True:
        dms, opened = await asyncio.to_thread(morning_counts, engine)
        if dms == accounts * admins and opened == accounts:
            done.set()
            return time.monotonic()
        if process.returncode is not None or time.monotonic() - started > 900:
            raise RuntimeError(f"the morning did not happen (DMs {dms}, escalations {opened})")
        await asyncio.sleep(1)


def main() -> None:
    from bench.run import table

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=20000)
    parser.add_argument("--admins", type=int, default=3)
    parser.add_argument("--every", type=float, default=0.2, help="seconds between requests")
    parser.add_argument("--after", type=float, default=10, help="seconds after the morning")
    args = parser.parse_args()
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not base:
        raise SystemExit("BENCH_DATABASE_URL (PostgreSQL) is needed")
    print(f"Machine: {machine()}\n")
    with fresh_postgres(base) as url:
        row = asyncio.run(measure(url, args.accounts, args.admins, args.every, args.after))
    print(table([row]))


if __name__ == "__main__":
    main()
