"""Sweeps: the rules that run by the clock. One `tick` runs them all, then sends the outbox.

Flows declare sweeps with `@verbs.sweep(name)`; the core's registry holds them in order.

A sweep looks at state ("what is due at `now`?"), not at "what is due this minute",
so a tick after downtime catches up, and outbox keys make a second run send nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import text

from bot.core import Core
from bot.outbox.dispatcher import DispatchReport, dispatch_due

log = logging.getLogger(__name__)

# Any constant works; it only has to be the same for every replica.
ADVISORY_LOCK_ID = 0x5_3B07


@dataclass
class TickReport:
    ran: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped_locked: bool = False
    dispatch: DispatchReport = field(default_factory=DispatchReport)


async def tick(core: Core) -> TickReport:
    report = TickReport()
    with _sweep_lock(core) as acquired:
        if acquired:
            for name, function in core.registry.sweeps.items():
                try:
                    with core.session() as session:
                        function(core, session)
                    report.ran.append(name)
                except Exception:
                    log.exception("sweep %s failed; the others still run", name)
                    report.failed.append(name)
        else:
            report.skipped_locked = True
    report.dispatch = await dispatch_due(core)
    return report


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
