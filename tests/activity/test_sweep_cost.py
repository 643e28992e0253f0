"""A sweep costs what is due, not what exists: statement counts at 10 and at 50 accounts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import String, event, func
from sqlmodel import Session, col, select

from bot.app import create_core
from bot.audit import verify_chain
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.flows.activity.morning import morning_messages
from bot.flows.activity.silence import no_posts
from storage.migrate import upgrade
from storage.models import Account, Escalation, MajorChange, MajorChangeKind, OutboxMessage
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


def morning_cost(database_url: str, accounts: int) -> dict[str, int]:
    """The morning DM and no-posts sweeps' statements when everything is due: a DM for
    every admin, and every account silent since Monday (so every one escalated)."""
    core = core_with_accounts(database_url, accounts)
    try:
        with core.session() as session:
            # Something for every summary section to say about the first account.
            _open_comment_and_change(session, core)
        cost = {
            "activity-morning": statements(core, morning_messages),
            "activity-no-posts": statements(core, no_posts),
        }
        with core.session() as session:
            dms = session.exec(select(func.count()).select_from(OutboxMessage)).one()
            opened = session.exec(select(func.count()).select_from(Escalation)).one()
            told = session.exec(
                select(func.count())
                .select_from(OutboxMessage)
                .where(col(OutboxMessage.payload).cast(String).contains("Ny profilbild"))
            ).one()
        # Every admin's DM (3 each) and one escalation per account (no platform wired: one
        # row each); the change's section line reached the first account's three admins.
        assert (dms, opened, told) == (3 * accounts + accounts, accounts, 3)
        with core.session() as session:
            # The escalations' audit entries, inserted together, keep the chain whole.
            assert verify_chain(session).ok
        return cost
    finally:
        core.engine.dispose()


def _open_comment_and_change(session: Session, core: Core) -> None:
    account = session.exec(select(Account).order_by(col(Account.id))).first()
    assert account is not None and account.id is not None
    session.add(
        MajorChange(
            account_id=account.id,
            kind=MajorChangeKind.CHANGE,
            description="Ny profilbild",
            planned_for=date(2026, 12, 18),
            created_by_id=account.owner_id,
            created_at=core.now(),
        )
    )


def second_database(database_url: str, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """An empty database beside the fixture's (PostgreSQL: the same one, emptied)."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'large.db'}"
    from sqlmodel import SQLModel

    from storage.db import make_engine

    engine = make_engine(database_url)
    with engine.begin() as connection:
        SQLModel.metadata.drop_all(connection)
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()
    return database_url


def test_the_morning_sweeps_cost_the_same_at_10_and_60_accounts(
    database_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """60 ids are past the plain IN list of `any_of`: both forms are counted."""
    small = morning_cost(database_url, 10)
    large = morning_cost(second_database(database_url, tmp_path), 60)
    assert large == small
    assert small["activity-morning"] < 20 and small["activity-no-posts"] < 20


def test_a_tick_with_nothing_due_costs_the_same_at_10_and_50_accounts(
    database_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    small = nothing_due_cost(database_url, 10)
    large = nothing_due_cost(second_database(database_url, tmp_path), 50)
    assert large == small
    assert small["activity-morning"] == 1
    # Its mark for today, the accounts changed since its last tick (indexed), the new mark.
    assert small["admins-check"] == 3
    assert small["documentation-reminders"] == 1
    # One or two statements a sweep, whatever the size (the total grows with the flows).
    assert max(small.values()) <= 3
