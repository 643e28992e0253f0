"""Who has acknowledged which guideline version, and who still must.

An acknowledgement is one row per person and version, guaranteed by a unique constraint and
written with INSERT … ON CONFLICT DO NOTHING: a double press, or a press racing an
acceptance, leaves one row and the first time stands.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import (
    Account,
    AccountAdmin,
    AccountStatus,
    AdminStatus,
    GuidelineAcknowledgement,
    Person,
)

READ = "read"  # pressed Jag har läst on the message about a new version
ACCEPTED = "accepted"  # accepted to be an admin while this version was in force
APPLIED = "applied"  # confirmed the duties in an application under this version

# Accounts whose admins answer for the guideline: running, paused, or on their way.
_RUNNING = (AccountStatus.PENDING, AccountStatus.ACTIVE, AccountStatus.PAUSED)


def acknowledge(
    session: Session, person_id: int, version: str, now: datetime, how: str = READ
) -> bool:
    """Record that the person acknowledged `version`; False when they already had."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(GuidelineAcknowledgement)
        .values(person_id=person_id, version=version, acknowledged_at=now, how=how)
        .on_conflict_do_nothing(index_elements=["person_id", "version"])
        .returning(GuidelineAcknowledgement.id)  # type: ignore[arg-type]
    )
    return session.execute(statement).first() is not None


def acknowledged(session: Session, version: str) -> dict[int, GuidelineAcknowledgement]:
    """Everyone who has acknowledged `version`, by person id."""
    rows = session.exec(
        select(GuidelineAcknowledgement).where(GuidelineAcknowledgement.version == version)
    ).all()
    return {row.person_id: row for row in rows}


def acknowledgement(
    session: Session, person_id: int, version: str
) -> GuidelineAcknowledgement | None:
    return session.exec(
        select(GuidelineAcknowledgement).where(
            GuidelineAcknowledgement.person_id == person_id,
            GuidelineAcknowledgement.version == version,
        )
    ).first()


def admins_in_service(session: Session) -> list[Person]:
    """Accepted admins still here, of accounts that run or are on their way; by name."""
    rows = session.exec(
        select(Person)
        .join(AccountAdmin, col(AccountAdmin.person_id) == Person.id)
        .join(Account, col(Account.id) == AccountAdmin.account_id)
        .where(
            AccountAdmin.status == AdminStatus.ACCEPTED,
            col(Account.status).in_(_RUNNING),
            col(Person.departed_at).is_(None),
        )
        .distinct()
    ).all()
    return sorted(rows, key=lambda p: (p.name.lower(), p.id or 0))


def not_acknowledged(session: Session, version: str) -> list[Person]:
    """The admins in service who have not acknowledged `version`."""
    done = acknowledged(session, version)
    return [person for person in admins_in_service(session) if person.id not in done]
