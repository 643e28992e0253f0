"""People: one row per human, found by any of their platform identities.

An identity is (platform, external id): ("slack", "U123"), ("teams", "29:…"), ("aad", object id).
Any platform name works; the core knows none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from storage.models import Person, PersonIdentity


def find_by_identity(session: Session, platform: str, external_id: str) -> Person | None:
    return session.exec(
        select(Person)
        .join(PersonIdentity, col(PersonIdentity.person_id) == col(Person.id))
        .where(PersonIdentity.platform == platform, PersonIdentity.external_id == external_id)
    ).first()


def identity_of(session: Session, person_id: int, platform: str) -> str | None:
    """The person's id on a platform, or None when they have none there."""
    return session.exec(
        select(PersonIdentity.external_id)
        .where(PersonIdentity.person_id == person_id, PersonIdentity.platform == platform)
        .order_by(col(PersonIdentity.id))
    ).first()


def identities_of(session: Session, person_id: int) -> dict[str, str]:
    """Every platform id the person has, by platform."""
    rows = session.exec(
        select(PersonIdentity.platform, PersonIdentity.external_id)
        .where(PersonIdentity.person_id == person_id)
        .order_by(col(PersonIdentity.id).desc())
    ).all()
    return dict(rows)


def people_on(session: Session, platform: str, person_ids: Iterable[int]) -> dict[int, str]:
    """Person id → their id on a platform, for those of the people who have one."""
    wanted = list(person_ids)
    if not wanted:
        return {}
    rows = session.exec(
        select(PersonIdentity.person_id, PersonIdentity.external_id)
        .where(PersonIdentity.platform == platform, col(PersonIdentity.person_id).in_(wanted))
        .order_by(col(PersonIdentity.id).desc())
    ).all()
    return dict(rows)


def get_or_create(
    session: Session,
    platform: str,
    external_id: str,
    now: datetime,
    *,
    name: str = "",
    email: str | None = None,
    also: Mapping[str, str] | None = None,
    home_platform: str | None = None,
) -> Person:
    """The person behind a platform identity, created on first sight.

    Matched across platforms by the `also` identities (Teams passes {"aad": object id}),
    then by e-mail. A new person's DMs go to `home_platform` (default: `platform`).
    Safe when two requests for a new person race (two replicas, two quick clicks): the
    identity is inserted with ON CONFLICT DO NOTHING and its owner read back, so the loser
    adopts the winner's person instead of failing on the unique constraint.
    """
    others = {p: i for p, i in (also or {}).items() if i}
    person = _match(session, platform, external_id, others, email)
    created = person is None
    if person is None:
        person = Person(created_at=now, home_platform=home_platform or platform)
        session.add(person)
        session.flush()
    assert person.id is not None
    owner_id = link(session, person.id, platform, external_id)
    if owner_id != person.id:
        if created:
            # Lost a race: the other request's person is the one; ours was never seen.
            session.delete(person)
            session.flush()
        person = session.get(Person, owner_id)
        assert person is not None
    for other_platform, other_id in others.items():
        link(session, person.id, other_platform, other_id)  # type: ignore[arg-type]
    if name:
        person.name = name
    if email:
        person.email = email.lower()
    session.add(person)
    session.flush()
    return person


def link(session: Session, person_id: int, platform: str, external_id: str) -> int:
    """Give the person this identity (theirs alone on that platform); returns its owner's id.

    The owner is someone else when the identity already belonged to another person (a race
    lost, or an id seen before under another person): then nothing changes.
    """
    table = PersonIdentity.__table__  # type: ignore[attr-defined]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(
        dialect.insert(table)
        .values(person_id=person_id, platform=platform, external_id=external_id)
        .on_conflict_do_nothing(index_elements=["platform", "external_id"])
    )
    owner_id = session.exec(
        select(PersonIdentity.person_id).where(
            PersonIdentity.platform == platform, PersonIdentity.external_id == external_id
        )
    ).one()
    if owner_id == person_id:
        # One id per platform, as before: a new one replaces the old (e.g. a re-created account).
        stale = session.exec(
            select(PersonIdentity).where(
                PersonIdentity.person_id == person_id,
                PersonIdentity.platform == platform,
                PersonIdentity.external_id != external_id,
            )
        ).all()
        for row in stale:
            session.delete(row)
    return owner_id


def named_communicator(session: Session, named: Iterable[str], person: Person) -> bool:
    """Whether COMMUNICATORS names the person: by e-mail or by any of their platform ids."""
    wanted = {entry.lower() for entry in named}
    if not wanted or person.id is None:
        return False
    candidates = [person.email, *identities_of(session, person.id).values()]
    return any(candidate and candidate.lower() in wanted for candidate in candidates)


def display_name(person: Person | None) -> str:
    if person is None:
        return "okänd"
    return person.name or person.email or f"person {person.id}"


def _match(
    session: Session,
    platform: str,
    external_id: str,
    others: Mapping[str, str],
    email: str | None,
) -> Person | None:
    person = find_by_identity(session, platform, external_id)
    for other_platform, other_id in others.items():
        if person is None:
            person = find_by_identity(session, other_platform, other_id)
    if person is None and email:
        person = session.exec(select(Person).where(Person.email == email.lower())).first()
    return person
