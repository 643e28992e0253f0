"""Shared pieces of the benchmarks: databases, the fake Slack, query counting, timing."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from bot.clock import FixedClock
from tests.conftest import DEFAULT_NOW
from tests.fakes.slack_api import FakeSlackApi
from tests.support.harness import Harness, start_site


def databases() -> Iterator[tuple[str, str]]:
    """(kind, url): a fresh SQLite file always; PostgreSQL when BENCH_DATABASE_URL is set.

    Each is fresh for the one benchmark that asks for it and removed when it moves on."""
    folder = Path(tempfile.mkdtemp(prefix="smbot-bench-"))
    try:
        yield "sqlite", f"sqlite:///{folder / 'bench.db'}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if base:
        with fresh_postgres(base) as url:
            yield "postgresql", url


@contextmanager
def fresh_postgres(base: str) -> Iterator[str]:
    """A database of its own on the server of `base` (runs at once never share one),
    dropped afterwards."""
    url = make_url(base)
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"smbot_bench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def start_bot(
    database_url: str, latency: float = 0.0, **overrides
) -> tuple[Harness, FakeSlackApi, object]:  # type: ignore[no-untyped-def]
    """The bot's real web app and a fake Slack, both on loopback (same process)."""
    fake = FakeSlackApi(latency=latency)
    runner, url = await start_site(fake.app())
    fake.url = url
    harness = await Harness(database_url, fake, FixedClock(DEFAULT_NOW), **overrides).start()
    return harness, fake, runner


async def stop_bot(harness: Harness, runner) -> None:  # type: ignore[no-untyped-def]
    await harness.stop()
    await runner.cleanup()


@dataclass
class QueryCounter:
    count: int = 0

    def __call__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.count += 1


@contextmanager
def count_queries(engine: Engine) -> Iterator[QueryCounter]:
    counter = QueryCounter()
    event.listen(engine, "before_cursor_execute", counter)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", counter)


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    box: list[float] = []
    started = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - started)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary_ms(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"p50 {percentile(ms, 0.5):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms, "
        f"p99 {percentile(ms, 0.99):.1f} ms, mean {statistics.fmean(ms):.1f} ms"
    )


def machine() -> str:
    cpus = os.cpu_count()
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    python = platform.python_version()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{platform.system()} {platform.machine()}, {cpus} cores ({model}), Python {python}; "
        f"load average at start {load}"
    )
