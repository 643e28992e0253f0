"""Shared set-up for the documentation and admins tests: people and active accounts in the DB.

Until the opening flow lands, accounts are made active directly (accepted admins, owner,
manager), as the opening flow would leave them.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_registry
from bot.clock import FixedClock
from bot.flows import activity
from bot.people import link
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus, Person
from tests.fakes.slack_api import FakeSlackApi
from tests.support import slack_messages
from tests.support.harness import COMMUNICATORS_CHANNEL, Harness
from tests.support.slack_messages import buttons as buttons

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


@asynccontextmanager
async def running_bot(
    database_url: str, fake_slack: FakeSlackApi, clock: FixedClock, tmp_path: Path, **overrides: Any
) -> AsyncIterator[Harness]:
    overrides.setdefault("archive_dir", tmp_path / "archive")
    # These tests count every DM and escalation; daily activity has its own tests.
    registry = build_registry().without_sweeps(*activity.SWEEP_NAMES)
    harness = await Harness(database_url, fake_slack, clock, registry, **overrides).start()
    try:
        yield harness
    finally:
        await harness.stop()


def bot_fixture() -> Any:
    """The `bot` fixture of these suites: `running_bot`. In a test module: `bot = bot_fixture()`."""

    @pytest.fixture(name="bot")
    async def bot(
        database_url: str, fake_slack: FakeSlackApi, clock: FixedClock, tmp_path: Path
    ) -> AsyncIterator[Harness]:
        async with running_bot(database_url, fake_slack, clock, tmp_path) as harness:
            yield harness

    return bot


def person(bot: Harness, slack_id: str, name: str) -> int:
    """A person the bot knows, also known to the fake Slack (users.info)."""
    bot.fake_slack.add_user(slack_id, name)
    with bot.core.session() as session:
        row = Person(name=name, email=f"{slack_id.lower()}@example.se", created_at=bot.core.now())
        session.add(row)
        session.flush()
        assert row.id is not None
        link(session, row.id, "slack", slack_id)
        return row.id


def communicator(bot: Harness, slack_id: str = "UKOMM", name: str = "Karin Kommunikatör") -> int:
    bot.fake_slack.channel_members.setdefault(COMMUNICATORS_CHANNEL, []).append(slack_id)
    return person(bot, slack_id, name)


def active_account(
    bot: Harness,
    *,
    owner: int,
    admins: list[int],
    manager: int,
    activated_at: datetime,
    name: str = "Forshaga bibliotek",
    platform: str = "facebook",
) -> int:
    """An active account: the owner and `admins` accepted, activated at `activated_at`."""
    with bot.core.session() as session:
        account = Account(
            platform=platform,
            name=name,
            unit="Kultur och fritid",
            purpose="Informera om bibliotekets verksamhet",
            audience="Kommuninvånare",
            resources="Två bibliotekarier, 4 h/vecka",
            owner_id=owner,
            manager_id=manager,
            status=AccountStatus.ACTIVE,
            manager_approved_at=activated_at,
            anchored_at=activated_at,
            credentials_confirmed_at=activated_at,
            created_at=activated_at,
            submitted_at=activated_at,
            activated_at=activated_at,
        )
        session.add(account)
        session.flush()
        assert account.id is not None
        for admin in [owner, *admins]:
            session.add(
                AccountAdmin(
                    account_id=account.id,
                    person_id=admin,
                    is_owner=admin == owner,
                    status=AdminStatus.ACCEPTED,
                    nominated_at=activated_at,
                    decided_at=activated_at,
                )
            )
        return account.id


# Other flows' messages that a tick sends alongside ours: the daily-activity morning DM,
# its "no posts" escalation, and the communicators' digest. Tested in their own suites.
MORNING_DM = "God morgon!"
OTHER_CHANNEL_POSTS = (re.compile(r"^Olösta eskaleringar"), re.compile(r"har inte publicerat på"))


def dms(fake_slack: FakeSlackApi, slack_id: str) -> list[dict[str, Any]]:
    """Messages this feature sent to a person (their DM channel is "D" + id)."""
    return [
        m for m in slack_messages.dms(fake_slack, slack_id) if not m["text"].startswith(MORNING_DM)
    ]


def channel_posts(fake_slack: FakeSlackApi) -> list[dict[str, Any]]:
    return [
        m
        for m in slack_messages.channel_posts(fake_slack)
        if not any(pattern.search(m["text"]) for pattern in OTHER_CHANNEL_POSTS)
    ]


def library_team(
    bot: Harness, activated_at: datetime, *, own_manager: bool = False
) -> dict[str, int]:
    """Anna (owner) and Bertil run the library's account; Cecilia is their manager,
    unless Anna is her own (then Cecilia is not created)."""
    anna = person(bot, "U1", "Anna Andersson")
    bertil = person(bot, "U2", "Bertil Berg")
    team = {"anna": anna, "bertil": bertil}
    manager = anna
    if not own_manager:
        manager = team["chef"] = person(bot, "UCHEF", "Cecilia Chef")
    team["account"] = active_account(
        bot, owner=anna, admins=[bertil], manager=manager, activated_at=activated_at
    )
    return team


def button(message: dict[str, Any], label: str) -> dict[str, Any]:
    found = [b for b in buttons(message) if b["text"]["text"] == label]
    assert found, f"no button {label!r} in {message.get('text')!r}"
    return found[0]


def everything(message: dict[str, Any]) -> str:
    """The message's text and blocks as one string, for `in` checks."""
    return f"{message.get('text', '')} {message.get('blocks', '')}"


async def share_file(bot: Harness, user: str, file_id: str, *, event_id: str | None = None) -> int:
    """The user sends a file in their DM with the bot (Slack's `file_shared` event).

    Returns the HTTP status, after the background archiving has finished.
    """
    from handlers.slack.listeners.files import settle

    event = {
        "type": "file_shared",
        "channel_id": "D" + user,
        "file_id": file_id,
        "user_id": user,
        "file": {"id": file_id},
        "event_ts": "1700000000.000100",
    }
    status, _ = await bot.slack.event(event, event_id=event_id)
    await settle()
    return status
