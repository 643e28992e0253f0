"""The account register as CSV (`smbot export accounts --format csv`)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.flows.opening.common import local, name_of, names_of, platform_label, status_word
from storage.models import Account, AccountAdmin, AdminStatus, Person

# SQLite's limit on bound parameters is the tightest of the databases we run on.
_CHUNK = 500


def write_accounts_csv(session: Session, handle: TextIO, core: Core) -> int:
    """Every account, one row each; returns how many were written.

    The admins and the people named are read in a few statements up front (not per
    account): `/kontoregister` writes this inside a chat request.
    """
    writer = csv.writer(handle)
    writer.writerow(texts.opening.CSV_HEADER)
    accounts = session.exec(select(Account).order_by(col(Account.id))).all()
    team = _admins_by_account(session)
    # Held while the rows are written: the session's identity map keeps objects only as
    # long as someone else does.
    people = _load_people(session, accounts, team)
    for account in accounts:
        writer.writerow(_row(session, core, account, team.get(account.id or 0, [])))
    del people
    return len(accounts)


def _admins_by_account(session: Session) -> dict[int, list[AccountAdmin]]:
    """Accepted and nominated admins per account, in the order `admins()` gives them."""
    found = session.exec(
        select(AccountAdmin)
        .where(col(AccountAdmin.status).in_([AdminStatus.ACCEPTED, AdminStatus.NOMINATED]))
        .order_by(col(AccountAdmin.id))
    ).all()
    team: dict[int, list[AccountAdmin]] = {}
    for admin in found:
        team.setdefault(admin.account_id, []).append(admin)
    return team


def _load_people(
    session: Session, accounts: Sequence[Account], team: dict[int, list[AccountAdmin]]
) -> list[Person]:
    """Everyone the rows name, into the session (later `session.get` calls ask no database)."""
    wanted = {a.person_id for admins in team.values() for a in admins}
    for account in accounts:
        wanted.update(
            p for p in (account.owner_id, account.manager_id, account.anchored_by_id) if p
        )
    ids = sorted(wanted)
    people: list[Person] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        people += session.exec(select(Person).where(col(Person.id).in_(chunk))).all()
    return people


def _row(session: Session, core: Core, account: Account, team: list[AccountAdmin]) -> list[str]:
    assert account.id is not None
    accepted = [a.person_id for a in team if a.status == AdminStatus.ACCEPTED]
    nominated = [a.person_id for a in team if a.status == AdminStatus.NOMINATED]
    return [
        str(account.id),
        platform_label(account),
        account.name,
        account.unit,
        status_word(account),
        name_of(session, account.owner_id),
        name_of(session, account.manager_id),
        names_of(session, accepted),
        names_of(session, nominated) if nominated else "",
        account.purpose,
        account.audience,
        account.resources,
        _when(core, account.submitted_at or account.created_at),
        _when(core, account.manager_approved_at),
        _when(core, account.anchored_at),
        name_of(session, account.anchored_by_id) if account.anchored_by_id else "",
        account.service_account_url or "",
        account.credentials_reference or "",
        _when(core, account.credentials_confirmed_at),
        _when(core, account.activated_at),
        _when(core, account.closed_at or account.rejected_at or account.withdrawn_at),
        account.platform,
        _email(session, account.owner_id),
        _email(session, account.manager_id),
        _emails(session, accepted),
        _emails(session, nominated),
        _email(session, account.anchored_by_id),
        _when(core, account.registered_at),
        account.documented_before_on.isoformat() if account.documented_before_on else "",
    ]


def _email(session: Session, person_id: int | None) -> str:
    person = session.get(Person, person_id) if person_id is not None else None
    return (person.email or "") if person is not None else ""


def _emails(session: Session, person_ids: list[int]) -> str:
    return ", ".join(_email(session, pid) for pid in person_ids)


def _when(core: Core, moment) -> str:  # type: ignore[no-untyped-def]
    return local(core, moment) if moment is not None else ""
