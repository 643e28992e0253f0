"""Meta webhooks over HTTP: the handshake, signatures over the raw body, feed and Instagram
changes in Meta's shapes, and a second delivery that changes nothing."""

from __future__ import annotations

import json

import aiohttp
import pytest
from sqlmodel import select

from storage.models import AuditEntry, CommentStatus
from tests.support.comments_support import (
    ADMINS,
    IG_ID,
    PAGE_ID,
    POST_ID,
    VISITOR,
    at,
    comment_posts,
    comments,
    dms,
    fb_comment,
    fb_page_reply,
    fb_post,
    ig_comment,
    link,
    make_account,
    meta_post,
    meta_signature,
    outbox_keys,
)
from tests.support.harness import META_VERIFY_TOKEN

COMMENT_ID = "555000111_700001"


async def get(bot, query: dict[str, str]) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    async with (
        aiohttp.ClientSession() as session,
        session.get(bot.url + "/webhooks/meta", params=query) as response,
    ):
        return response.status, await response.text()


async def linked_account(bot, fake_slack) -> int:  # type: ignore[no-untyped-def]
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    link(bot, account_id, "instagram", IG_ID)
    return account_id


async def test_verification_handshake_echoes_the_challenge_only_for_our_token(bot) -> None:
    good = {
        "hub.mode": "subscribe",
        "hub.verify_token": META_VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    assert await get(bot, good) == (200, "1158201444")
    assert (await get(bot, {**good, "hub.verify_token": "fel"}))[0] == 403
    assert (await get(bot, {**good, "hub.mode": "unsubscribe"}))[0] == 403
    assert (await get(bot, {"hub.challenge": "x"}))[0] == 403


async def test_a_page_comment_is_stored_once_with_its_deadline(bot, fake_slack) -> None:
    account_id = await linked_account(bot, fake_slack)
    payload = fb_comment(COMMENT_ID, "Har ni öppet på lördag?")
    assert (await meta_post(bot, payload))[0] == 200
    assert (await meta_post(bot, payload))[0] == 200  # Meta delivers again
    [comment] = comments(bot)
    assert comment.account_id == account_id
    assert (comment.platform, comment.external_id) == ("facebook", COMMENT_ID)
    assert comment.text == "Har ni öppet på lördag?"
    assert comment.author_name == VISITOR["name"]
    assert comment.author_external_id == VISITOR["id"]
    assert comment.received_at == at(2026, 12, 1, 8, 30)  # Meta's created_time
    assert comment.deadline == at(2026, 12, 2, 17, 0)
    assert comment.alert_at == at(2026, 12, 2, 9, 0)
    assert comment.permalink.endswith("/posts/555000111?comment_id=700001")
    assert comment.status == CommentStatus.OPEN and not comment.confidential
    assert outbox_keys(bot) == []  # nothing to say until the due day's morning
    with bot.core.session() as session:
        received = session.exec(
            select(AuditEntry).where(AuditEntry.action == "comment.received")
        ).all()
    assert len(received) == 1


async def test_bad_signatures_are_refused_and_nothing_is_stored(bot, fake_slack) -> None:
    await linked_account(bot, fake_slack)
    body = json.dumps(fb_comment(COMMENT_ID)).encode()
    assert (await meta_post(bot, body, signature=""))[0] == 403
    assert (await meta_post(bot, body, signature="sha256=" + "0" * 64))[0] == 403
    assert (await meta_post(bot, body, signature=meta_signature(body, "annan-hemlighet")))[0] == 403
    assert (await meta_post(bot, body, signature=meta_signature(body)[7:]))[0] == 403  # no prefix
    tampered = body.replace(b"Har ni", b"Har du")
    assert (await meta_post(bot, tampered, signature=meta_signature(body)))[0] == 403
    assert comments(bot) == []


async def test_signed_garbage_is_a_400_never_a_500(bot, fake_slack) -> None:
    await linked_account(bot, fake_slack)
    for body in (
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"object": "page", "entry": {"id": 1}}',
        b'{"object": "page", "entry": [{"id": "1", "changes": [{"field": "feed"}]}]}',
        b'{"object": "page", "entry": ["x"]}',
    ):
        status, _ = await meta_post(bot, body)
        assert status == 400, body
    bad_time = fb_comment(COMMENT_ID)
    bad_time["entry"][0]["changes"][0]["value"]["created_time"] = "i går"
    assert (await meta_post(bot, bad_time))[0] == 200  # the change is skipped, logged
    assert comments(bot) == []


async def test_an_unlinked_page_is_acknowledged_and_not_stored(bot, fake_slack) -> None:
    make_account(bot, fake_slack)
    status, _ = await meta_post(bot, fb_comment(COMMENT_ID, page_id="999"))
    assert status == 200
    assert comments(bot) == []


async def test_edit_keeps_the_deadline_and_remove_closes(bot, fake_slack) -> None:
    await linked_account(bot, fake_slack)
    await meta_post(bot, fb_comment(COMMENT_ID, "Har ni öppet?"))
    bot.clock.set(at(2026, 12, 3, 10, 0))
    await meta_post(bot, fb_comment(COMMENT_ID, "Har ni öppet på söndag?", verb="edited"))
    [comment] = comments(bot)
    assert comment.text == "Har ni öppet på söndag?"
    assert comment.deadline == at(2026, 12, 2, 17, 0)
    await meta_post(bot, fb_comment(COMMENT_ID, verb="remove"))
    await meta_post(bot, fb_comment(COMMENT_ID, verb="remove"))
    [comment] = comments(bot)
    assert comment.status == CommentStatus.REMOVED
    assert comment.removed_at == at(2026, 12, 3, 10, 0)
    assert comment.removed_by_id is None


async def test_a_signed_reply_from_the_page_answers_the_comment(bot, fake_slack) -> None:
    await linked_account(bot, fake_slack)
    await meta_post(bot, fb_comment(COMMENT_ID))
    reply = fb_page_reply(
        "555000111_700002", COMMENT_ID, "Ja, 10–14!\n/Anna Andersson, bibliotekarie"
    )
    await meta_post(bot, reply)
    await meta_post(bot, reply)
    [comment] = comments(bot)
    assert comment.status == CommentStatus.ANSWERED
    assert comment.answered_by_reply_id == "555000111_700002"
    await bot.tick(at(2026, 12, 2, 9, 0))
    await bot.tick(at(2026, 12, 2, 17, 0))
    assert comment_posts(fake_slack) == []  # no alert, no escalation


async def test_an_unsigned_reply_is_flagged_once_and_leaves_the_comment_open(
    bot, fake_slack
) -> None:
    await linked_account(bot, fake_slack)
    await meta_post(bot, fb_comment(COMMENT_ID))
    unsigned = fb_page_reply("555000111_700002", COMMENT_ID, "Ja, 10–14!")
    await meta_post(bot, unsigned)
    await meta_post(bot, unsigned)
    await bot.dispatch()
    for admin in ADMINS:
        [flag] = dms(fake_slack, admin)
        assert "saknar namn och titel" in flag["text"]
        assert "Ja, 10–14!" in json.dumps(flag["blocks"], ensure_ascii=False)
    assert comments(bot)[0].status == CommentStatus.OPEN
    # The admin edits the reply to sign it: now it counts.
    signed = fb_page_reply(
        "555000111_700002", COMMENT_ID, "Ja, 10–14!\nHälsningar Anna, bibliotekarie", verb="edited"
    )
    await meta_post(bot, signed)
    assert comments(bot)[0].status == CommentStatus.ANSWERED


async def test_the_pages_own_post_is_not_a_comment_but_a_visitor_post_is(bot, fake_slack) -> None:
    await linked_account(bot, fake_slack)
    page = {"id": PAGE_ID, "name": "Forshaga bibliotek"}
    assert (await meta_post(bot, fb_post(f"{PAGE_ID}_1", "Välkommen!", sender=page)))[0] == 200
    assert comments(bot) == []
    await meta_post(bot, fb_post(f"{PAGE_ID}_2", "Varför är det stängt?", sender=VISITOR))
    [visitor_post] = comments(bot)
    assert visitor_post.external_id == f"{PAGE_ID}_2"
    assert visitor_post.text == "Varför är det stängt?"


async def test_instagram_comments_and_the_accounts_own_reply(bot, fake_slack) -> None:
    account_id = await linked_account(bot, fake_slack)
    payload = ig_comment("17865799348089039", "Hur lånar jag e-böcker?")
    await meta_post(bot, payload)
    await meta_post(bot, payload)
    [comment] = comments(bot)
    assert (comment.platform, comment.account_id) == ("instagram", account_id)
    assert comment.author_name == "vera.valjare"
    assert comment.author_profile == "https://www.instagram.com/vera.valjare"
    assert comment.post_external_id == "18000000000000123"
    own = {"id": IG_ID, "username": "forshagabibliotek"}
    await meta_post(
        bot,
        ig_comment(
            "17865799348089040",
            "Via appen Libby!\n/Bo Berg, bibliotekarie",
            sender=own,
            parent_id="17865799348089039",
        ),
    )
    [comment] = comments(bot)
    assert comment.status == CommentStatus.ANSWERED


async def test_a_comment_with_a_personnummer_alerts_at_once_masked(bot, fake_slack) -> None:
    await linked_account(bot, fake_slack)
    await meta_post(bot, fb_comment(COMMENT_ID, "Mitt personnummer är 811218-9876, ring mig"))
    [comment] = comments(bot)
    assert comment.confidential
    await bot.dispatch()
    for admin in ADMINS:
        [alert] = dms(fake_slack, admin)
        shown = json.dumps(alert, ensure_ascii=False)
        assert "811218-9876" not in shown
        assert "ÅÅMMDD-XXXX" in shown
        assert "Flytta samtalet till en annan kanal" in shown
    # The morning of the due day sends no second alert.
    await bot.tick(at(2026, 12, 2, 9, 0))
    assert all(len(dms(fake_slack, admin)) == 1 for admin in ADMINS)


async def test_the_pages_own_post_is_logged_as_activity_once(bot, fake_slack) -> None:
    # Runs once the daily-activity flow (branch `activity`) is merged.
    pytest.importorskip("bot.flows.activity")
    from storage.models import ActivityLog  # type: ignore[attr-defined]

    account_id = await linked_account(bot, fake_slack)
    page = {"id": PAGE_ID, "name": "Forshaga bibliotek"}
    payload = fb_post(f"{PAGE_ID}_1", "Välkommen!", sender=page)
    await meta_post(bot, payload)
    await meta_post(bot, payload)
    with bot.core.session() as session:
        rows = session.exec(select(ActivityLog).where(ActivityLog.account_id == account_id)).all()
    assert [(r.kind, r.source, r.external_id) for r in rows] == [
        ("post", "webhook", f"{PAGE_ID}_1")
    ]
    assert rows[0].at == at(2026, 12, 1, 8, 30)


async def test_without_meta_settings_the_routes_say_so_and_store_nothing(
    database_url, fake_slack, clock
) -> None:
    from tests.support.harness import Harness

    bot = await Harness(
        database_url, fake_slack, clock, meta_app_secret=None, meta_verify_token=None
    ).start()
    try:
        await linked_account(bot, fake_slack)
        status, body = await meta_post(bot, fb_comment(COMMENT_ID))
        assert (status, json.loads(body)) == (503, {"error": "META_APP_SECRET är inte satt"})
        query = {"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"}
        assert (await get(bot, query))[0] == 503
        assert comments(bot) == []
    finally:
        await bot.stop()


async def test_the_pages_comment_on_a_visitor_post_answers_it(bot, fake_slack) -> None:
    await linked_account(bot, fake_slack)
    visitor_post = f"{PAGE_ID}_2"
    await meta_post(bot, fb_post(visitor_post, "Varför är det stängt?", sender=VISITOR))
    # The page comments on its own post too: that answers nothing and stores nothing.
    own_post_comment = fb_page_reply("555000111_9", POST_ID, "Välkomna!\n/Anna, bibliotekarie")
    await meta_post(bot, own_post_comment)
    reply = fb_page_reply("2_700005", visitor_post, "Vi har inventering.\n/Bo Berg, bibliotekarie")
    value = reply["entry"][0]["changes"][0]["value"]
    value["post_id"] = visitor_post
    await meta_post(bot, reply)
    [comment] = comments(bot)
    assert comment.external_id == visitor_post and comment.status == CommentStatus.ANSWERED
