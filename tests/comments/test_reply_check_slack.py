"""Slack: a reply with a tone remark turns the Besvarad modal into the choice (fix, or
close anyway), and closing anyway is stored on the comment."""

from __future__ import annotations

import json

from storage.models import CommentStatus
from tests.support.comments_support import alerted_comment, button_id, comments
from tests.support.slack_requests import select_value, text_value


async def test_the_tone_choice_in_the_modal(bot, fake_slack) -> None:
    comment_id, alert = await alerted_comment(bot, fake_slack, "555000111_1", "Öppet i dag?")
    await bot.slack.press("UANNA", button_id(alert, "Besvarad"), str(comment_id), channel="DUANNA")
    [opened] = fake_slack.calls_to("views.open")
    view = opened.args["view"]
    reply = "Japp, öppet!!! /Anna Andersson, bibliotekarie"
    _status, body = await bot.slack.submit("UANNA", view, {"reply": text_value(reply)})
    answer = json.loads(body)
    assert answer["response_action"] == "update"
    choice = answer["view"]
    assert choice["callback_id"] == "comments.reply_tone"
    assert "Flera utrops- eller frågetecken i rad" in json.dumps(choice, ensure_ascii=False)
    [pending] = comments(bot)
    assert pending.status == CommentStatus.OPEN and pending.reply_text == reply

    _status, body = await bot.slack.submit(
        "UANNA", choice, {"choice": select_value("close_anyway")}
    )
    assert body == ""
    [closed] = comments(bot)
    assert closed.status == CommentStatus.ANSWERED and closed.reply_choice == "close_anyway"
    assert "trots anmärkningarna" in fake_slack.messages_to("DUANNA")[-1]["text"]
