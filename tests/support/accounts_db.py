"""Active accounts and their admins written straight into the database.

For tests and benchmarks of what happens after opening (the opening flow makes them for real).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.people import find_by_identity, link
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus, Person


@dataclass
class Admin:
    slack_id: str
    name: str
    status: AdminStatus = AdminStatus.ACCEPTED


def person(session: Session, slack_id: str, name: str, at: datetime) -> Person:
    found = find_by_identity(session, "slack", slack_id)
    if found is not None:
        return found
    created = Person(name=name, email=f"{slack_id.lower()}@example.se", created_at=at)
    session.add(created)
    session.flush()
    assert created.id is not None
    link(session, created.id, "slack", slack_id)
    return created


def active_account(
    session: Session,
    name: str,
    admins: list[Admin],
    activated_at: datetime,
    *,
    platform: str = "facebook",
    status: AccountStatus = AccountStatus.ACTIVE,
) -> Account:
    people = [person(session, admin.slack_id, admin.name, activated_at) for admin in admins]
    owner = people[0]
    account = Account(
        platform=platform,
        name=name,
        unit="Kultur och fritid",
        purpose="Informera om verksamheten",
        audience="Invånare",
        resources="Två timmar per dag",
        owner_id=owner.id,
        manager_id=owner.id,
        status=status,
        created_at=activated_at,
        activated_at=activated_at if status == AccountStatus.ACTIVE else None,
    )
    session.add(account)
    session.flush()
    for index, (admin, row) in enumerate(zip(admins, people, strict=True)):
        session.add(
            AccountAdmin(
                account_id=account.id,
                person_id=row.id,
                is_owner=index == 0,
                status=admin.status,
                nominated_at=activated_at,
                decided_at=activated_at,
            )
        )
    session.flush()
    return account
