"""Sweeps: the rules that run by the clock. One `tick` runs them all, then sends the outbox.

Flows declare sweeps with `@verbs.sweep(name)`; the core's registry holds them in order.

A sweep looks at state ("what is due at `now`?"), not at "what is due this minute",
so a tick after downtime catches up, and outbox keys make a second run send nothing.

Once-a-morning sweeps (`@verbs.sweep(name, morning=True)`) do their work from
MORNING_REMINDER_TIME on a working day. When one has run to the end, a `sweep_run` row
(name, day) is written in the same transaction as its work; later ticks that day find it
with one indexed lookup for all of them and leave them alone, so a tick with nothing due
costs what the every-minute sweeps look at, not what exists. A sweep that fails writes no
row (its transaction is rolled back) and runs again at the next tick; after downtime the
first tick of the day finds no row for today and the sweep catches up by state.

The sweeps' database work is synchronous, so `tick` runs it in a worker thread: `smbot
serve`'s event loop keeps answering HTTP during a morning of 20,000 accounts. Everything
the worker touches it opens itself (the advisory lock's connection, one session a sweep);
nothing is shared with the loop but the engine's pool, the clock and the settings.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text

from bot import sweep_runs
from bot.core import Core
from bot.outbox.dispatcher import DispatchReport, dispatch_due

log = logging.getLogger(__name__)

# Any constant works; it only has to be the same for every replica.
ADVISORY_LOCK_ID = 0x5_3B07


@dataclass
class TickReport:
    ran: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    # Once-a-morning sweeps already done today (or not due: before the morning, a day off).
    resting: list[str] = field(default_factory=list)
    skipped_locked: bool = False
    dispatch: DispatchReport = field(default_factory=DispatchReport)


async def tick(core: Core) -> TickReport:
    report = TickReport()
    await asyncio.to_thread(run_sweeps, core, report)
    report.dispatch = await dispatch_due(core)
    return report


def run_sweeps(core: Core, report: TickReport) -> None:
    """Every sweep that is due, each in a session of its own; one failing stops no other."""
    with _sweep_lock(core) as acquired:
        if not acquired:
            report.skipped_locked = True
            return
        morning = _morning_due(core)
        done: set[str] = set()
        if morning is not None and core.registry.mornings:
            with core.session() as session:
                done = sweep_runs.done_on(session, morning)
        for name, function in core.registry.sweeps.items():
            once = name in core.registry.mornings
            if once and (morning is None or name in done):
                report.resting.append(name)
                continue
            try:
                with core.session() as session:
                    function(core, session)
                    if once:
                        assert morning is not None
                        sweep_runs.mark(session, name, morning, core.now())
                report.ran.append(name)
            except Exception:
                log.exception("sweep %s failed; the others still run", name)
                report.failed.append(name)


def _morning_due(core: Core) -> date | None:
    """Today when it is a working day past the morning's time: when morning sweeps work."""
    return core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)


@contextmanager
def _sweep_lock(core: Core) -> Iterator[bool]:
    """On PostgreSQL only one replica sweeps at a time; SQLite is a single process."""
    if core.engine.dialect.name != "postgresql":
        yield True
        return
    with core.engine.connect() as connection:
        acquired = connection.execute(
            text("SELECT pg_try_advisory_lock(:id)"), {"id": ADVISORY_LOCK_ID}
        ).scalar()
        try:
            yield bool(acquired)
        finally:
            if acquired:
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": ADVISORY_LOCK_ID})
                connection.commit()
