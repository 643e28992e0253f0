"""The guided application in a Slack DM, over HTTP against the fake Slack: "nytt konto"
written to the bot starts it, buttons in the DM answer, the people pickers are modals, an
invalid answer is asked again, a restart in the middle loses nothing, and the application
equals the one /nytt-konto's modal makes."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from bot import texts
from bot.flows.opening import names
from tests.fakes.slack_api import FakeSlackApi
from tests.support.docs_support import running_bot
from tests.support.guided_support import accounts, applications, conversations
from tests.support.harness import Harness
from tests.support.opening_helpers import (
    APPLICANT,
    BO,
    MANAGER,
    add_people,
    answers,
    apply,
    buttons,
    fill,
    last_view,
    press,
)

G = texts.guided
DM = "D" + APPLICANT
_ts = itertools.count(1)


async def say(bot: Harness, text: str) -> None:
    event = {"type": "message", "channel_type": "im", "channel": DM, "user": APPLICANT}
    status, _ = await bot.slack.event(event | {"text": text, "ts": f"1.{next(_ts)}"})
    assert status == 200


def latest(fake: FakeSlackApi) -> dict[str, Any]:
    """The newest message to Anna: in the DM, or to her user id (after a modal)."""
    posted = [
        c.args
        for c in fake.calls_to("chat.postMessage")
        if c.args.get("channel") in (DM, APPLICANT)
    ]
    return posted[-1]


def title(message: dict[str, Any]) -> str:
    return message["blocks"][0]["text"]["text"]


async def tap(bot: Harness, fake: FakeSlackApi, label: str) -> None:
    """Press the button labelled `label` on Anna's newest message, in her DM."""
    message = latest(fake)
    [element] = [b for b in buttons(message) if b["text"]["text"] == label]
    status, _ = await bot.slack.press(APPLICANT, element["action_id"], element["value"], channel=DM)
    assert status == 200


async def pick(bot: Harness, fake: FakeSlackApi, label: str, field: str, value: Any) -> dict:
    await tap(bot, fake, label)
    view = last_view(fake)
    assert view["callback_id"] == names.GUIDED_PEOPLE
    status, body = await bot.slack.submit(APPLICANT, view, fill(view, {field: value}))
    assert status == 200
    return {"body": body}


async def up_to_manager(bot: Harness, fake: FakeSlackApi) -> None:
    values = answers()
    await say(bot, "nytt konto")
    assert "Steg 1 av 9" in title(latest(fake))
    await tap(bot, fake, "Instagram")
    for step in ("name", "unit", "purpose", "audience", "resources"):
        await say(bot, values[step])


async def the_rest(bot: Harness, fake: FakeSlackApi) -> None:
    await pick(bot, fake, G.PICK_MANAGER, "manager", MANAGER)
    await pick(bot, fake, G.PICK_CO_ADMINS, "co_admins", [BO])
    await tap(bot, fake, G.CONFIRM_DUTIES)
    assert G.SUMMARY_TITLE in title(latest(fake))


async def test_a_guided_application_in_a_slack_dm_equals_the_modals(
    database_url: str, fake_slack: FakeSlackApi, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    async with running_bot(database_url, fake_slack, clock, tmp_path) as bot:
        await up_to_manager(bot, fake_slack)
        question = latest(fake_slack)
        assert "närmaste chef" in title(question) and question["channel"] == DM
        assert "Varför?" in str(question["blocks"])
    # A restart in the middle: a new process on the same database.
    async with running_bot(database_url, fake_slack, clock, tmp_path) as bot:
        await say(bot, "nytt konto")
        assert "närmaste chef" in title(latest(fake_slack))
        assert G.WELCOME_BACK in str(latest(fake_slack)["blocks"])
        await the_rest(bot, fake_slack)
        assert accounts(bot.core) == 0
        await tap(bot, fake_slack, G.SEND)
        assert accounts(bot.core) == 1 and conversations(bot.core) == []
        await bot.dispatch()
        [manager_dm] = [m for m in fake_slack.messages_to("D" + MANAGER)]
        assert "Forshaga bibliotek" in str(manager_dm["blocks"])
        status, _ = await apply(bot, fake_slack)
        assert status == 200
        guided, by_modal = applications(bot.core)
    assert guided == by_modal


async def test_going_back_and_an_invalid_answer_in_slack(
    database_url: str, fake_slack: FakeSlackApi, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    async with running_bot(database_url, fake_slack, clock, tmp_path) as bot:
        await say(bot, "nytt konto")
        await tap(bot, fake_slack, "Instagram")
        await say(bot, "x" * 81)
        again = latest(fake_slack)
        assert "kontots namn" in title(again)
        assert "Högst 80 tecken (nu 81)" in str(again["blocks"])  # the form's own message
        await say(bot, "Forshaga bibliotek")
        assert "verksamhet" in title(latest(fake_slack))
        await tap(bot, fake_slack, G.BACK)
        back = latest(fake_slack)
        assert "kontots namn" in title(back) and "Forshaga bibliotek" in str(back["blocks"])
        await tap(bot, fake_slack, G.KEEP)
        assert "verksamhet" in title(latest(fake_slack))
        # The manager picker refuses the applicant herself, inline in the modal.
        for text in ("Kultur", "Syfte", "Alla", "Tid"):
            await say(bot, text)
        result = await pick(bot, fake_slack, G.PICK_MANAGER, "manager", APPLICANT)
        assert "response_action" in result["body"] and "errors" in result["body"]
        [conversation] = conversations(bot.core)
        assert "manager" not in conversation.answers
        await say(bot, "avbryt")
        assert conversations(bot.core) == [] and accounts(bot.core) == 0


async def test_guida_mig_on_the_modal_opens_the_conversation_in_the_dm(
    database_url: str, fake_slack: FakeSlackApi, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    async with running_bot(database_url, fake_slack, clock, tmp_path) as bot:
        await bot.slack.command(APPLICANT, "/nytt-konto")
        view = last_view(fake_slack)
        [guide] = [
            e for block in view["blocks"] if block["type"] == "actions" for e in block["elements"]
        ]
        assert guide["text"]["text"] == G.START
        status, _ = await bot.slack.press(APPLICANT, guide["action_id"], guide["value"])
        assert status == 200
        assert "Steg 1 av 9" in title(latest(fake_slack))


async def test_press_from_the_dm_is_refused_for_someone_without_a_conversation(
    database_url: str, fake_slack: FakeSlackApi, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    async with running_bot(database_url, fake_slack, clock, tmp_path) as bot:
        await say(bot, "nytt konto")
        message = latest(fake_slack)
        notice = await press(bot, BO, message, names.GUIDED_CHOOSE)
        assert notice.startswith("Du har inget påbörjat samtal")
        [conversation] = conversations(bot.core)
        assert conversation.answers == {}


async def test_the_app_home_offers_guida_mig(
    database_url: str, fake_slack: FakeSlackApi, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    async with running_bot(database_url, fake_slack, clock, tmp_path) as bot:
        await bot.slack.event({"type": "app_home_opened", "user": APPLICANT, "tab": "home"})
        home = fake_slack.calls_to("views.publish")[-1].args["view"]
        [guide] = [b for b in buttons(home) if b["text"]["text"] == G.START]
        status, _ = await bot.slack.press(APPLICANT, guide["action_id"], guide["value"])
        assert status == 200
        # Pressed on the Home tab: the first question comes as a DM.
        assert "Steg 1 av 9" in title(latest(fake_slack))


async def test_the_first_question_opens_the_modal_instead(
    database_url: str, fake_slack: FakeSlackApi, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    async with running_bot(database_url, fake_slack, clock, tmp_path) as bot:
        await say(bot, "nytt konto")
        assert "Steg 1 av 9" in title(latest(fake_slack))
        await tap(bot, fake_slack, G.TO_FORM)
        view = last_view(fake_slack)
        assert view["callback_id"] == names.APPLY
        assert conversations(bot.core) == []  # nothing was answered: the conversation ended
        status, _ = await bot.slack.submit(APPLICANT, view, fill(view, answers()))
        assert status == 200 and accounts(bot.core) == 1
