"""The guided application in the Teams personal chat, over HTTP against the fake Bot
Connector: "nytt konto" or "guida mig" starts it, its first question has Fyll i formuläret i
stället, card buttons answer, the people pickers are form cards, an
invalid answer is asked again, a restart in the middle loses nothing, and the application
equals the one the form card makes."""

from __future__ import annotations

from typing import Any

from bot import texts
from handlers.teams.texts import FORM_BELOW, NOT_IN_CHANNEL
from tests.fakes.bot_connector import FakeBotConnector, card_text
from tests.fakes.slack_api import FakeSlackApi
from tests.support.guided_support import accounts, applications, conversations
from tests.support.teams_harness import (
    ANNA,
    BERTIL,
    CECILIA,
    COMMUNICATORS_CHANNEL,
    COMMUNICATORS_TEAM,
    TeamsHarness,
    application_form_card,
)
from tests.support.teams_requests import Answer

G = texts.guided
DUTIES = ["daily", "reply", "comment_rules", "sender", "confidential", "gdpr"]
ANSWERS = {
    "platform": "instagram",
    "name": "Forshaga bibliotek",
    "unit": "Kultur och fritid, biblioteket",
    "purpose": "Boktips, evenemang och öppettider för bibliotekets besökare.",
    "audience": "Invånare i alla åldrar, särskilt barnfamiljer.",
    "resources": "Anna och Cecilia, cirka 3 timmar i veckan.",
}


async def started(
    database_url: str, fake_slack: FakeSlackApi, clock, connector: FakeBotConnector
) -> TeamsHarness:  # type: ignore[no-untyped-def]
    return await TeamsHarness(database_url, fake_slack, clock, connector).start()  # type: ignore[return-value]


def newest(teams: TeamsHarness) -> dict[str, Any]:
    """The newest card in Anna's chat with the bot."""
    card = teams.connector.to(ANNA.chat)[-1].card
    assert card is not None
    return card


async def tap(teams: TeamsHarness, label: str, card: dict[str, Any] | None = None) -> Answer:
    answer = await teams.teams.press(ANNA, card or newest(teams), label)
    assert answer.status == 200
    return answer


async def pick(
    teams: TeamsHarness, label: str, field: str, value: str, card: dict[str, Any] | None = None
) -> Answer:
    """Press the picker button, then fill in the form card that came (AAD ids, as Teams).
    The next question replaces the form card: it is the answer's card."""
    await tap(teams, label, card)
    form = newest(teams)
    [submit] = form["actions"]
    data = {**submit["data"], f"in_{field}": value}
    return await teams.teams.execute(ANNA, submit["verb"], data)


async def up_to_manager(teams: TeamsHarness) -> None:
    await teams.teams.message(ANNA, "guida mig")
    assert "Steg 1 av 9" in card_text(newest(teams))
    await tap(teams, "Instagram")
    for step in ("name", "unit", "purpose", "audience", "resources"):
        await teams.teams.message(ANNA, ANSWERS[step])
    assert "närmaste chef" in card_text(newest(teams))


async def the_rest(teams: TeamsHarness) -> None:
    answer = await pick(teams, G.PICK_MANAGER, "manager", BERTIL.aad)
    assert answer.card is not None and "fler administratörer" in card_text(answer.card)
    answer = await pick(teams, G.PICK_CO_ADMINS, "co_admins", CECILIA.aad, answer.card)
    assert answer.card is not None
    await tap(teams, G.CONFIRM_DUTIES, answer.card)
    assert G.SUMMARY_TITLE in card_text(newest(teams))


async def test_a_guided_application_in_teams_equals_the_form_card(
    database_url: str, fake_slack: FakeSlackApi, clock, fake_connector: FakeBotConnector
) -> None:  # type: ignore[no-untyped-def]
    teams = await started(database_url, fake_slack, clock, fake_connector)
    await up_to_manager(teams)
    assert "Varför?" in card_text(newest(teams))
    await teams.stop()
    # A restart in the middle: a new process on the same database.
    teams = await started(database_url, fake_slack, clock, fake_connector)
    # A new activity id: the new request counter would repeat the first process's ids.
    await teams.teams.message(ANNA, "guida mig", id="after-restart-1")
    assert G.WELCOME_BACK in card_text(newest(teams))
    await the_rest(teams)
    assert accounts(teams.core) == 0
    await tap(teams, G.SEND)
    assert accounts(teams.core) == 1 and conversations(teams.core) == []
    # The same answers on the form card ("nytt konto", then Fyll i formuläret i stället).
    form = await application_form_card(teams)
    [submit] = form["actions"]
    values = {
        **ANSWERS,
        "platform_other": "",
        "manager": BERTIL.aad,
        "co_admins": CECILIA.aad,
        "duties": ",".join(DUTIES),
    }
    data = {**submit["data"], **{f"in_{k}": v for k, v in values.items()}}
    assert (await teams.teams.execute(ANNA, submit["verb"], data)).status == 200
    guided, by_form = applications(teams.core)
    await teams.stop()
    assert guided == by_form


async def test_going_back_and_an_invalid_answer_in_teams(
    database_url: str, fake_slack: FakeSlackApi, clock, fake_connector: FakeBotConnector
) -> None:  # type: ignore[no-untyped-def]
    teams = await started(database_url, fake_slack, clock, fake_connector)
    try:
        await teams.teams.message(ANNA, "guida mig")
        await tap(teams, "Instagram")
        await teams.teams.message(ANNA, "x" * 81)
        assert "Högst 80 tecken (nu 81)" in card_text(newest(teams))
        await teams.teams.message(ANNA, "Forshaga bibliotek")
        await tap(teams, G.BACK)
        back = card_text(newest(teams))
        assert "kontots namn" in back and "Forshaga bibliotek" in back
        await tap(teams, G.KEEP)
        assert "verksamhet" in card_text(newest(teams))
        for text in ("Kultur", "Syfte", "Alla", "Tid"):
            await teams.teams.message(ANNA, text)
        refused = await pick(teams, G.PICK_MANAGER, "manager", ANNA.aad)
        assert refused.card is not None
        assert texts.opening.ERROR_MANAGER_IS_APPLICANT.split(" –")[0] in card_text(refused.card)
        assert "manager" not in conversations(teams.core)[0].answers
        await teams.teams.message(ANNA, "avbryt")
        assert conversations(teams.core) == [] and accounts(teams.core) == 0
    finally:
        await teams.stop()


async def test_the_welcome_card_and_the_form_card_offer_guida_mig(
    database_url: str, fake_slack: FakeSlackApi, clock, fake_connector: FakeBotConnector
) -> None:  # type: ignore[no-untyped-def]
    teams = await started(database_url, fake_slack, clock, fake_connector)
    try:
        await teams.teams.install(ANNA)
        await teams.dispatch()
        welcome = newest(teams)
        assert G.START in [a["title"] for a in welcome["actions"]]
        # The welcome card's Ansök om nytt konto still opens the form card.
        assert (await tap(teams, texts.common.START_APPLY, welcome)).text == FORM_BELOW
        form = newest(teams)
        [guide] = [
            a
            for element in form["body"]
            if element["type"] == "ActionSet"
            for a in element["actions"]
        ]
        assert guide["title"] == G.START
        answer = await teams.teams.execute(ANNA, guide["verb"], guide["data"])
        assert answer.status == 200
        assert "Steg 1 av 9" in card_text(newest(teams))
    finally:
        await teams.stop()


async def test_nytt_konto_in_the_personal_chat_starts_the_conversation(
    database_url: str, fake_slack: FakeSlackApi, clock, fake_connector: FakeBotConnector
) -> None:  # type: ignore[no-untyped-def]
    teams = await started(database_url, fake_slack, clock, fake_connector)
    try:
        for typed in ("nytt konto", "/nytt konto", "Nytt-konto"):
            await teams.teams.message(ANNA, typed)
            first = newest(teams)
            assert "Steg 1 av 9: plattform" in card_text(first)
            assert "Input.Text" not in str(first)  # a question, not the form card
        assert len(conversations(teams.core)) == 1 and accounts(teams.core) == 0
        titles = [a["title"] for a in first["actions"]]
        assert "Instagram" in titles and G.TO_FORM in titles
        # Fyll i formuläret i stället: the form card comes; the empty conversation ends.
        answer = await tap(teams, G.TO_FORM, first)
        assert answer.text == FORM_BELOW
        form = newest(teams)
        assert "in_platform" in [e.get("id") for e in form["body"]]
        assert conversations(teams.core) == []
        # What Anna writes next is a command again, not an answer to the first question.
        await teams.teams.message(ANNA, "mina konton")
        assert conversations(teams.core) == [] and "Steg" not in card_text(newest(teams))
    finally:
        await teams.stop()


async def test_nytt_konto_in_a_channel_is_answered_as_before(
    database_url: str, fake_slack: FakeSlackApi, clock, fake_connector: FakeBotConnector
) -> None:  # type: ignore[no-untyped-def]
    """The conversation lives in the personal chat; a channel gets no question and no form."""
    teams = await started(database_url, fake_slack, clock, fake_connector)
    try:
        await teams.teams.in_channel(ANNA, COMMUNICATORS_TEAM, COMMUNICATORS_CHANNEL, "nytt konto")
        [reply] = teams.connector.to(f"{COMMUNICATORS_CHANNEL};messageid=17000000")
        assert reply.text == NOT_IN_CHANNEL
        assert conversations(teams.core) == [] and teams.connector.to(ANNA.chat) == []
    finally:
        await teams.stop()
