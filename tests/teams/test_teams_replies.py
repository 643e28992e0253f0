"""Teams: **Besvarad** asks for the reply as posted (an unsigned one is refused on the card,
a signed one closes the comment), and `granska` checks a draft and saves nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import texts
from bot.flows.comments.intake import Incoming, receive
from handlers.teams import texts as teams_texts
from storage.models import Comment, CommentStatus
from tests.conftest import STOCKHOLM
from tests.fakes.bot_connector import card_buttons, card_text
from tests.support.console_comments import PROPER
from tests.support.teams_accounts import active_account
from tests.support.teams_harness import ANNA, CECILIA, EVE, TeamsHarness

T = texts.comments


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in card["body"] if e["type"].startswith("Input.")}


def submit_data(card: dict[str, Any], **values: str) -> dict[str, Any]:
    [action] = card["actions"]
    return {**action["data"], **{f"in_{key}": value for key, value in values.items()}}


async def test_besvarad_in_teams_checks_the_reply(teams: TeamsHarness) -> None:
    for user in (ANNA, CECILIA):
        await teams.teams.install(user)
    await teams.dispatch()
    account_id = active_account(teams, "Biblioteket", [ANNA, CECILIA])
    with teams.core.session() as session:
        comment = receive(
            session,
            teams.core,
            account_id,
            Incoming(platform="facebook", external_id="c-9", text="Har ni öppet i kväll?"),
        )
        assert comment is not None
        comment_id = comment.id
    await teams.tick(datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM))
    [alert] = [m for m in teams.connector.to(ANNA.chat) if "Kommentar att besvara" in m.text]
    answered = next(b for b in card_buttons(alert.card) if b["title"] == T.BUTTON_ANSWERED)

    teams.connector.clear()
    opened = await teams.teams.execute(ANNA, answered["verb"], answered["data"], alert.activity_id)
    assert opened.text == teams_texts.FORM_BELOW
    form = teams.connector.to(ANNA.chat)[-1].card
    assert list(inputs(form)) == ["in_reply", "in_link"]

    refused = await teams.teams.execute(ANNA, "smbot.form", submit_data(form, reply="Ja."))
    assert refused.card is not None and "namn och titel" in card_text(refused.card)
    with teams.core.session() as session:
        assert session.get(Comment, comment_id).status == CommentStatus.OPEN

    done = await teams.teams.execute(ANNA, "smbot.form", submit_data(form, reply=PROPER))
    assert done.card is not None and card_text(done.card) == T.ANSWERED_NOTICE
    with teams.core.session() as session:
        closed = session.get(Comment, comment_id)
        assert closed.status == CommentStatus.ANSWERED and closed.reply_text == PROPER


async def test_granska_in_teams_reviews_a_draft(teams: TeamsHarness) -> None:
    for user in (ANNA, CECILIA, EVE):
        await teams.teams.install(user)
    await teams.dispatch()
    active_account(teams, "Biblioteket", [ANNA, CECILIA])
    teams.connector.clear()
    await teams.teams.message(ANNA, "granska")
    [sent] = teams.connector.to(ANNA.chat)
    assert sent.card is not None and list(inputs(sent.card)) == ["in_draft"]
    answer = await teams.teams.execute(
        ANNA, "smbot.form", submit_data(sent.card, draft="vet ej lol")
    )
    assert answer.card is not None
    shown = card_text(answer.card)
    assert "Granskning av utkastet" in shown and "LIX" in shown and "saknas" in shown
    assert "Slang eller chattförkortningar: lol" in shown

    teams.connector.clear()
    await teams.teams.message(EVE, "granska Hej")
    [refused] = teams.connector.to(EVE.chat)
    assert T.GRANSKA_NOT_ALLOWED in (refused.text or card_text(refused.card or {}))
