"""Issue 13 items 7, 8 and 9 with real replicas: two `smbot serve` processes on one PostgreSQL
database, started together on an empty database, then raced by Slack requests."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from urllib.parse import urlencode

import aiohttp
import pytest
from sqlmodel import col, func, select

from bot.app import create_core
from bot.config import Settings
from storage.models import AdminShortage, Escalation, PersonIdentity
from tests.fakes.slack_api import FakeSlackApi
from tests.support.accounts_db import Admin, active_account
from tests.support.processes import (
    SIGNING_SECRET,
    free_port,
    serve_env,
    start_serve,
    stop,
    wait_for_health,
)
from tests.support.slack_requests import sign

NEWCOMERS = 10
ACCOUNTS = 6


async def post(url: str, body: bytes, content_type: str) -> int:
    headers = {"Content-Type": content_type, **sign(SIGNING_SECRET, body)}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url + "/slack/events", data=body, headers=headers) as response,
    ):
        await response.read()
        return response.status


async def command(url: str, user: str) -> int:
    form = {"command": "/hjälp", "text": "", "user_id": user, "team_id": "T1", "trigger_id": "t"}
    form |= {"channel_id": "C0GEN", "api_app_id": "A1", "token": "x"}
    return await post(url, urlencode(form).encode(), "application/x-www-form-urlencoded")


async def departure(url: str, fake_slack: FakeSlackApi, user: str) -> int:
    envelope = {
        "type": "event_callback",
        "team_id": "T1",
        "api_app_id": "A1",
        "event_id": f"Ev-gone-{user}",
        "event_time": 1,
        "event": {"type": "user_change", "user": {**fake_slack.users[user], "deleted": True}},
    }
    return await post(url, json.dumps(envelope).encode(), "application/json")


async def test_two_replicas_on_one_database(database_url, database_kind, fake_slack, tmp_path):
    if database_kind != "postgresql":
        pytest.skip("replicas share a PostgreSQL database (SQLite is one process's file)")
    ports = [free_port(), free_port()]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    # Item 9: both started together on an empty database; both migrate and come up.
    replicas = [
        await start_serve(serve_env(database_url, fake_slack.url + "/api/", port), tmp_path)
        for port in ports
    ]
    logs: list[str] = []
    try:
        for url, process in zip(urls, replicas, strict=True):
            health = await wait_for_health(url + "/healthz", process, within=120)
            assert health["status"] == "ok"

        # Item 8: a new user's first two requests on the two replicas at once.
        for n in range(NEWCOMERS):
            fake_slack.add_user(f"UNEW{n}", f"Ny Person{n}")
        statuses = await asyncio.gather(
            *(command(url, f"UNEW{n}") for n in range(NEWCOMERS) for url in urls)
        )
        assert statuses == [200] * (2 * NEWCOMERS)

        # Item 7: both admins of an account leave at once, each event on its own replica.
        core = create_core(Settings(_env_file=None, database_url=database_url))  # type: ignore[call-arg]
        account_ids = []
        with core.session() as session:
            for n in range(ACCOUNTS):
                pair = [Admin(f"UA{n}", f"Anna Admin{n}"), Admin(f"UB{n}", f"Bo Admin{n}")]
                for admin in pair:
                    fake_slack.add_user(admin.slack_id, admin.name)
                activated = datetime(2026, 11, 2, 9, tzinfo=UTC)
                account_ids.append(active_account(session, f"Konto {n}", pair, activated).id)
        statuses = await asyncio.gather(
            *(
                departure(url, fake_slack, f"{who}{n}")
                for n in range(ACCOUNTS)
                for who, url in zip(("UA", "UB"), urls, strict=True)
            )
        )
        assert statuses == [200] * (2 * ACCOUNTS)
        with core.session() as session:
            newcomers = session.exec(
                select(PersonIdentity.external_id, func.count())
                .where(col(PersonIdentity.external_id).startswith("UNEW"))
                .group_by(PersonIdentity.external_id)
            ).all()
            assert sorted(count for _, count in newcomers) == [1] * NEWCOMERS
            for account_id in account_ids:
                shortages = session.exec(
                    select(AdminShortage).where(AdminShortage.account_id == account_id)
                ).all()
                escalations = session.exec(
                    select(Escalation).where(
                        Escalation.account_id == account_id, Escalation.kind == "too-few-admins"
                    )
                ).all()
                assert (len(shortages), len(escalations)) == (1, 1), account_id
        core.engine.dispose()
    finally:
        for process in replicas:
            logs.append(await stop(process))
    for log in logs:
        assert "Traceback" not in log, log[-3000:]
        assert " 500 " not in log
