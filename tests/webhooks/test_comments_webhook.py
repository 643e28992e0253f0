"""The generic comment webhook: a per-account secret shown once, HMAC over the raw body,
the documented JSON shape, and a second delivery that changes nothing."""

from __future__ import annotations

import json
import logging

from sqlmodel import select

from storage.models import AuditEntry, CommentStatus, PlatformLink, WebhookSecret
from tests.support.comments_support import (
    add_communicator,
    at,
    comments,
    dms,
    generic_post,
    make_account,
    meta_signature,
)
from tests.support.webhook_comments import COMMENT, new_secret


async def test_secret_is_for_communicators_shown_once_and_never_logged(
    bot, fake_slack, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    add_communicator(fake_slack)
    fake_slack.add_user("UOLLE", "Olle Obehörig")
    account_id = make_account(bot, fake_slack)
    _, body = await bot.slack.command("UOLLE", "/webhook-hemlighet", str(account_id))
    assert body == "Det här är bara för kommunikatörerna."
    _, body = await bot.slack.command("UKOMM", "/webhook-hemlighet", "Finns inte")
    assert body == "Kontot ”Finns inte” finns inte."
    secret = await new_secret(bot, "forshaga bibliotek")
    with bot.core.session() as session:
        assert session.exec(select(WebhookSecret.secret)).one() == secret
        audit = json.dumps([e.detail for e in session.exec(select(AuditEntry)).all()])
    assert secret not in audit
    assert secret not in caplog.text
    # A new secret replaces the old one.
    newer = await new_secret(bot, str(account_id))
    assert newer != secret
    assert (await generic_post(bot, account_id, COMMENT, secret))[0] == 403
    assert (await generic_post(bot, account_id, COMMENT, newer))[0] == 200


async def test_a_signed_comment_is_stored_once(bot, fake_slack) -> None:
    add_communicator(fake_slack)
    account_id = make_account(bot, fake_slack)
    secret = await new_secret(bot, str(account_id))
    status, body = await generic_post(bot, account_id, COMMENT, secret)
    assert (status, json.loads(body)) == (200, {"status": "stored"})
    status, body = await generic_post(bot, account_id, COMMENT, secret)
    assert (status, json.loads(body)) == (200, {"status": "unchanged"})
    [comment] = comments(bot)
    assert comment.platform == "linkedin" and comment.external_id == COMMENT["id"]
    assert comment.author_name == "Per Persson" and comment.author_profile.endswith("/in/per")
    assert comment.received_at == at(2026, 12, 1, 8, 45)
    assert comment.deadline == at(2026, 12, 2, 17, 0)

    reply = {
        "type": "reply",
        "platform": "linkedin",
        "id": "r1",
        "parent_id": COMMENT["id"],
        "text": "Den 5 januari!",
    }
    await generic_post(bot, account_id, reply, secret)
    assert comments(bot)[0].status == CommentStatus.OPEN  # unsigned: flagged, still open
    await bot.dispatch()
    [flag] = dms(fake_slack, "UANNA")
    assert flag["text"].startswith("Svaret saknar namn och titel")
    name_only = {**reply, "id": "r2", "text": "Den 5 januari!\n/Bo Berg"}
    await generic_post(bot, account_id, name_only, secret)
    assert comments(bot)[0].status == CommentStatus.OPEN  # a name, but no title
    signed = {**reply, "text": "Den 5 januari!\n/Bo Berg, badmästare"}
    signed["id"] = "r3"
    await generic_post(bot, account_id, signed, secret)
    assert comments(bot)[0].status == CommentStatus.ANSWERED


async def test_edit_and_removal(bot, fake_slack) -> None:
    add_communicator(fake_slack)
    account_id = make_account(bot, fake_slack)
    secret = await new_secret(bot, str(account_id))
    await generic_post(bot, account_id, COMMENT, secret)
    edit = {"type": "edited", "platform": "linkedin", "id": COMMENT["id"], "text": "Ändrad"}
    await generic_post(bot, account_id, edit, secret)
    assert comments(bot)[0].text == "Ändrad"
    removal = {"type": "removed", "platform": "linkedin", "id": COMMENT["id"]}
    _status, body = await generic_post(bot, account_id, removal, secret)
    assert json.loads(body) == {"status": "stored"}
    assert comments(bot)[0].status == CommentStatus.REMOVED


async def test_one_accounts_secret_cannot_touch_another_account(bot, fake_slack) -> None:
    add_communicator(fake_slack)
    first = make_account(bot, fake_slack)
    second = make_account(bot, fake_slack, "Forshaga simhall", admins=("USIM",))
    first_secret = await new_secret(bot, str(first))
    second_secret = await new_secret(bot, str(second))
    await generic_post(bot, first, COMMENT, first_secret)
    # Signed with the first secret but claiming the second account: refused.
    assert (await generic_post(bot, second, COMMENT, first_secret))[0] == 403
    # The second account's own (valid) removal of the first account's comment: no effect.
    removal = {"type": "removed", "platform": "linkedin", "id": COMMENT["id"]}
    _, body = await generic_post(bot, second, removal, second_secret)
    assert json.loads(body) == {"status": "unchanged"}
    assert comments(bot)[0].status == CommentStatus.OPEN


async def test_bad_signatures_and_bad_bodies(bot, fake_slack) -> None:
    add_communicator(fake_slack)
    account_id = make_account(bot, fake_slack)
    secret = await new_secret(bot, str(account_id))
    body = json.dumps(COMMENT).encode()
    assert (await generic_post(bot, account_id, body, secret, signature="sha256=00"))[0] == 403
    assert (await generic_post(bot, account_id, body, "fel"))[0] == 403
    assert (await generic_post(bot, "abc", body, secret))[0] == 403
    assert (await generic_post(bot, 999, body, secret))[0] == 403
    no_prefix = meta_signature(body, secret)[7:]
    assert (await generic_post(bot, account_id, body, secret, signature=no_prefix))[0] == 403
    for bad in (
        b"not json",
        b"[]",
        json.dumps({**COMMENT, "type": "like"}).encode(),
        json.dumps({**COMMENT, "platform": "Linked In"}).encode(),
        json.dumps({**COMMENT, "id": ""}).encode(),
        json.dumps({**COMMENT, "text": ""}).encode(),
        json.dumps({**COMMENT, "text": ["x"]}).encode(),
        json.dumps({**COMMENT, "created_time": "igår"}).encode(),
        json.dumps({**COMMENT, "created_time": "2026-12-01T08:45:00"}).encode(),
        json.dumps({**COMMENT, "author": "Per"}).encode(),
        json.dumps({**COMMENT, "permalink": "javascript:alert(1)"}).encode(),
        json.dumps({"type": "reply", "platform": "x", "id": "1", "text": "a"}).encode(),
    ):
        status, _ = await generic_post(bot, account_id, bad, secret)
        assert status == 400, bad
    assert comments(bot) == []


async def test_link_meta_is_for_communicators(bot, fake_slack) -> None:
    add_communicator(fake_slack)
    fake_slack.add_user("UOLLE", "Olle Obehörig")
    first = make_account(bot, fake_slack)
    second = make_account(bot, fake_slack, "Forshaga simhall", admins=("USIM",))
    _, body = await bot.slack.command("UOLLE", "/koppla-meta", f"{first} 104857600000001")
    assert body == "Det här är bara för kommunikatörerna."
    _, body = await bot.slack.command("UKOMM", "/koppla-meta", f"{first}")
    assert body.startswith("Skriv: `/koppla-meta")
    _, body = await bot.slack.command("UKOMM", "/koppla-meta", f"{first} sidan")
    assert body.startswith("Sidans id ska vara siffror")
    _, body = await bot.slack.command(
        "UKOMM", "/koppla-meta", "”Forshaga bibliotek” 104857600000001"
    )
    assert "kopplat till Forshaga bibliotek" in body
    _, body = await bot.slack.command("UKOMM", "/koppla-meta", f"{first} 1784140 instagram")
    _, body = await bot.slack.command("UKOMM", "/koppla-meta", f"{second} 104857600000001")
    assert "var kopplat till Forshaga bibliotek; nu till Forshaga simhall" in body
    with bot.core.session() as session:
        links = session.exec(select(PlatformLink).order_by(PlatformLink.id)).all()
    assert [(x.platform, x.external_id, x.account_id) for x in links] == [
        ("facebook", "104857600000001", second),
        ("instagram", "1784140", first),
    ]
