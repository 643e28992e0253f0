"""The opening migration (0002) goes down and up again cleanly, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import storage.models  # noqa: F401
from storage.db import make_engine
from storage.migrate import alembic_config, upgrade


def _differences(url: str) -> list:  # type: ignore[type-arg]
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()


def test_opening_migration_round_trips(database_url: str) -> None:
    upgrade(database_url)
    assert _differences(database_url) == []
    # Only 0002's branch goes down; other branches' heads stay where they are.
    command.downgrade(alembic_config(database_url), "0002@0001")
    missing = {str(diff) for diff in _differences(database_url)}
    assert any("revision" in d for d in missing) and any("nominated_by_id" in d for d in missing)
    upgrade(database_url)
    assert _differences(database_url) == []
