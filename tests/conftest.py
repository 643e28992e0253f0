from __future__ import annotations

import hashlib
import os
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
from sqlalchemy.engine import make_url

from bot.clock import FixedClock
from tests.fakes import recorded
from tests.fakes.slack_api import FakeSlackApi
from tests.support import payload_rules as payload_rules_module
from tests.support.harness import Harness, start_site

# Teams fixtures (`teams`, `fake_connector`) live with the Teams harness.
pytest_plugins = ["tests.support.teams_harness"]

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# A Tuesday morning, a working day, by default.
DEFAULT_NOW = datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_url" in metafunc.fixturenames:
        metafunc.parametrize("database_kind", ["sqlite", "postgresql"], indirect=False)


@pytest.fixture(scope="session")
def postgres_database(worker_id: str) -> Iterator[str | None]:
    """One database per xdist worker, so parallel tests never share tables."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield None
        return
    url = make_url(base)
    # Per checkout too: several clones (or worktrees) testing on one server must not
    # drop each other's databases.
    checkout = hashlib.sha256(str(Path(__file__).resolve().parent).encode()).hexdigest()[:8]
    name = f"smbot_test_{checkout}_{worker_id}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    # A test run leaves no database behind (FORCE: a test may have left a connection open).
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(database_kind: str, postgres_database: str | None, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if database_kind == "sqlite":
        return f"sqlite:///{tmp_path / 'smbot.db'}"
    if postgres_database is None:
        pytest.skip("TEST_DATABASE_URL is not set")
    dsn = make_url(postgres_database).set(drivername="postgresql")
    with psycopg.connect(dsn.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return postgres_database


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(DEFAULT_NOW)


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlackApi]:
    fake = FakeSlackApi()
    runner, url = await start_site(fake.app())
    fake.url = url
    yield fake
    await runner.cleanup()


@pytest.fixture
async def bot(
    database_url: str, fake_slack: FakeSlackApi, clock: FixedClock
) -> AsyncIterator[Harness]:
    harness = await Harness(database_url, fake_slack, clock).start()
    yield harness
    await harness.stop()


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


@pytest.fixture(autouse=True)
def payload_rules() -> Iterator[None]:
    """Every card a test makes the bot send must read right (tests/support/payload_rules.py)."""
    start = len(recorded.PAYLOADS)
    yield
    found = [
        f"{p.platform} {p.kind}: {problem}"
        for p in recorded.PAYLOADS[start:]
        for problem in payload_rules_module.problems(p.platform, p.kind, p.body)
    ]
    assert not found, "cards that break the payload rules:\n" + "\n".join(found)
