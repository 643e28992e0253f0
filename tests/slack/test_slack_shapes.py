"""Issue 13 item 10 on `/slack/events`: signed payloads that do not have the shape Slack
promises are a 400 with one log line, no traceback, no change (the cases bolt and the
listeners used to answer 500)."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel


def row_counts(bot) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with bot.core.engine.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in SQLModel.metadata.tables.items()
        }


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def interaction(payload: dict[str, Any]) -> tuple[bytes, str]:
    return urlencode({"payload": json.dumps(payload)}).encode(), "application/x-www-form-urlencoded"


def event(inner: Any) -> tuple[bytes, str]:
    envelope = {"type": "event_callback", "event_id": "EvODD", "team_id": "T1", "event": inner}
    return json.dumps(envelope).encode(), "application/json"


USER = {"id": "U1"}
ODD = {
    "not UTF-8": (b"\x80\xff command=/hj", "application/x-www-form-urlencoded"),
    "a command without a user": (b"command=%2Fhjalp&text=", "application/x-www-form-urlencoded"),
    "a command with a NUL": (
        b"command=%2Fhjalp&user_id=U1&text=a%00b",
        "application/x-www-form-urlencoded",
    ),
    "a press without actions": interaction({"type": "block_actions", "user": USER}),
    "a press whose user is a list": interaction(
        {"type": "block_actions", "user": ["U1"], "actions": [{"action_id": "x|0"}]}
    ),
    "a press whose action id is a number": interaction(
        {"type": "block_actions", "user": USER, "actions": [{"action_id": 7}]}
    ),
    "a submission whose state is a list": interaction(
        {"type": "view_submission", "user": USER, "view": {"callback_id": "x", "state": []}}
    ),
    "a submission whose value is a dict": interaction(
        {
            "type": "view_submission",
            "user": USER,
            "view": {
                "callback_id": "comments.new",
                "state": {"values": {"text": {"value": {"type": "x", "value": {"a": 1}}}}},
            },
        }
    ),
    "a shortcut without a callback": interaction({"type": "shortcut", "user": USER}),
    "an unknown interaction": interaction({"type": "nonsense", "user": USER}),
    "an event that is a list": event(["app_home_opened"]),
    "a home visit without a user": event({"type": "app_home_opened"}),
    "a user change whose user is text": event({"type": "user_change", "user": "U1"}),
    "a DM whose files are not a list": event(
        {"type": "message", "channel_type": "im", "user": "U1", "files": {"id": "F1"}}
    ),
    # Found by the fuzz run: bolt reads these before any listener, and raised on them.
    "an event whose type is an object": event({"type": {"a": 1}}),
    "a user change whose channel is a number": event(
        {"type": "user_change", "user": USER, "channel": -1.6e16}
    ),
    "an envelope whose channel is a number": (
        json.dumps(
            {
                "type": "event_callback",
                "event_id": "EvODD",
                "channel": 5,
                "event": {"type": "app_home_opened", "user": "U1"},
            }
        ).encode(),
        "application/json",
    ),
    "an envelope without an event id": (
        json.dumps({"type": "event_callback", "event": {"type": "x"}}).encode(),
        "application/json",
    ),
}


@pytest.mark.parametrize("name", list(ODD))
async def test_an_odd_signed_payload_is_a_400_and_changes_nothing(
    bot, fake_slack, caplog, name
) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    before = row_counts(bot)
    body, content_type = ODD[name]
    status, _ = await bot.slack.post(body, content_type)
    assert status == 400
    assert tracebacks(caplog) == []
    assert row_counts(bot) == before
    assert fake_slack.calls == []
    refused = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refused) <= 1
