"""The account register as CSV (`smbot export accounts --format csv`)."""

from __future__ import annotations

import csv
from collections.abc import Collection
from typing import TextIO

from sqlalchemy import or_
from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.flows.accounts.standing import Standing, standings
from bot.flows.opening.common import local, name_of, names_of, platform_label, status_word
from bot.guideline.acknowledgements import acknowledged
from storage.models import Account, AccountAdmin, AdminStatus, Person


def write_accounts_csv(session: Session, handle: TextIO, core: Core) -> int:
    """Every account, one row each; returns how many were written."""
    writer = csv.writer(handle)
    version = core.guideline.version
    # The last column is added at the end, so readers of the older columns keep working.
    writer.writerow(
        [*texts.opening.CSV_HEADER, texts.guideline.CSV_ACKNOWLEDGED.format(version=version)]
    )
    accounts = session.exec(select(Account).order_by(col(Account.id))).all()
    read = acknowledged(session, version)
    # A fixed number of statements however many accounts: everyone's standing and admins
    # at once, and every person named kept in the session (`name_of` reads it from there).
    people = _people(session)  # noqa: F841 (held: the session keeps its rows only weakly)
    found = standings(session, core)
    nominated = _admins_by_account(session, AdminStatus.NOMINATED)
    accepted = _admins_by_account(session, AdminStatus.ACCEPTED)
    for account in accounts:
        assert account.id is not None
        row = _row(session, core, account, found[account.id], nominated.get(account.id, []))
        writer.writerow([*row, _acknowledged(session, accepted.get(account.id, []), read)])
    return len(accounts)


def _people(session: Session) -> list[Person]:
    """Everyone the register names: owners, managers, anchorers and admins."""
    named = [Account.owner_id, Account.manager_id, Account.anchored_by_id]
    wanted = or_(
        *(col(Person.id).in_(select(column)) for column in named),
        col(Person.id).in_(select(AccountAdmin.person_id)),
    )
    return list(session.exec(select(Person).where(wanted)).all())


def _admins_by_account(session: Session, status: str) -> dict[int, list[int]]:
    """Person ids of the admins with `status`, per account, in nomination order."""
    rows = session.exec(
        select(AccountAdmin.account_id, AccountAdmin.person_id)
        .where(AccountAdmin.status == status)
        .order_by(col(AccountAdmin.id))
    ).all()
    found: dict[int, list[int]] = {}
    for account_id, person_id in rows:
        found.setdefault(account_id, []).append(person_id)
    return found


def _row(
    session: Session, core: Core, account: Account, found: Standing, nominated: list[int]
) -> list[str]:
    accepted = found.admin_ids  # a departed admin is listed under "slutat" instead
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
        account.pause_until.isoformat() if account.pause_until else "",
        account.pause_reason or "",
        _when(core, account.closing_started_at),
        account.closing_reason or "",
        _emails(session, found.confirmed_ids),
        ", ".join(found.departed),
    ]


def _acknowledged(session: Session, accepted: list[int], read: Collection[int]) -> str:
    """The account's accepted admins who have acknowledged the guideline version in force."""
    return names_of(session, [pid for pid in accepted if pid in read])


def _email(session: Session, person_id: int | None) -> str:
    person = session.get(Person, person_id) if person_id is not None else None
    return (person.email or "") if person is not None else ""


def _emails(session: Session, person_ids: list[int]) -> str:
    return ", ".join(_email(session, pid) for pid in person_ids)


def _when(core: Core, moment) -> str:  # type: ignore[no-untyped-def]
    return local(core, moment) if moment is not None else ""
