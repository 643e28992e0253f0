"""0010 fills the new columns from the rows already there: each outbox row's message key,
and which messages were sent about which comment."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from storage.db import make_engine
from storage.migrate import alembic_config

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
ROW_KEYS = {
    "daily:7:2026-11-20": None,
    "review:3@slack": None,
    "review:3@slack#update1": "review:3@slack",
    "comment:5:alert:7": None,
    "comment:5:alert:7#update1": "comment:5:alert:7",
    "comment:5:forward:8": None,
    "comment-unsigned:5:r1:7": None,
    "comment-overdue:5": None,
}


def _filler(column: sa.Column) -> object:  # type: ignore[type-arg]
    """Some value for a required column of a table as it stood at 0008."""
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.Integer):
        return 1  # every referenced row below has id 1
    if isinstance(kind, sa.DateTime):
        return NOW
    if isinstance(kind, sa.JSON):
        return {}
    return "x"


def _insert_minimal(connection: sa.Connection, table_name: str, **values: object) -> None:
    table = sa.Table(table_name, sa.MetaData(), autoload_with=connection)
    row = {c.name: _filler(c) for c in table.columns if not c.nullable and c.name != "id"}
    connection.execute(table.insert().values(**{**row, **values}))


def _insert_rows(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        _insert_minimal(connection, "person", id=1)
        _insert_minimal(connection, "account", id=1)
        _insert_minimal(connection, "comment", id=5)
        for key, replaces in ROW_KEYS.items():
            _insert_minimal(
                connection,
                "outboxmessage",
                key=key,
                replaces_key=replaces,
                recipient_kind="person",
                recipient="1",
                status="sent",
            )


def test_existing_rows_get_their_message_keys_and_comment_messages(database_url: str) -> None:
    config = alembic_config(database_url)
    command.upgrade(config, "0008")
    engine = make_engine(database_url)
    try:
        _insert_rows(engine)
        command.upgrade(config, "0010_outbox_message_key")
        with engine.connect() as connection:
            message_keys = dict(
                connection.execute(sa.text("SELECT key, message_key FROM outboxmessage")).all()
            )
            about = set(
                connection.execute(
                    sa.text("SELECT comment_id, key, refreshed FROM commentmessage")
                ).all()
            )
    finally:
        engine.dispose()
    assert message_keys == {key: key.split("#")[0].split("@")[0] for key in ROW_KEYS}
    assert about == {
        (5, "comment:5:alert:7", True),
        (5, "comment:5:forward:8", True),
        (5, "comment-unsigned:5:r1:7", False),
    }
