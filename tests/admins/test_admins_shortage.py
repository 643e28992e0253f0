"""Fewer than two present admins: the owner (or manager) is asked, the communicators told."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from bot.people import find_by_identity
from storage.models import (
    Escalation,
    EscalationStatus,
)
from tests.conftest import STOCKHOLM
from tests.support.docs_support import (
    bot_fixture,
    channel_posts,
    communicator,
    dms,
    library_team,
    person,
)

# Recent enough that no documentation is due in these tests.
ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)


bot = bot_fixture()


@pytest.fixture
def library(bot) -> dict[str, int]:  # type: ignore[no-untyped-def]
    team = library_team(bot, ACTIVATED)
    communicator(bot)
    return team


def user_change(user: str, *, deleted: bool) -> dict:
    return {
        "type": "user_change",
        "user": {"id": user, "deleted": deleted, "real_name": "x", "profile": {}},
        "event_ts": "1700000000.000100",
    }


def escalations(fake_slack) -> list[dict]:  # type: ignore[no-untyped-def]
    return [m for m in channel_posts(fake_slack) if m["text"].startswith("Eskalering")]


async def test_unknown_users_and_profile_edits_change_nothing(bot, fake_slack, library) -> None:
    await bot.slack.event(user_change("USTRANGER", deleted=True))
    await bot.slack.event(user_change("U2", deleted=False))
    await bot.dispatch()
    assert fake_slack.calls_to("chat.postMessage") == []
    with bot.core.session() as session:
        assert find_by_identity(session, "slack", "USTRANGER") is None


async def test_departures_missed_while_down_are_found_by_asking_slack(
    bot, fake_slack, library
) -> None:
    from handlers.slack.people_sync import people_to_check, sync_departures
    from handlers.slack.platform import SLACK_KEY

    slack = bot.app[SLACK_KEY]
    person(bot, "UX", "Olle Obehörig")  # known, but no account depends on him
    assert sorted(slack_id for _, slack_id in people_to_check(slack)) == ["U1", "U2", "UCHEF"]
    fake_slack.users["U2"]["deleted"] = True  # deactivated while no event reached us
    assert await sync_departures(slack) == 1
    await bot.dispatch()
    # Anna is asked to nominate a new admin, and to change the password (Bertil left).
    assert len(dms(fake_slack, "U1")) == 2 and len(escalations(fake_slack)) == 1
    assert await sync_departures(slack) == 0  # nothing new the second time
    fake_slack.users["U2"]["deleted"] = False
    assert await sync_departures(slack) == 1
    with bot.core.session() as session:
        assert (
            session.exec(select(Escalation).where(Escalation.kind == "too-few-admins")).one().status
            == EscalationStatus.RESOLVED
        )
