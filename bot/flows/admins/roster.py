"""Who runs an account: its accepted admins who are still here (not departed, not stepped down)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import LIVE_STATUSES, Account, AccountAdmin, AdminStatus, Person


def present_admins(session: Session, account_id: int) -> list[Person]:
    """Accepted admins still in the organisation, in nomination order."""
    return _accepted_admins(session, account_id, departed=False)


def is_present_admin(session: Session, account_id: int, person_id: int) -> bool:
    return any(person.id == person_id for person in present_admins(session, account_id))


def active_accounts(session: Session) -> list[Account]:
    return list(
        session.exec(
            select(Account).where(col(Account.status).in_(LIVE_STATUSES)).order_by(col(Account.id))
        ).all()
    )


def administered_accounts(session: Session, person_id: int) -> list[Account]:
    """The live (active or paused) accounts this person is a present, accepted admin of."""
    person = session.get(Person, person_id)
    if person is None or person.departed_at is not None:
        return []
    return list(
        session.exec(
            select(Account)
            .join(AccountAdmin, AccountAdmin.account_id == Account.id)
            .where(
                col(Account.status).in_(LIVE_STATUSES),
                AccountAdmin.person_id == person_id,
                AccountAdmin.status == AdminStatus.ACCEPTED,
            )
            .order_by(Account.id)
        ).all()
    )


def accounts_administered(session: Session, person_id: int) -> list[Account]:
    """Active (or paused) accounts this person is an accepted admin of, departed or not."""
    return list(
        session.exec(
            select(Account)
            .join(AccountAdmin, AccountAdmin.account_id == Account.id)
            .where(
                col(Account.status).in_(LIVE_STATUSES),
                AccountAdmin.person_id == person_id,
                AccountAdmin.status == AdminStatus.ACCEPTED,
            )
            .order_by(Account.id)
        ).all()
    )


def accounts_touching(session: Session, person_id: int) -> list[Account]:
    """Live accounts (active or paused) where this person is an admin (any status) or manager."""
    as_admin = select(AccountAdmin.account_id).where(AccountAdmin.person_id == person_id)
    return list(
        session.exec(
            select(Account)
            .where(
                col(Account.status).in_(LIVE_STATUSES),
                (Account.manager_id == person_id) | Account.id.in_(as_admin),  # type: ignore[union-attr]
            )
            .order_by(Account.id)
        ).all()
    )


def owner_row(session: Session, account_id: int) -> AccountAdmin | None:
    return session.exec(
        select(AccountAdmin).where(
            AccountAdmin.account_id == account_id,
            AccountAdmin.is_owner == True,  # noqa: E712
        )
    ).first()


def nominator_for(session: Session, account: Account) -> Person | None:
    """Who is asked to nominate: the owner while they are a present admin, else the manager."""
    assert account.id is not None
    owner = owner_row(session, account.id)
    if owner is not None and owner.status == AdminStatus.ACCEPTED:
        person = session.get(Person, owner.person_id)
        if person is not None and person.departed_at is None:
            return person
    manager = session.get(Person, account.manager_id)
    if manager is not None and manager.departed_at is None:
        return manager
    return None


def departed_admins(session: Session, account_id: int) -> list[Person]:
    """Accepted admins who have left the organisation (listed as "slutat", not as admins)."""
    return _accepted_admins(session, account_id, departed=True)


def _accepted_admins(session: Session, account_id: int, *, departed: bool) -> list[Person]:
    left = col(Person.departed_at)
    rows = session.exec(
        select(Person)
        .join(AccountAdmin, AccountAdmin.person_id == Person.id)
        .where(
            AccountAdmin.account_id == account_id,
            AccountAdmin.status == AdminStatus.ACCEPTED,
            left.is_not(None) if departed else left.is_(None),
        )
        .order_by(AccountAdmin.id)
    ).all()
    return list(rows)
