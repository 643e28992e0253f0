"""Two replicas checking one account at the same moment open one shortage, one escalation.

Real PostgreSQL transactions on two threads: each checks the account inside its own
unit of work and holds it open until the other has checked too (or a second passed), the
way two replicas handle two departures at once.
"""

from __future__ import annotations

import contextlib
import threading

import pytest
from sqlmodel import select

from bot.flows.admins.shortage import check_account
from storage.models import Account, AdminShortage, Escalation
from tests.support.accounts_db import Admin, active_account


async def test_two_replicas_open_one_shortage_and_one_escalation(bot, database_kind):
    if database_kind != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite serialises the whole database)")
    core = bot.core
    with core.session() as session:
        account = active_account(session, "Biblioteket", [Admin("U1", "Anna Ek")], core.now())
        account_id = account.id
    both_checked = threading.Barrier(2)
    errors: list[BaseException] = []

    def replica() -> None:
        try:
            with core.session() as session:
                check_account(session, core, session.get(Account, account_id))
                # On a timeout the other replica is waiting for our commit in the database.
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_checked.wait(timeout=1.0)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=replica) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    with core.session() as session:
        shortages = session.exec(
            select(AdminShortage).where(AdminShortage.account_id == account_id)
        ).all()
        escalations = session.exec(
            select(Escalation).where(Escalation.kind == "too-few-admins")
        ).all()
    assert len(shortages) == 1
    assert len(escalations) == 1
