"""The communicators' channel in Teams: registered, an escalation opened, what it got."""

from __future__ import annotations

import pytest

from bot.flows.escalation import escalate
from tests.support.teams_harness import (
    CECILIA,
    COMMUNICATORS_CHANNEL,
    COMMUNICATORS_TEAM,
    KIM,
    TeamsHarness,
)


def channel_teams_fixture():  # type: ignore[no-untyped-def]
    """The `teams` fixture with a communicators' team: Kim is named in COMMUNICATORS, Kim and
    Cecilia are members of the team."""

    @pytest.fixture(name="teams")
    async def teams(database_url, fake_slack, clock, fake_connector):  # type: ignore[no-untyped-def]
        fake_connector.conversation_members[COMMUNICATORS_TEAM] = {KIM.id, CECILIA.id}
        harness = TeamsHarness(
            database_url, fake_slack, clock, fake_connector, communicators=[KIM.email]
        )
        await harness.start()
        yield harness
        await harness.stop()

    return teams


def registered_channel_teams_fixture():  # type: ignore[no-untyped-def]
    """The `teams` fixture with the communicators' channel already registered by Kim (the
    one communicator and team member); what that sent is cleared."""

    @pytest.fixture(name="teams")
    async def teams(database_url, fake_slack, clock, fake_connector):  # type: ignore[no-untyped-def]
        fake_connector.conversation_members[COMMUNICATORS_TEAM] = {KIM.id}
        harness = TeamsHarness(
            database_url, fake_slack, clock, fake_connector, communicators=[KIM.email]
        )
        await harness.start()
        await harness.teams.install_in_team(KIM, COMMUNICATORS_TEAM)
        await register(harness)
        fake_connector.clear()
        yield harness
        await harness.stop()

    return teams


async def register(teams: TeamsHarness, user=KIM):  # type: ignore[no-untyped-def]
    return await teams.teams.in_channel(
        user, COMMUNICATORS_TEAM, COMMUNICATORS_CHANNEL, "registrera kommunikatörskanal"
    )


def open_escalation(teams: TeamsHarness, key: str = "test:1") -> int:
    with teams.core.session() as session:
        escalation = escalate(
            session, teams.core, key=key, kind="test", summary="Kontot har inte uppdaterats"
        )
        assert escalation is not None and escalation.id is not None
        return escalation.id


def channel_posts(teams: TeamsHarness):  # type: ignore[no-untyped-def]
    return teams.connector.to(COMMUNICATORS_CHANNEL, "send")
