"""A sweep costs what is due, not what exists: statement counts at 10 and at 50 accounts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import event
from sqlmodel import Session

from bot.app import create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from storage.migrate import upgrade
from tests.conftest import STOCKHOLM
from tests.support.accounts_db import Admin, active_account

ACTIVATED = datetime(2026, 11, 30, 10, tzinfo=STOCKHOLM)
MORNING = datetime(2026, 12, 4, 9, 0, tzinfo=STOCKHOLM)


def core_with_accounts(database_url: str, count: int) -> Core:
    upgrade(database_url)
    core = create_core(
        Settings(_env_file=None, database_url=database_url),  # type: ignore[call-arg]
        FixedClock(MORNING),
    )
    with core.session() as session:
        for n in range(count):
            admins = [Admin(f"U{n:03d}{k}", f"Admin {n}-{k}") for k in range(3)]
            active_account(session, f"Konto {n:03d}", admins, ACTIVATED)
    return core


def statements(core: Core, sweep: Callable[[Core, Session], None]) -> int:
    count = 0

    def counted(*args: object, **kwargs: object) -> None:
        nonlocal count
        count += 1

    event.listen(core.engine, "before_cursor_execute", counted)
    try:
        with core.session() as session:
            sweep(core, session)
    finally:
        event.remove(core.engine, "before_cursor_execute", counted)
    return count


def nothing_due_cost(database_url: str, accounts: int) -> dict[str, int]:
    """Every sweep's statements a minute after the morning's sweeps ran."""
    core = core_with_accounts(database_url, accounts)
    try:
        for sweep in core.registry.sweeps.values():
            with core.session() as session:
                sweep(core, session)
        core.clock.set(MORNING.replace(minute=1))  # type: ignore[attr-defined]
        return {name: statements(core, sweep) for name, sweep in core.registry.sweeps.items()}
    finally:
        core.engine.dispose()


def test_a_tick_with_nothing_due_costs_the_same_at_10_and_50_accounts(
    database_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    small = nothing_due_cost(database_url, 10)
    if database_url.startswith("sqlite"):
        large_url = f"sqlite:///{tmp_path / 'large.db'}"
    else:
        from sqlmodel import SQLModel

        from storage.db import make_engine

        engine = make_engine(database_url)
        with engine.begin() as connection:
            SQLModel.metadata.drop_all(connection)
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        engine.dispose()
        large_url = database_url
    large = nothing_due_cost(large_url, 50)
    assert large == small
    assert small["activity-morning"] == 1
    assert small["admins-check"] == 1
    assert small["documentation-reminders"] == 1
    assert sum(small.values()) < 30
