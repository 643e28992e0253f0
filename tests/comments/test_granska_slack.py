"""`/granska` in Slack: with text, the review comes back at once (ephemeral, in the
command's answer); without, a modal opens and the review is sent privately. Nothing is
saved; people who are neither admins nor communicators are refused."""

from __future__ import annotations

import json

from sqlmodel import select

from storage.models import AuditEntry
from tests.support.comments_support import SIGNED_REPLY, make_account, opened_views
from tests.support.slack_requests import text_value


def audit_count(bot) -> int:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return len(session.exec(select(AuditEntry.id)).all())


async def test_granska_with_text_and_with_the_modal(bot, fake_slack) -> None:
    make_account(bot, fake_slack)
    before = audit_count(bot)
    status, body = await bot.slack.command("UANNA", "/granska", "VI HAR STÄNGT!!!")
    assert status == 200
    shown = json.dumps(json.loads(body), ensure_ascii=False)
    assert "Granskning av utkastet" in shown and "Versaler läses som skrik: STÄNGT" in shown
    assert "saknas" in shown and "LIX" in shown

    status, body = await bot.slack.command("UANNA", "/granska", "")
    [view] = opened_views(fake_slack)
    assert view["callback_id"] == "comments.granska"
    _status, body = await bot.slack.submit("UANNA", view, {"draft": text_value(SIGNED_REPLY)})
    assert body == ""
    [review] = fake_slack.messages_to("DUANNA")
    assert "Utkastet följer riktlinjen" in json.dumps(review["blocks"], ensure_ascii=False)
    assert audit_count(bot) == before  # saves nothing, not even an audit line

    fake_slack.add_user("UOLLE", "Olle Obehörig")
    _status, body = await bot.slack.command("UOLLE", "/granska", "Hej")
    assert "Bara administratörer för ett konto och kommunikatörerna" in body
