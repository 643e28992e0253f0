"""Insert a row unless a unique index already holds its key, in one statement.

"Open one X per account" rules rest on this, not on read-then-insert: two replicas
handling the same moment both run the statement, the database lets one row in and the
other statement does nothing (waiting for the first transaction where it must).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel


def insert_unless_taken(
    session: Session,
    model: type[SQLModel],
    values: dict[str, Any],
    index_elements: list[str],
    index_where: ColumnElement[bool] | None = None,
) -> int | None:
    """The new row's id, or None when a row with the same key was there (or being added)."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=index_elements, index_where=index_where)
        .returning(model.id)  # type: ignore[attr-defined]
    )
    found = session.execute(statement).first()
    return None if found is None else int(found[0])
