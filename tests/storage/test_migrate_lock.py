"""Several replicas starting at once on an empty database all migrate it, none crashes."""

from __future__ import annotations

import asyncio

from sqlalchemy import inspect

from storage.db import make_engine
from tests.support.processes import environment, smbot

REPLICAS = 3


async def test_replicas_started_together_all_migrate_an_empty_database(database_url, tmp_path):
    env = environment(DATABASE_URL=database_url)
    results = await asyncio.gather(
        *(smbot("migrate", env=env, cwd=tmp_path, timeout=120) for _ in range(REPLICAS))
    )
    for code, _out, err in results:
        assert code == 0, err
        assert "Traceback" not in err
    engine = make_engine(database_url)
    try:
        assert "auditentry" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
