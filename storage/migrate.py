"""Alembic, driven from code: `smbot migrate` and `serve` call `upgrade`.

Replicas start at once, so the upgrade runs under a lock: on PostgreSQL a session-level
advisory lock, held on its own connection for the whole upgrade; on SQLite an exclusive
file lock beside the database file (SQLite's DDL is not transactional under Alembic, so
two processes would otherwise both see "no version" and both create the tables).
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.db import make_engine

MIGRATIONS = Path(__file__).parent / "migrations"
# Distinct from the sweep lock (bot/sweeps.py) and the audit chain lock (bot/audit.py).
MIGRATION_LOCK_ID = 0x5_3B09


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str) -> None:
    with migration_lock(database_url):
        # "heads": also applies any branch that has not been merged into one head yet.
        command.upgrade(alembic_config(database_url), "heads")


@contextmanager
def migration_lock(database_url: str) -> Iterator[None]:
    """Only one process migrates a database at a time; the others wait, then find it done."""
    if database_url.startswith("postgresql"):
        with _advisory_lock(database_url):
            yield
        return
    database = make_url(database_url).database if database_url.startswith("sqlite") else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _advisory_lock(database_url: str) -> Iterator[None]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": MIGRATION_LOCK_ID})
            connection.commit()  # the lock is the session's; no transaction held open
            try:
                yield
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:id)"), {"id": MIGRATION_LOCK_ID}
                )
                connection.commit()
    finally:
        engine.dispose()
