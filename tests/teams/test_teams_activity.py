"""Daily activity in Teams: the morning card through `tick`, its buttons, and `publicerat`."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from bot import texts
from storage.models import (
    ActivityKind,
    ActivityLog,
)
from tests.conftest import STOCKHOLM
from tests.fakes.bot_connector import card_buttons
from tests.support.teams_accounts import active_account
from tests.support.teams_harness import ANNA, CECILIA, EVE, TeamsHarness

T = texts.activity
ACTIVATED = datetime(2026, 11, 30, 10, 0, tzinfo=STOCKHOLM)


def logs(teams: TeamsHarness, kind: ActivityKind) -> list[ActivityLog]:
    with teams.core.session() as session:
        return list(session.exec(select(ActivityLog).where(ActivityLog.kind == kind)))


async def test_the_morning_card_and_its_buttons_in_teams(teams: TeamsHarness) -> None:
    for user in (ANNA, CECILIA, EVE):
        await teams.teams.install(user)
    await teams.dispatch()  # the welcomes
    active_account(teams, "Biblioteket", [ANNA, CECILIA])
    teams.connector.clear()

    await teams.tick(datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM))
    await teams.tick(datetime(2026, 12, 1, 9, 30, tzinfo=STOCKHOLM))  # once a morning
    [morning] = teams.connector.to(ANNA.chat)
    assert "God morgon! Dina konton 2026-12-01" in morning.text
    assert [b["title"] for b in card_buttons(morning.card)] == [
        T.POSTED_BUTTON,
        T.LOOKED_OVER_BUTTON,
    ]
    assert len(teams.connector.to(CECILIA.chat)) == 1
    assert teams.connector.to(EVE.chat) == []

    posted_button = card_buttons(morning.card)[0]
    forged = await teams.teams.execute(
        EVE, posted_button["verb"], posted_button["data"], morning.activity_id
    )
    assert forged.text == T.NOT_ADMIN.format(name="Biblioteket")
    assert logs(teams, ActivityKind.POST) == []

    pressed = await teams.teams.press(
        ANNA, morning.card, T.POSTED_BUTTON, reply_to=morning.activity_id
    )
    assert pressed.status == 200
    [post] = logs(teams, ActivityKind.POST)
    assert post.at == teams.clock.now()

    # Typed in the chat: the same log, once a day.
    await teams.teams.message(CECILIA, "publicerat")
    assert T.POST_ALREADY.format(name="Biblioteket") in teams.connector.to(CECILIA.chat)[-1].text
    assert len(logs(teams, ActivityKind.POST)) == 1
