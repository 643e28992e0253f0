"""The register export costs the same number of statements at 10 accounts as at 40, and its
CSV is byte for byte what the per-account reading gave (departed, nominated and confirmed
admins, an open password change, acknowledgements, a manager who is not an admin)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import event
from sqlmodel import Session, col, select

from bot import texts
from bot.app import create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.export import _acknowledged, _row, write_accounts_csv
from bot.flows.accounts.standing import standing
from bot.flows.opening.common import admins
from bot.guideline.acknowledgements import acknowledged
from bot.reports.register import register_csv, register_xlsx, standings_by_account
from storage.migrate import upgrade
from storage.models import (
    Account,
    AccountStatus,
    AdminStatus,
    GuidelineAcknowledgement,
    PasswordChange,
    Person,
)
from tests.conftest import STOCKHOLM
from tests.support.accounts_db import Admin, active_account, person

ACTIVATED = datetime(2026, 9, 1, 10, tzinfo=STOCKHOLM)
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=STOCKHOLM)


def core_with_register(database_url: str, count: int, start: int = 0) -> Core:
    """`count` accounts of every kind: each admin state, some departed, some passwords open."""
    upgrade(database_url)
    core = create_core(
        Settings(_env_file=None, database_url=database_url),  # type: ignore[call-arg]
        FixedClock(NOW),
    )
    with core.session() as session:
        chief = person(session, "UCHEF", "Cissi Chef", ACTIVATED)
        for n in range(start, start + count):
            admins_ = [
                Admin(f"U{n:03d}A", f"Admin {n}-A"),
                Admin(f"U{n:03d}B", f"Admin {n}-B"),
                Admin(f"U{n:03d}C", f"Admin {n}-C", AdminStatus.NOMINATED),
            ]
            status = [AccountStatus.ACTIVE, AccountStatus.PENDING, AccountStatus.CLOSED][n % 3]
            account = active_account(session, f"Konto {n:03d}", admins_, ACTIVATED, status=status)
            account.manager_id = chief.id
            session.add(account)
            _vary(session, core, n, account.id)
    return core


def _vary(session: Session, core: Core, n: int, account_id: int | None) -> None:
    assert account_id is not None
    rows = admins(session, account_id)
    first, second = (session.get(Person, r.person_id) for r in rows[:2])
    assert first is not None and second is not None
    if n % 2:
        rows[0].login_confirmed_at = ACTIVATED + timedelta(days=1)
        session.add(rows[0])
        session.add(
            GuidelineAcknowledgement(
                person_id=first.id, version=core.guideline.version, acknowledged_at=ACTIVATED
            )
        )
    if n % 4 == 1:
        second.departed_at = ACTIVATED + timedelta(days=30)
        session.add(second)
        session.add(
            PasswordChange(
                account_id=account_id,
                person_id=second.id,
                reason="departed",
                requested_at=ACTIVATED + timedelta(days=30),
                open_account_id=account_id,
            )
        )
    session.flush()


def statements(core: Core, work: Callable[[Session], object]) -> int:
    count = 0

    def counted(*args: object, **kwargs: object) -> None:
        nonlocal count
        count += 1

    event.listen(core.engine, "before_cursor_execute", counted)
    try:
        with core.session() as session:
            work(session)
    finally:
        event.remove(core.engine, "before_cursor_execute", counted)
    return count


def costs(database_url: str, accounts: int, start: int = 0) -> dict[str, int]:
    core = core_with_register(database_url, accounts, start)
    try:
        return {
            "csv": statements(core, lambda s: register_csv(s, core)),
            "xlsx": statements(core, lambda s: register_xlsx(s, core)),
            "standings": statements(core, lambda s: standings_by_account(s, core)),
        }
    finally:
        core.engine.dispose()


def test_the_register_export_costs_the_same_statements_at_10_and_40_accounts(
    database_url: str,
) -> None:
    small = costs(database_url, 10)
    large = costs(database_url, 30, start=10)  # 30 more on the same database: 40 in all
    assert large == small, (small, large)


def per_account_csv(session: Session, core: Core) -> str:
    """The register as the per-account reading wrote it (one account's rows at a time)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    version = core.guideline.version
    writer.writerow(
        [*texts.opening.CSV_HEADER, texts.guideline.CSV_ACKNOWLEDGED.format(version=version)]
    )
    read = acknowledged(session, version)
    for account in session.exec(select(Account).order_by(col(Account.id))).all():
        assert account.id is not None
        found = standing(session, core, account)
        nominated = [a.person_id for a in admins(session, account.id, AdminStatus.NOMINATED)]
        accepted = [a.person_id for a in admins(session, account.id, AdminStatus.ACCEPTED)]
        writer.writerow(
            [
                *_row(session, core, account, found, nominated),
                _acknowledged(session, accepted, read),
            ]
        )
    return buffer.getvalue()


def test_the_batched_csv_is_byte_for_byte_the_per_account_one(database_url: str) -> None:
    core = core_with_register(database_url, 12)
    try:
        with core.session() as session:
            batched = io.StringIO(newline="")
            assert write_accounts_csv(session, batched, core) == 13 - 1
        with core.session() as session:
            expected = per_account_csv(session, core)
        assert batched.getvalue() == expected
        assert "slutat" in expected and "Cissi Chef" in expected
    finally:
        core.engine.dispose()
