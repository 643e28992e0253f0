"""The account's own replies and posts, arriving by webhook (Meta signed like Meta's, and
the generic webhook), are checked for personnummer: one found is flagged to the admins and
the communicators with the guidance to remove it, once; the number itself is not repeated.
A confidential comment deleted on the platform has its removal step recorded."""

from __future__ import annotations

import json

from sqlmodel import select

from storage.models import AuditEntry, CommentStatus
from tests.support.comments_support import (
    PAGE_ID,
    add_communicator,
    at,
    comments,
    fb_comment,
    fb_page_reply,
    fb_post,
    generic_post,
    link,
    make_account,
    meta_post,
)
from tests.support.harness import COMMUNICATORS_CHANNEL
from tests.support.webhook_comments import new_secret

PNR = "811218-9876"
PAGE = {"id": PAGE_ID, "name": "Forshaga bibliotek"}
FLAG = "Personnummer i kontots eget"


def flags(fake_slack, channel: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [m for m in fake_slack.messages_to(channel) if m["text"].startswith(FLAG)]


def flagged_audits(bot) -> list[dict]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        rows = session.exec(
            select(AuditEntry).where(AuditEntry.action == "account.own_text_personnummer")
        ).all()
        return [r.detail for r in rows]


async def library(bot, fake_slack) -> int:  # type: ignore[no-untyped-def]
    add_communicator(fake_slack)
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    return account_id


async def test_a_page_post_with_a_personnummer_is_flagged_once(bot, fake_slack) -> None:
    await library(bot, fake_slack)
    post = fb_post("104857600000001_9001", f"Grattis {PNR} på födelsedagen!", sender=PAGE)
    assert (await meta_post(bot, post))[0] == 200
    assert (await meta_post(bot, post))[0] == 200  # Meta delivers twice
    await bot.dispatch()
    for channel in ("DUANNA", "DUBO", COMMUNICATORS_CHANNEL):
        [flag] = flags(fake_slack, channel)
        assert flag["text"].startswith("Personnummer i kontots eget inlägg – Forshaga bibliotek")
        shown = json.dumps(flag["blocks"], ensure_ascii=False)
        assert PNR not in shown and "ÅÅMMDD-XXXX" in shown
        assert "ta bort det på plattformen nu" in shown
    [audit] = flagged_audits(bot)
    assert audit == {
        "platform": "facebook",
        "external_id": "104857600000001_9001",
        "kind": "post",
        "count": 1,
    }
    # Edited, still with the number: flagged again (a new text); edited without it: nothing.
    await meta_post(
        bot, fb_post("104857600000001_9001", f"Grattis {PNR}!", sender=PAGE, verb="edited")
    )
    await meta_post(bot, fb_post("104857600000001_9001", "Grattis!", sender=PAGE, verb="edited"))
    await bot.dispatch()
    assert len(flags(fake_slack, "DUANNA")) == 2 and len(flagged_audits(bot)) == 2


async def test_a_post_without_one_is_not_flagged(bot, fake_slack) -> None:
    await library(bot, fake_slack)
    await meta_post(bot, fb_post("104857600000001_9002", "Välkommen på sagostund!", sender=PAGE))
    await bot.dispatch()
    assert flags(fake_slack, "DUANNA") == [] and flagged_audits(bot) == []


async def test_a_signed_page_reply_with_a_personnummer_is_flagged_and_answers_nothing(
    bot, fake_slack
) -> None:
    await library(bot, fake_slack)
    await meta_post(bot, fb_comment("555000111_700001", "Är mitt lånekort klart?"))
    reply = f"Ja, kortet för {PNR} är klart. /Anna Andersson, bibliotekarie"
    await meta_post(bot, fb_page_reply("555000111_800001", "555000111_700001", reply))
    await bot.dispatch()
    [flag] = flags(fake_slack, COMMUNICATORS_CHANNEL)
    assert flag["text"].startswith("Personnummer i kontots eget svar")
    [comment] = comments(bot)
    assert comment.status == CommentStatus.OPEN and comment.answered_by_reply_id is None


async def test_the_generic_webhook_reply_and_post_are_checked(bot, fake_slack) -> None:
    account_id = await library(bot, fake_slack)
    secret = await new_secret(bot, str(account_id))
    reply = {"type": "reply", "platform": "linkedin", "id": "r1", "parent_id": "c1"}
    await generic_post(bot, account_id, {**reply, "text": f"Ditt nr {PNR}. /Bo Berg, chef"}, secret)
    post = {"type": "post", "platform": "linkedin", "id": "p1", "text": f"Vinnare: {PNR}"}
    status, body = await generic_post(bot, account_id, post, secret)
    assert (status, json.loads(body)) == (200, {"status": "stored"})
    await bot.dispatch()
    assert [f["text"].split(" – ")[0] for f in flags(fake_slack, "DUBO")] == [
        "Personnummer i kontots eget svar",
        "Personnummer i kontots eget inlägg",
    ]
    assert [a["kind"] for a in flagged_audits(bot)] == ["reply", "post"]


async def test_a_confidential_comment_deleted_on_the_platform_keeps_its_other_steps(
    bot, fake_slack
) -> None:
    await library(bot, fake_slack)
    await meta_post(bot, fb_comment("555000111_700002", f"Mitt pnr är {PNR}"))
    await meta_post(bot, fb_comment("555000111_700002", verb="remove"))
    [comment] = comments(bot)
    assert comment.confidential and comment.status == CommentStatus.OPEN
    assert comment.removed_at == at(2026, 12, 1, 9, 0) and comment.diarienummer is None
