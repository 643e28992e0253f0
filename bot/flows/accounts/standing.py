"""Who runs an account as the listings show it: present admins, who can log in, who left.

`/mina-konton` (and the App Home), `/kontoregister` and the CSV export read these, so a
departed person is never listed as an admin anywhere and shows as "slutat" with the date.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.flows.accounts.logins import present_rows
from bot.flows.admins.roster import departed_admins
from bot.flows.opening.common import local_date, name_of, names_of
from bot.people import display_name
from storage.models import (
    Account,
    AccountAdmin,
    AccountStatus,
    AdminStatus,
    PasswordChange,
    Person,
)

A = texts.accounts


@dataclass(frozen=True)
class Standing:
    admin_ids: list[int]  # accepted and still here, in nomination order
    confirmed_ids: list[int]  # of those, who confirmed they can log in
    waiting_login_ids: list[int]  # asked, not yet confirmed
    departed: list[str]  # "Bo (slutat 2026-11-20)"
    password_since: str | None  # the day a password change was asked for, while open


def standing(session: Session, core: Core, account: Account) -> Standing:
    assert account.id is not None
    rows = present_rows(session, account.id)
    change = open_password_change(session, account.id)
    since = local_date(core, change.requested_at) if change is not None else None
    return _standing(core, rows, departed_admins(session, account.id), since)


def standings(session: Session, core: Core) -> dict[int, Standing]:
    """Every account's standing, as `standing` gives one, from three statements in all.

    For the register export: one account at a time would cost five statements an account.
    The admins' Person rows stay in the session, so `name_of` finds them without a query."""
    rows = session.exec(
        select(AccountAdmin, Person)
        .join(Person, col(Person.id) == col(AccountAdmin.person_id))
        .where(AccountAdmin.status == AdminStatus.ACCEPTED)
        .order_by(col(AccountAdmin.id))
    ).all()
    # At most one open change an account (`open_account_id` is unique).
    open_changes = select(PasswordChange).where(col(PasswordChange.done_at).is_(None))
    changes = session.exec(open_changes).all()
    since = {c.account_id: local_date(core, c.requested_at) for c in changes}
    present: dict[int, list[AccountAdmin]] = {}
    departed: dict[int, list[Person]] = {}
    for admin, person in rows:
        if person.departed_at is None:
            present.setdefault(admin.account_id, []).append(admin)
        else:
            departed.setdefault(admin.account_id, []).append(person)
    ids = session.exec(select(Account.id)).all()
    return {
        account_id: _standing(
            core, present.get(account_id, []), departed.get(account_id, []), since.get(account_id)
        )
        for account_id in ids
        if account_id is not None
    }


def _standing(
    core: Core, rows: list[AccountAdmin], departed: list[Person], password_since: str | None
) -> Standing:
    return Standing(
        admin_ids=[r.person_id for r in rows],
        confirmed_ids=[r.person_id for r in rows if r.login_confirmed_at is not None],
        waiting_login_ids=[
            r.person_id
            for r in rows
            if r.login_asked_at is not None and r.login_confirmed_at is None
        ],
        departed=[
            A.DEPARTED.format(name=display_name(p), date=local_date(core, p.departed_at))
            for p in departed
        ],
        password_since=password_since,
    )


def open_password_change(session: Session, account_id: int) -> PasswordChange | None:
    return session.exec(
        select(PasswordChange).where(
            PasswordChange.account_id == account_id, col(PasswordChange.done_at).is_(None)
        )
    ).first()


def extra_lines(session: Session, core: Core, account: Account, found: Standing) -> list[str]:
    """The lines under an account in a listing: logins, who left, a password to change."""
    lines: list[str] = []
    if account.status == AccountStatus.ACTIVE and found.admin_ids:
        lines.append(A.LINE_LOGINS.format(names=names_of(session, found.confirmed_ids)))
    if found.departed:
        lines.append(A.LINE_DEPARTED.format(names=", ".join(found.departed)))
    if found.password_since is not None:
        lines.append(A.LINE_PASSWORD.format(date=found.password_since))
    return lines


def waiting_items(session: Session, core: Core, account: Account, found: Standing) -> list[str]:
    """What an active account still waits for from its admins: their login confirmations,
    while fewer than the rule's minimum have confirmed."""
    if account.status != AccountStatus.ACTIVE:
        return []
    if len(found.confirmed_ids) >= core.guideline.rules.min_admins:
        return []
    return [A.WAIT_LOGIN.format(name=name_of(session, pid)) for pid in found.waiting_login_ids]
