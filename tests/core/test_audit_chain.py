"""The audit log is a hash chain: any edit, insertion or removal is found and named."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import text
from sqlmodel import col, select

from bot import audit
from bot.app import create_core
from bot.config import Settings
from bot.core import Core
from storage.migrate import alembic_config, upgrade
from storage.models import AuditEntry
from tests.support.processes import environment, smbot

AT = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def make_core(database_url: str) -> Core:
    upgrade(database_url)
    return create_core(Settings(_env_file=None, database_url=database_url))  # type: ignore[call-arg]


def write_entries(core: Core, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        with core.session() as session:
            audit.record(session, AT + timedelta(minutes=n), "test.step", number=n, text="å ä ö")


def ids(core: Core) -> list[int]:
    with core.session() as session:
        return [e.id for e in session.exec(select(AuditEntry).order_by(col(AuditEntry.id)))]  # type: ignore[misc]


def verify(core: Core) -> audit.ChainReport:
    with core.session() as session:
        return audit.verify_chain(session)


def test_an_intact_chain_verifies_and_several_entries_in_one_transaction_chain(database_url):
    core = make_core(database_url)
    write_entries(core, 3)
    with core.session() as session:
        audit.record(session, AT, "test.a", actor_id=None)
        audit.record(session, AT, "test.b")
    report = verify(core)
    assert report.ok and report.checked == 5
    core.engine.dispose()


def test_an_edited_entry_is_named(database_url):
    core = make_core(database_url)
    write_entries(core, 4)
    third = ids(core)[2]
    with core.engine.begin() as connection:
        connection.execute(
            text("UPDATE auditentry SET detail = :d WHERE id = :id"),
            {"d": json.dumps({"number": 99, "text": "å ä ö"}), "id": third},
        )
    report = verify(core)
    assert not report.ok and report.broken_id == third and report.checked == 2
    core.engine.dispose()


def test_a_removed_entry_breaks_the_chain_at_the_next(database_url):
    core = make_core(database_url)
    write_entries(core, 4)
    entry_ids = ids(core)
    with core.engine.begin() as connection:
        connection.execute(text("DELETE FROM auditentry WHERE id = :id"), {"id": entry_ids[1]})
    assert verify(core).broken_id == entry_ids[2]
    core.engine.dispose()


def test_concurrent_writers_keep_one_chain(database_url):
    core = make_core(database_url)
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            write_entries(core, 15, start=offset)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n * 100,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = verify(core)
    assert report.ok and report.checked == 60
    core.engine.dispose()


def test_the_migration_hashes_the_entries_written_before_it(database_url):
    config = alembic_config(database_url)
    command.upgrade(config, "0008")
    core = create_core(Settings(_env_file=None, database_url=database_url))  # type: ignore[call-arg]
    with core.engine.begin() as connection:
        for n in range(3):
            connection.execute(
                text("INSERT INTO auditentry (at, action, detail) VALUES (:at, :action, :detail)"),
                {
                    "at": AT + timedelta(hours=n),
                    "action": "old.step",
                    "detail": json.dumps({"n": n}),
                },
            )
    upgrade(database_url)
    write_entries(core, 2)
    report = verify(core)
    assert report.ok and report.checked == 5
    core.engine.dispose()


async def test_the_cli_verifies_names_the_broken_entry_and_exports_jsonl(database_url, tmp_path):
    core = make_core(database_url)
    write_entries(core, 3)
    env = environment(DATABASE_URL=database_url)

    code, out, err = await smbot("audit", "verify", env=env, cwd=tmp_path)
    assert code == 0, err
    assert "3 poster" in out

    code, out, err = await smbot("audit", "export", "--format", "jsonl", env=env, cwd=tmp_path)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["detail"]["number"] for r in rows] == [0, 1, 2]
    assert rows[0]["prev_hash"] is None and rows[1]["prev_hash"] == rows[0]["entry_hash"]
    assert rows[0]["detail"]["text"] == "å ä ö"

    second = ids(core)[1]
    with core.engine.begin() as connection:
        connection.execute(
            text("UPDATE auditentry SET action = 'forged' WHERE id = :id"), {"id": second}
        )
    code, out, err = await smbot("audit", "verify", env=env, cwd=tmp_path)
    assert code == 1
    assert f"post {second}" in err
    core.engine.dispose()
