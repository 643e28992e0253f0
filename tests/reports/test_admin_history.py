"""Admins per month as they stood at each month's end: accepted, present (not departed),
login confirmed; an admin who stepped down later still counts for the months before."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import select

from bot import audit
from bot.app import create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.people import find_by_identity
from bot.reports.figures import build_report
from bot.reports.period import Month
from bot.reports.tables import summary_rows
from storage.migrate import upgrade
from storage.models import AccountAdmin, AdminStatus
from tests.conftest import STOCKHOLM
from tests.support.reports_year import Year, build_year

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=STOCKHOLM)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)  # type: ignore[misc]


@pytest.fixture
def core(database_url: str, tmp_path: Path) -> Core:
    upgrade(database_url)
    settings = Settings(_env_file=None, database_url=database_url, archive_dir=tmp_path / "a")  # type: ignore[call-arg]
    return create_core(settings, FixedClock(NOW))


@pytest.fixture
def year(core: Core) -> Year:
    with core.session() as session:
        built = build_year(session, Path(core.settings.archive_dir))
        bo = find_by_identity(session, "slack", "UBIB1")
        assert bo is not None
        row = session.exec(
            select(AccountAdmin).where(
                AccountAdmin.account_id == built.library, AccountAdmin.person_id == bo.id
            )
        ).one()
        row.login_confirmed_at = at(2026, 11, 5, 10)  # "Jag kan logga in" in November
        # Sara (Kulturskolan) steps down on 3 December: she was an admin all November.
        sara = find_by_identity(session, "slack", "USKO1")
        assert sara is not None
        hers = session.exec(
            select(AccountAdmin).where(
                AccountAdmin.account_id == built.school, AccountAdmin.person_id == sara.id
            )
        ).one()
        hers.status, hers.decided_at = AdminStatus.REMOVED, at(2026, 12, 3, 10)
        session.add_all([row, hers])
        audit.record(
            session, at(2026, 12, 3, 10), "admin.stepped_down", actor_id=sara.id,
            account_id=built.school,
        )  # fmt: skip
        return built


def by_name(core: Core, month: Month) -> dict[str, tuple[int, int, int]]:
    with core.session() as session:
        report = build_report(session, core, month)
    return {
        a.name: (a.admins_accepted, a.admins_present, a.admins_login_confirmed)
        for a in report.current.accounts
    }


def test_each_month_counts_the_admins_of_its_own_end(core: Core, year: Year) -> None:
    # October: Berit had not yet left (20 November); Bo had not confirmed his login.
    assert by_name(core, Month(2026, 10))["Biblioteket"] == (2, 2, 0)
    november = by_name(core, Month(2026, 11))
    assert november["Biblioteket"] == (2, 1, 1)
    assert november["Kulturskolan"] == (1, 1, 0)  # Sara stepped down only in December
    december = by_name(core, Month(2026, 12))
    assert december["Kulturskolan"] == (0, 0, 0)


def test_the_summary_row_shows_confirmed_logins(core: Core, year: Year) -> None:
    with core.session() as session:
        report = build_report(session, core, Month(2026, 11))
    rows = dict(summary_rows(report))
    assert rows["Bekräftad inloggning"] == ["0", "0", "1"]
    # October: Biblioteket 2 + Gamla konto 2. November: Biblioteket 1 (Berit left),
    # Kulturskolan 1, Gamla konto 2 (closed on 10 November, counted for the month).
    assert rows["Administratörer närvarande"][-2:] == ["4", "4"]
