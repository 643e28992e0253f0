"""Questions in words answered from the guideline: the question set, and each way to ask."""

from __future__ import annotations

import json
from typing import Any

from bot.guideline import load_guideline
from bot.guideline.answers import index_for, looks_like_question
from tests.fakes.slack_api import FakeSlackApi
from tests.guideline.questions import QUESTIONS, UNANSWERED
from tests.support.guideline_files import FORSHAGA
from tests.support.harness import Harness
from tests.support.teams_harness import ANNA, TeamsHarness

PRIVATE = "får jag svara från mitt privata konto?"


def test_the_question_set_finds_the_right_section_first() -> None:
    index = index_for(load_guideline(FORSHAGA))
    assert len(QUESTIONS) >= 25
    misses = []
    for question, expected in QUESTIONS:
        found = index.search(question)
        if not found or found[0].section.key != expected:
            misses.append((question, expected, [m.section.key for m in found]))
    precision = 1 - len(misses) / len(QUESTIONS)
    print(
        f"\nriktlinjefrågor: {len(QUESTIONS) - len(misses)}/{len(QUESTIONS)} rätt avsnitt först "
        f"(precision {precision:.0%}); missar: {misses}"
    )
    assert precision >= 0.8, misses
    for question in UNANSWERED:
        assert index.search(question) == [], question


def test_what_looks_like_a_question() -> None:
    assert looks_like_question(PRIVATE) and looks_like_question("Hur ofta ska vi posta")
    assert not looks_like_question("tack!") and not looks_like_question("")


def _blocks_text(message: dict[str, Any]) -> str:
    return message["text"] + json.dumps(message.get("blocks") or [], ensure_ascii=False)


async def test_slash_riktlinjer_shows_the_guideline_in_force(bot: Harness) -> None:
    status, body = await bot.slack.command("U1", "/riktlinjer")
    assert status == 200
    shown = json.dumps(json.loads(body), ensure_ascii=False)
    assert "Riktlinjer för användande av sociala medier" in shown
    assert "kommunchef" in shown and "https://www.forshaga.se" in shown
    assert "Varje konto har minst två administratörer." in shown


async def test_slash_riktlinjer_with_a_question_quotes_the_section(bot: Harness) -> None:
    _, body = await bot.slack.command("U1", "/riktlinjer", PRIVATE)
    shown = json.dumps(json.loads(body), ensure_ascii=False)
    assert "Så här kommer du igång: tjänstekonto och inloggning" in shown
    assert "ska använda ett tjänstekonto" in shown and "läs hela riktlinjen" in shown


async def test_nothing_in_the_guideline_says_so_and_points_to_the_communicators(
    bot: Harness,
) -> None:
    _, body = await bot.slack.command("U1", "/riktlinjer", "vad kostar en pizza?")
    shown = json.dumps(json.loads(body), ensure_ascii=False)
    assert "Jag hittar inget i riktlinjen" in shown and "Fråga en kommunikatör" in shown


async def test_a_question_in_a_slack_dm_is_answered_from_the_guideline(
    bot: Harness, fake_slack: FakeSlackApi
) -> None:
    event = {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1"}
    status, _ = await bot.slack.event(event | {"text": PRIVATE, "ts": "1.1"})
    assert status == 200
    # Answered in her DM with the bot, through the outbox.
    [answer] = fake_slack.messages_to("DU1")
    assert "ska använda ett tjänstekonto" in _blocks_text(answer)
    # The bot's own messages and channel chatter are not questions to it.
    await bot.slack.event(event | {"text": PRIVATE, "ts": "1.2", "bot_id": "B1"})
    await bot.slack.event(event | {"text": PRIVATE, "ts": "1.3", "channel_type": "channel"})
    assert len(fake_slack.messages_to("DU1")) == 1


async def test_a_question_in_the_teams_chat_is_answered_from_the_guideline(
    teams: TeamsHarness,
) -> None:
    await teams.teams.message(ANNA, "Hur många administratörer måste ett konto ha?")
    [reply] = teams.connector.to(ANNA.chat)
    assert "Minst två personer ska kunna administrera varje konto" in reply.text
    await teams.teams.message(ANNA, "riktlinjer")
    assert "Riktlinjer för användande av sociala medier" in teams.connector.to(ANNA.chat)[-1].text
