"""`smbot` as cron and systemd run it: real subprocesses against a fake Slack on loopback."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from bot.app import FLOWS, create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.messages import Message
from bot.outbox import enqueue_to_person
from bot.registry import Registry, Verbs
from storage.migrate import upgrade
from storage.models import OutboxMessage, OutboxStatus
from tests.conftest import STOCKHOLM
from tests.support.accounts_db import person
from tests.support.processes import (
    environment,
    free_port,
    seed_accounts,
    smbot,
    start_serve,
    wait_for_health,
)

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-hemlig-token-4711",
    "SLACK_SIGNING_SECRET": "signing-hemlighet-0815",
    "META_APP_SECRET": "meta-hemlighet-42",
    "META_VERIFY_TOKEN": "verify-hemlighet-43",
    "MICROSOFT_APP_PASSWORD": "ms-hemlighet-44",
}


def slack_env(database_url: str, fake_slack, **extra: str) -> dict[str, str]:
    return environment(
        DATABASE_URL=database_url,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET="secret",
        SLACK_API_URL=fake_slack.url + "/api/",
        SLACK_COMMUNICATORS_CHANNEL="CKOMM",
        **extra,
    )


async def test_tick_runs_the_sweeps_sends_and_a_second_run_sends_nothing(
    database_url, fake_slack, tmp_path
):
    seed_accounts(database_url)
    env = slack_env(database_url, fake_slack)
    code, out, err = await smbot(
        "tick", "--now", "2026-12-01T09:00:00+01:00", env=env, cwd=tmp_path
    )
    assert code == 0, err
    assert "activity-morning" in out and "skickat 2" in out
    dms = sorted(c.args["channel"] for c in fake_slack.calls_to("chat.postMessage"))
    assert dms == ["DU1", "DU2"]

    calls = len(fake_slack.calls)
    code, out, _ = await smbot("tick", "--now", "2026-12-01T09:05:00+01:00", env=env, cwd=tmp_path)
    assert code == 0 and "skickat 0" in out
    assert len(fake_slack.calls) == calls

    # Before the morning time on another day: nothing either.
    code, out, _ = await smbot("tick", "--now", "2026-12-02T08:59:00+01:00", env=env, cwd=tmp_path)
    assert code == 0 and "skickat 0" in out
    assert len(fake_slack.calls) == calls

    code, out, _ = await smbot("outbox", env=env, cwd=tmp_path)
    assert code == 0
    assert "sent     2" in out and "failed   0" in out


async def test_tick_refuses_an_instant_without_a_time_zone(database_url, fake_slack, tmp_path):
    env = slack_env(database_url, fake_slack)
    code, _, err = await smbot("tick", "--now", "2026-12-01T09:00:00", env=env, cwd=tmp_path)
    assert code == 2
    assert "tidszon" in err


async def test_serve_answers_healthz_and_its_scheduler_ticks(database_url, fake_slack, tmp_path):
    upgrade(database_url)
    core = create_core(
        Settings(_env_file=None, database_url=database_url),  # type: ignore[call-arg]
        FixedClock(datetime.now(UTC) - timedelta(minutes=1)),
    )
    with core.session() as session:
        recipient = person(session, "U9", "Vera V", core.now())
        # Due already; only a tick of the scheduler sends it (the idle outbox loop waits 30 s).
        enqueue_to_person(session, core, "test:serve", recipient.id, Message(text="från serve"))
    core.engine.dispose()

    port = free_port()
    env = slack_env(database_url, fake_slack, HOST="127.0.0.1", PORT=str(port))
    process = await start_serve(env, tmp_path)
    try:
        health = await wait_for_health(f"http://127.0.0.1:{port}/healthz", process)
        assert health["status"] == "ok" and health["platforms"] == ["slack"]
        for _ in range(100):
            if fake_slack.messages_to("DU9"):
                break
            await asyncio.sleep(0.1)
        assert [m["text"] for m in fake_slack.messages_to("DU9")] == ["från serve"]
    finally:
        process.terminate()
        _, err = await asyncio.wait_for(process.communicate(), 20)
    logs = err.decode()
    # The tick ran the sweeps too (they were due or not; the report names them).
    assert "tick: TickReport(ran=[" in logs and "activity-morning" in logs
    assert "xoxb-test" not in logs
    check = create_core(Settings(_env_file=None, database_url=database_url))  # type: ignore[call-arg]
    with check.session() as session:
        row = session.exec(select(OutboxMessage).where(OutboxMessage.key == "test:serve")).one()
        assert row.status == OutboxStatus.SENT
    check.engine.dispose()


async def test_serve_without_slack_credentials_exits_naming_what_is_missing(tmp_path):
    env = environment(DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}")
    code, _, err = await smbot("serve", env=env, cwd=tmp_path)
    assert code != 0
    assert "SLACK_BOT_TOKEN" in err and "SLACK_SIGNING_SECRET" in err
    env["SLACK_BOT_TOKEN"] = "xoxb-only-the-token"
    code, _, err = await smbot("serve", env=env, cwd=tmp_path)
    assert code != 0
    assert "SLACK_SIGNING_SECRET" in err and "xoxb-only-the-token" not in err


async def test_check_config_never_prints_a_secret(tmp_path):
    env = environment(
        DATABASE_URL="postgresql://smbot:db-hemlighet-99@db.example.se:5432/smbot",
        SLACK_API_URL="http://127.0.0.1:9/api/",
        **SECRETS,
    )
    code, out, err = await smbot("check-config", env=env, cwd=tmp_path)
    # db.example.se does not answer: a configuration problem (exit 2), named without its password.
    assert code == 2, err
    assert "Databasen svarar inte (DATABASE_URL=postgresql://smbot:***@db.example.se" in out
    for secret in [*SECRETS.values(), "db-hemlighet-99"]:
        assert secret not in out and secret not in err
    assert "SLACK_BOT_TOKEN" in out and "(satt, dold)" in out
    assert "smbot:***@db.example.se" in out
    assert "slack: redo" in out


def test_tick_exits_non_zero_when_a_sweep_fails_and_still_runs_the_others(tmp_path, capsys):
    from bot.cli import run_tick

    def broken(core, session):
        raise RuntimeError("trasig regel")

    failing = Verbs()
    failing.sweep("test-broken")(broken)
    registry = Registry.build([failing, *FLOWS])
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'tick.db'}")  # type: ignore[call-arg]
    now = argparse.Namespace(now=datetime(2026, 12, 1, 9, tzinfo=STOCKHOLM))
    code = run_tick(now, settings, [], registry)
    captured = capsys.readouterr()
    assert code == 1
    assert "test-broken" in captured.err
    assert "activity-morning" in captured.out  # the others ran
