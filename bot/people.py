"""People: one row per human, found by any of their platform identities."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from storage.models import Person

PLATFORM_ID_COLUMN = {"slack": "slack_user_id", "teams": "teams_user_id"}


def find_by_platform_id(session: Session, platform: str, user_id: str) -> Person | None:
    column = getattr(Person, PLATFORM_ID_COLUMN[platform])
    return session.exec(select(Person).where(column == user_id)).first()


def get_or_create(
    session: Session,
    platform: str,
    user_id: str,
    now: datetime,
    *,
    name: str = "",
    email: str | None = None,
    aad_object_id: str | None = None,
) -> Person:
    """The person behind a platform identity; matched across platforms by e-mail or AAD id."""
    person = find_by_platform_id(session, platform, user_id)
    if person is None and aad_object_id:
        person = session.exec(select(Person).where(Person.aad_object_id == aad_object_id)).first()
    if person is None and email:
        person = session.exec(select(Person).where(Person.email == email.lower())).first()
    if person is None:
        person = Person(created_at=now, home_platform=platform)
    setattr(person, PLATFORM_ID_COLUMN[platform], user_id)
    if name:
        person.name = name
    if email:
        person.email = email.lower()
    if aad_object_id:
        person.aad_object_id = aad_object_id
    session.add(person)
    session.flush()
    return person


def display_name(person: Person | None) -> str:
    if person is None:
        return "okänd"
    return person.name or person.email or f"person {person.id}"
