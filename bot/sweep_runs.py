"""Marks of sweeps done for a day (storage/models/sweeps.py), read and written in one
statement each; the primary key (name, day) keeps one row however many replicas write."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import SweepRun


def done_on(session: Session, day: date) -> set[str]:
    """The sweeps marked done for this day (one indexed lookup for all of them)."""
    return set(session.exec(select(SweepRun.name).where(col(SweepRun.day) == day)).all())


def last_run(session: Session, name: str, day: date) -> datetime | None:
    row = session.get(SweepRun, (name, day))
    return None if row is None else row.done_at


def mark(session: Session, name: str, day: date, at: datetime, *, update: bool = False) -> None:
    """Mark `name` done for `day` in the caller's transaction (its work and the mark commit
    together or not at all). `update`: a mark already there takes the new time."""
    dialect = session.get_bind().dialect.name
    insert = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(SweepRun).values(
        name=name, day=day, done_at=at
    )
    statement = (
        insert.on_conflict_do_update(index_elements=["name", "day"], set_={"done_at": at})
        if update
        else insert.on_conflict_do_nothing(index_elements=["name", "day"])
    )
    session.execute(statement)
