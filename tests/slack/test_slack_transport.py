"""The Slack door: signatures checked before parsing, retries de-duplicated, health."""

from __future__ import annotations

import json
import time

import aiohttp
from sqlmodel import select

from storage.models import InboundEvent


async def test_healthz_reports_database_and_platforms(bot) -> None:
    async with aiohttp.ClientSession() as session, session.get(bot.url + "/healthz") as response:
        assert response.status == 200
        body = await response.json()
    assert body["status"] == "ok"
    assert "slack" in body["platforms"]


async def test_unsigned_garbage_is_refused_without_a_server_error(bot) -> None:
    for body, content_type in [
        (b"\x00\xff not even text", "application/json"),
        (b"payload=%7B%7Bnot-json", "application/x-www-form-urlencoded"),
        (b"", "application/json"),
    ]:
        status, _ = await bot.slack.post(body, content_type, signed=False)
        assert status == 401


async def test_stale_and_wrong_signatures_are_refused_and_change_nothing(bot, fake_slack) -> None:
    old = int(time.time()) - 60 * 10
    body = b"command=%2Fhj%C3%A4lp&user_id=U1&trigger_id=t"
    status, _ = await bot.slack.post(body, "application/x-www-form-urlencoded", timestamp=old)
    assert status == 401
    bot.slack.secret = "wrong-secret"
    status, _ = await bot.slack.post(body, "application/x-www-form-urlencoded")
    assert status == 401
    assert fake_slack.calls == []


async def test_signed_garbage_is_a_bad_request(bot) -> None:
    status, _ = await bot.slack.post(b"payload=%7Bnope", "application/x-www-form-urlencoded")
    assert status == 400
    status, _ = await bot.slack.post(b"[1, 2", "application/json")
    assert status == 400


async def test_url_verification_answers_the_challenge(bot) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"}).encode()
    status, text = await bot.slack.post(body, "application/json")
    assert status == 200
    assert json.loads(text)["challenge"] == "abc123"


async def test_a_retried_event_is_handled_once(bot, fake_slack) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    event = {"type": "app_home_opened", "user": "U1", "tab": "home", "channel": "D1"}
    for retry in (None, 1, 2):
        status, _ = await bot.slack.event(event, event_id="EvSAME", retry_num=retry)
        assert status == 200
    assert len(fake_slack.calls_to("views.publish")) == 1
    with bot.core.session() as session:
        rows = session.exec(select(InboundEvent).where(InboundEvent.external_id == "EvSAME")).all()
    assert len(rows) == 1


async def test_unknown_command_answers_with_help(bot, fake_slack) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    status, text = await bot.slack.command("U1", "/finns-inte")
    assert status == 200
    assert "smbot" in text
