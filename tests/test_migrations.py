"""The migrations build exactly the tables the models describe, and go down again."""

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


def test_upgrade_matches_the_models_and_downgrade_round_trips(database_url: str) -> None:
    upgrade(database_url)
    assert _differences(database_url) == []
    command.downgrade(alembic_config(database_url), "0001")
    assert _differences(database_url) != []  # 0002's columns are gone
    upgrade(database_url)
    assert _differences(database_url) == []
