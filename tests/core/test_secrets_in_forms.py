"""A password typed into any free-text field is refused in the form: not stored, not
audited, not sent to anyone (issue 13, item 13). Driven through Slack like a person."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlmodel import select

from storage.models import AuditEntry, Comment, MajorChange, OutboxMessage
from tests.conftest import STOCKHOLM
from tests.support.comments_support import alerted_comment, opened_views
from tests.support.docs_support import bot_fixture, library_team
from tests.support.slack_requests import select_value, text_value

bot = bot_fixture()
ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)
PASSWORDS = ["lösenord: Sommar2026", "Hunter2!xyz", "xK9mP2qR7vL4", "pwd=hemligt1"]


def assert_nowhere(bot, fake_slack, secret: str) -> None:  # type: ignore[no-untyped-def]
    """Not in any table row a flow writes, nor in anything sent to Slack."""
    with bot.core.session() as session:
        stored = [
            json.dumps(row.model_dump(mode="json"), ensure_ascii=False)
            for model in (AuditEntry, OutboxMessage, MajorChange, Comment)
            for row in session.exec(select(model)).all()
        ]
    assert not [row for row in stored if secret in row]
    sent = [json.dumps(call.args, ensure_ascii=False) for call in fake_slack.calls]
    assert not [call for call in sent if secret in call and "views.open" not in call]


@pytest.mark.parametrize("secret", PASSWORDS)
async def test_a_password_in_a_major_change_is_refused_and_kept_nowhere(
    bot, fake_slack, secret
) -> None:
    library = library_team(bot, ACTIVATED, own_manager=True)
    await bot.slack.command("U1", "/storre-andring")
    view = fake_slack.calls_to("views.open")[-1].args["view"]
    values = {
        "account": select_value(str(library["account"])),
        "what": text_value(f"Nytt namn, {secret}"),
        "when": text_value("2026-12-10"),
    }
    status, body = await bot.slack.submit("U1", view, values)
    assert status == 200
    assert "lösenord" in json.loads(body)["errors"]["what"]
    await bot.dispatch()
    assert_nowhere(bot, fake_slack, secret)


@pytest.mark.parametrize(("action", "field"), [("register", "diarienummer")])
async def test_a_password_as_a_comment_reference_number_is_refused(
    bot, fake_slack, action, field
) -> None:
    comment_id, _ = await alerted_comment(bot, fake_slack, "555000111_700009", "Hej!")
    fake_slack.clear()
    await bot.slack.press("UANNA", f"comments.{action}|0", str(comment_id), channel="C0GEN")
    [view] = opened_views(fake_slack)
    secret = "Hunter2!xyz"
    _status, body = await bot.slack.submit("UANNA", view, {field: text_value(secret)})
    assert "lösenord" in json.loads(body)["errors"][field]
    await bot.dispatch()
    assert_nowhere(bot, fake_slack, secret)
    # An ordinary number still goes through the same form.
    await bot.slack.submit("UANNA", view, {field: text_value("KS 2026/123")})
    with bot.core.session() as session:
        assert session.get(Comment, comment_id).diarienummer == "KS 2026/123"
