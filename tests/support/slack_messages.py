"""Reading what the bot sent through the fake Slack API: DMs, channel posts, buttons."""

from __future__ import annotations

from typing import Any

from tests.fakes.slack_api import FakeSlackApi
from tests.support.harness import COMMUNICATORS_CHANNEL


def dms(fake_slack: FakeSlackApi, slack_id: str) -> list[dict[str, Any]]:
    """Messages the outbox sent to a person (their DM channel is "D" + id)."""
    return fake_slack.messages_to("D" + slack_id)


def channel_posts(fake_slack: FakeSlackApi) -> list[dict[str, Any]]:
    return fake_slack.messages_to(COMMUNICATORS_CHANNEL)


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        element
        for block in message.get("blocks") or []
        if block["type"] == "actions"
        for element in block["elements"]
    ]
