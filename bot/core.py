"""The running core: settings, database, clock, calendar and the senders the platforms plug in."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.calendar import WorkingCalendar
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.guideline import Guideline, guideline_in_force
from bot.platforms import Sender
from bot.registry import Registry
from storage.db import make_engine, session_scope


@dataclass
class Core:
    settings: Settings
    engine: Engine
    clock: Clock
    calendar: WorkingCalendar
    # The guideline in force; rule numbers are read from `guideline.rules`, never settings.
    guideline: Guideline
    # The verbs this bot offers (bot/app.py builds the full set; tests may build their own).
    registry: Registry
    senders: dict[str, Sender] = field(default_factory=dict)
    # Set when something was enqueued, so the dispatcher sends now instead of next minute.
    outbox_wakeup: asyncio.Event | None = None
    # The loop `outbox_wakeup` belongs to (set with it).
    outbox_loop: asyncio.AbstractEventLoop | None = None

    @classmethod
    def create(cls, settings: Settings, clock: Clock | None = None, *, registry: Registry) -> Core:
        registry.check()
        guideline = guideline_in_force(settings)
        rules = guideline.rules
        return cls(
            settings=settings,
            engine=make_engine(settings.database_url),
            registry=registry,
            clock=clock or SystemClock(),
            guideline=guideline,
            calendar=WorkingCalendar(
                settings.tz,
                rules.office_day_end,
                settings.local_closure_days,
                reply_working_days=rules.reply_within_working_days,
            ),
        )

    def now(self) -> datetime:
        return self.clock.now()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    def register_sender(self, sender: Sender) -> None:
        self.senders[sender.platform] = sender

    def wake_outbox(self) -> None:
        """Safe from any thread: the sweeps enqueue from tick's worker thread, and an
        asyncio.Event may only be set from the thread of its loop."""
        event, loop = self.outbox_wakeup, self.outbox_loop
        if event is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if loop is None or running is loop:
            event.set()
        elif not loop.is_closed():
            loop.call_soon_threadsafe(event.set)
