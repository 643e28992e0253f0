"""Run the benchmarks: `python bench/run.py [outbox|morning|events|crash ...]`.

SQLite always; PostgreSQL too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
Prints a Markdown table per benchmark, ready for bench/README.md.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import (
    bench_crash,
    bench_morning,
    bench_outbox,
    bench_rate,
    bench_report,
    bench_slack_events,
)
from bench.common import databases, machine

BENCHMARKS = {
    "outbox": bench_outbox.run,
    "morning": bench_morning.run,
    "events": bench_slack_events.run,
    "report": bench_report.run,
    "rate": bench_rate.run,
    "crash": bench_crash.run,
}


def table(rows: list[dict[str, str]]) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(row.get(c, "") for c in columns) + " |" for row in rows]
    return "\n".join(lines)


async def main(names: list[str]) -> None:
    logging.basicConfig(level=logging.WARNING)
    print(f"Machine: {machine()}\n")
    for name in names or list(BENCHMARKS):
        rows: list[dict[str, str]] = []
        for kind, url in databases():
            result = await BENCHMARKS[name](kind, url)
            rows.extend(result if isinstance(result, list) else [result])
        print(table(rows), end="\n\n", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
