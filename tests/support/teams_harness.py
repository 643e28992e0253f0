"""The bot as Teams tests meet it: the same harness, Teams on (no auth), a fake Bot Connector."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from bot import texts
from bot.clock import FixedClock
from bot.registry import Registry
from tests.fakes.bot_connector import FakeBotConnector, card_text
from tests.fakes.slack_api import FakeSlackApi
from tests.support.harness import Harness, start_site
from tests.support.teams_requests import TeamsRequests, TeamsUser

ANNA = TeamsUser("29:anna", "aad-anna", "Anna Andersson", "anna.andersson@forshaga.se")
BERTIL = TeamsUser("29:bertil", "aad-bertil", "Bertil Berg", "bertil.berg@forshaga.se")
CECILIA = TeamsUser("29:cecilia", "aad-cecilia", "Cecilia Ek", "cecilia.ek@forshaga.se")
KIM = TeamsUser("29:kim", "aad-kim", "Kim Kommunikatör", "kim.k@forshaga.se")
EVE = TeamsUser("29:eve", "aad-eve", "Eve Utomstående", "eve@forshaga.se")
EVERYONE = (ANNA, BERTIL, CECILIA, KIM, EVE)
COMMUNICATORS_TEAM = "19:kommteam@thread.tacv2"
COMMUNICATORS_CHANNEL = "19:kommkanal@thread.tacv2"


class TeamsHarness(Harness):
    def __init__(
        self,
        database_url: str,
        fake_slack: FakeSlackApi,
        clock: FixedClock,
        connector: FakeBotConnector,
        registry: Registry | None = None,
        **overrides: Any,
    ) -> None:
        overrides.setdefault("teams_local", True)
        super().__init__(database_url, fake_slack, clock, registry, **overrides)
        self.connector = connector
        self.teams = TeamsRequests(lambda: self.url, connector.url)


@pytest.fixture
async def fake_connector() -> AsyncIterator[FakeBotConnector]:
    fake = FakeBotConnector()
    runner, url = await start_site(fake.app())
    fake.url = url
    for user in EVERYONE:
        fake.add_member(user.id, user.aad, user.name, user.email)
    yield fake
    await runner.cleanup()


def teams_fixture(registry: Callable[[], Registry | None] = lambda: None) -> Any:
    """The `teams` fixture, running the bot's verbs or the registry a test module builds."""

    @pytest.fixture(name="teams")
    async def teams(
        database_url: str, fake_slack: FakeSlackApi, clock: FixedClock, fake_connector
    ) -> AsyncIterator[TeamsHarness]:
        harness = TeamsHarness(database_url, fake_slack, clock, fake_connector, registry())
        await harness.start()
        yield harness
        await harness.stop()

    return teams


teams = teams_fixture()


async def application_form_card(teams: TeamsHarness, user: TeamsUser = ANNA) -> dict[str, Any]:
    """The application form card the way a person reaches it in the personal chat: "nytt
    konto" starts the guided conversation, whose first question has **Fyll i formuläret i
    stället**; the form card comes as a new card in the chat."""
    await teams.teams.message(user, "nytt konto")
    first = teams.connector.to(user.chat)[-1].card
    assert first is not None and "Steg 1 av" in card_text(first)
    answer = await teams.teams.press(user, first, texts.guided.TO_FORM)
    assert answer.status == 200
    form = teams.connector.to(user.chat)[-1].card
    assert form is not None and any(e["type"].startswith("Input.") for e in form["body"])
    return form
