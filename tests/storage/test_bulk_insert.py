"""`storage.bulk.insert_many` writes what one INSERT a row writes (PostgreSQL: a page of rows
as one JSON array per column), in the order given, skipping keys that are taken."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DataError
from sqlmodel import Session

from storage import bulk
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import OutboxMessage, OutboxStatus

# An instant not in UTC, with microseconds: stored and read back as the same instant.
AT = datetime(2026, 12, 4, 9, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
PAYLOAD = {
    "text": 'Hej åäö "citat" \\ bakstreck\nny rad – \u2028 😀',
    "buttons": [{"label": "Ja", "value": "1", "style": None}],
    "n": 7,
    "share": 0.25,
    "empty": {},
}


def row(key: str, **changes: Any) -> dict[str, Any]:
    return {
        "key": key,
        "message_key": key,
        "recipient_kind": "person",
        "recipient": "17",
        "platform": None,
        "replaces_key": None,
        "payload": PAYLOAD,
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": AT,
        "created_at": AT,
    } | changes


COLUMNS = (
    "key, message_key, recipient_kind, recipient, platform, replaces_key, "
    "CAST(payload AS TEXT), status, attempts, next_attempt_at, created_at"
)


def stored(session: Session, keys: list[str]) -> list[tuple[Any, ...]]:
    return [
        tuple(found)
        for key in keys
        for found in session.execute(
            text(f"SELECT {COLUMNS} FROM outboxmessage WHERE key = :key"), {"key": key}
        )
    ]


def test_rows_are_stored_as_one_insert_a_row_stores_them(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            session.add(OutboxMessage(**row("orm")))
            session.add(OutboxMessage(**row("orm-2", platform="slack", attempts=3)))
            session.commit()
            bulk.insert_many(
                session,
                OutboxMessage.__table__,  # type: ignore[attr-defined]
                [row("bulk"), row("bulk-2", platform="slack", attempts=3)],
            )
            session.commit()
            by_orm, by_bulk = stored(session, ["orm", "orm-2"]), stored(session, ["bulk", "bulk-2"])
        # All but the keys: the JSON text to the byte, the instants to the microsecond.
        assert [r[2:] for r in by_bulk] == [r[2:] for r in by_orm]
    finally:
        engine.dispose()


def test_ids_follow_the_order_given_and_taken_keys_are_skipped(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            first = bulk.insert_many(
                session,
                OutboxMessage.__table__,  # type: ignore[attr-defined]
                [row(f"k{n:02d}") for n in range(12)],
                conflict=["key"],
                returning=["id", "key"],
            )
            again = bulk.insert_many(
                session,
                OutboxMessage.__table__,  # type: ignore[attr-defined]
                [row("k03"), row("new"), row("k07")],
                conflict=["key"],
                returning=["id", "key"],
            )
            session.commit()
            in_id_order = session.execute(text("SELECT key FROM outboxmessage ORDER BY id")).all()
        assert [key for _, key in sorted(first)] == [f"k{n:02d}" for n in range(12)]
        assert [key for _, key in again] == ["new"]
        assert [key for (key,) in in_id_order] == [*(f"k{n:02d}" for n in range(12)), "new"]
    finally:
        engine.dispose()


def test_pages_of_rows_are_one_statement_each(database_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bulk, "PAGE", 4)
    upgrade(database_url)
    engine = make_engine(database_url)
    statements: list[str] = []

    def counted(_conn, _cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    try:
        with Session(engine) as session:
            session.connection()  # begun before counting
            event.listen(engine, "before_cursor_execute", counted)
            added = bulk.insert_many(
                session,
                OutboxMessage.__table__,  # type: ignore[attr-defined]
                [row(f"p{n}") for n in range(10)],
                conflict=["key"],
                returning=["id"],
            )
            event.remove(engine, "before_cursor_execute", counted)
            session.commit()
            count = session.execute(text("SELECT count(*) FROM outboxmessage")).scalar()
        assert (len(added), count, len(statements)) == (10, 10, 3)
    finally:
        engine.dispose()


def test_a_value_too_long_for_its_column_fails_as_a_plain_insert_does(
    database_url: str,
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite does not hold text to a length")
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with Session(engine) as session, pytest.raises(DataError):
            bulk.insert_many(
                session,
                OutboxMessage.__table__,  # type: ignore[attr-defined]
                [row("x" * 256)],
            )
    finally:
        engine.dispose()


def test_a_naive_datetime_is_refused(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with Session(engine) as session, pytest.raises(Exception, match="naive"):
            bulk.insert_many(
                session,
                OutboxMessage.__table__,  # type: ignore[attr-defined]
                [row("naive", created_at=datetime(2026, 12, 4, 9))],
            )
    finally:
        engine.dispose()
