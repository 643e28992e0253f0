"""APScheduler runs `tick` every minute inside `smbot serve`."""

from __future__ import annotations

import logging
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core import Core
from bot.sweeps import tick

log = logging.getLogger(__name__)


def start_scheduler(core: Core) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=core.settings.tz)

    async def run_tick() -> None:
        report = await tick(core)
        if report.dispatch.sent or report.dispatch.failed:
            log.info("tick: %s", report)

    # coalesce + max_instances=1: a slow tick is never run twice at once, and
    # missed minutes are not replayed one by one (the sweeps catch up by state).
    scheduler.add_job(
        run_tick,
        "interval",
        minutes=1,
        id="tick",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
        next_run_time=datetime.now(core.settings.tz),
    )
    scheduler.start()
    return scheduler
