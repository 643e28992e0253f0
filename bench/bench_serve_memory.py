"""The memory of a real `smbot serve` process after the morning at many accounts.

`python -m bench.bench_serve_memory --accounts 20000` (PostgreSQL: BENCH_DATABASE_URL or
TEST_DATABASE_URL). The accounts are built in bulk, activated two weeks ago, in a database
of its own; then `python -m bot serve` starts against a fake Slack on loopback, and its
first tick (at once, by the real clock) runs the morning: a DM per admin and, every account
being silent, an escalation per account. Once they are all in the outbox, the process's
resident memory (VmRSS, and its peak VmHWM from /proc) is read every second for a while
as it dispatches. Run it on a working day after 09:00 Swedish time (the morning's time).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from pathlib import Path

from bench.common import fresh_postgres, machine
from bench.serve_morning import morning_counts, serve_on_many_accounts
from tests.support.processes import wait_for_health


def memory_kb(pid: int) -> dict[str, int]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0])
    return found


async def measure(url: str, accounts: int, admins: int, watch_seconds: int) -> dict[str, str]:
    async with serve_on_many_accounts(url, accounts, admins) as run:
        # Not /healthz first: wait for the morning, which the first tick runs at once.
        started = time.monotonic()
        while True:
            dms, opened = morning_counts(run.engine)
            if dms == accounts * admins and opened == accounts:
                break
            if run.process.returncode is not None or time.monotonic() - started > 900:
                raise RuntimeError(f"the morning did not happen (DMs {dms}, escalations {opened})")
            await asyncio.sleep(1)
        morning = time.monotonic() - started
        await wait_for_health(run.health_url, run.process, within=300)
        answered = time.monotonic() - started
        samples = []
        for _ in range(watch_seconds):
            samples.append(memory_kb(run.process.pid))
            await asyncio.sleep(1)
        return {
            "benchmark": "smbot serve, after the morning",
            "database": "postgresql",
            "accounts × admins": f"{accounts:,} × {admins}",
            "morning in the outbox after (s)": f"{morning:.0f}",
            "/healthz answered after (s)": f"{answered:.0f}",
            f"RSS after, max of {watch_seconds} s (MB)": (
                f"{max(s['VmRSS'] for s in samples) / 1024:.0f}"
            ),
            "peak RSS, VmHWM (MB)": f"{max(s['VmHWM'] for s in samples) / 1024:.0f}",
            "messages sent meanwhile": str(run.sent()),
        }


def main() -> None:
    from bench.run import table

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=20000)
    parser.add_argument("--admins", type=int, default=3)
    parser.add_argument("--watch", type=int, default=30, help="seconds of samples")
    args = parser.parse_args()
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not base:
        raise SystemExit("BENCH_DATABASE_URL (PostgreSQL) is needed")
    print(f"Machine: {machine()}\n")
    with fresh_postgres(base) as url:
        row = asyncio.run(measure(url, args.accounts, args.admins, args.watch))
    print(table([row]))


if __name__ == "__main__":
    main()
