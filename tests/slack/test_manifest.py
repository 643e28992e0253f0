"""manifest.json matches the code: commands, events, scopes and URLs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import bot.flows  # noqa: F401  (registers the commands)
from bot.app import build_registry
from bot.registry import fold

REGISTRY = build_registry()

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))

# Commands other engineers are building on their branches (the manifest lists them so it
# is complete). The lead empties this set once those branches are merged.
BUILT_ELSEWHERE: set[str] = set()

# The bot scope each Web API method we call needs.
METHOD_SCOPES = {
    "chat_postMessage": {"chat:write"},
    "chat_postEphemeral": {"chat:write"},
    "chat_update": {"chat:write"},
    # The digest's links to escalation cards; Slack requires no scope for it.
    "chat_getPermalink": set(),
    "conversations_open": {"im:write"},
    # Looking up a message in doubt: DMs and the communicators' channel (public or private).
    "conversations_history": {"channels:history", "groups:history", "im:history"},
    "conversations_members": {"channels:read", "groups:read"},
    "users_info": {"users:read", "users:read.email"},
    "views_open": set(),
    "views_publish": set(),
    "files_info": {"files:read"},
    # Files in messages (handlers/slack/uploads.py).
    "files_getUploadURLExternal": {"files:write"},
    "files_completeUploadExternal": {"files:write"},
    "auth_test": set(),
}
EVENT_SCOPES = {
    "app_home_opened": set(),
    "app_mention": {"app_mentions:read"},
    "file_shared": {"files:read"},
    "member_joined_channel": {"channels:read", "groups:read"},
    "member_left_channel": {"channels:read", "groups:read"},
    "message.im": {"im:history"},
    "user_change": {"users:read"},
}


def slash_commands() -> list[str]:
    return [c["command"].removeprefix("/") for c in MANIFEST["features"]["slash_commands"]]


def bot_scopes() -> set[str]:
    return set(MANIFEST["oauth_config"]["scopes"]["bot"])


def test_every_slash_command_is_a_core_command() -> None:
    missing = [
        name
        for name in slash_commands()
        if REGISTRY.find_command(name) is None and name not in BUILT_ELSEWHERE
    ]
    assert missing == []
    # Slack command names: lower case ASCII, digits, dashes (å/ä/ö are folded by the router).
    assert all(re.fullmatch(r"[a-z0-9-]{1,31}", name) for name in slash_commands())


def test_every_core_command_has_a_slash_command() -> None:
    folded = {fold(name) for name in slash_commands()}
    assert {fold(name) for name in REGISTRY.commands} <= folded


def test_hjalp_reaches_hjalp() -> None:
    assert REGISTRY.find_command("hjalp") is REGISTRY.commands["hjälp"]


def test_the_scopes_cover_every_web_api_method_the_code_calls() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "handlers").rglob("*.py"))
    called = set(re.findall(r"client\.(\w+)\(", source)) | set(
        re.findall(r"\b_?call\(\s*\"(\w+)\"", source)
    )
    assert called, "found no Web API calls"
    unknown = called - set(METHOD_SCOPES)
    assert unknown == set(), f"add the scopes for {unknown} to METHOD_SCOPES and the manifest"
    needed = set().union(*(METHOD_SCOPES[m] for m in called))
    assert needed <= bot_scopes()


def test_the_scopes_cover_every_subscribed_event() -> None:
    events = MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    assert set(events) <= set(EVENT_SCOPES)
    assert set().union(*(EVENT_SCOPES[e] for e in events)) <= bot_scopes()
    assert "commands" in bot_scopes()


def test_urls_home_tab_and_mode() -> None:
    settings = MANIFEST["settings"]
    urls = [
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
    ]
    urls += [c["url"] for c in MANIFEST["features"]["slash_commands"]]
    assert all(url.endswith("/slack/events") for url in urls)
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is False
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert MANIFEST["features"]["app_home"]["messages_tab_enabled"] is True
    assert MANIFEST["features"]["bot_user"]["display_name"]


@pytest.mark.parametrize("event_type", MANIFEST["settings"]["event_subscriptions"]["bot_events"])
async def test_every_subscribed_event_is_answered(bot, fake_slack, event_type: str) -> None:
    """Each event reaches a listener (or the fallback): 200, so Slack does not retry."""
    fake_slack.add_user("U1", "Anna Andersson")
    slack_type = event_type.split(".")[0]
    event = {"type": slack_type, "user": "U1", "channel": "D1", "tab": "home", "ts": "1.0"}
    if event_type == "message.im":
        event.update({"channel_type": "im", "text": "hej"})
    if event_type == "user_change":
        event["user"] = {"id": "U1", "deleted": False, "profile": {}}
    if event_type == "file_shared":
        event.update({"file_id": "F1", "user_id": "U1", "channel_id": "D1"})
    status, _ = await bot.slack.event(event)
    assert status == 200
