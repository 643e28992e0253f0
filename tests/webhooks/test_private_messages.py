"""Messenger and Instagram Direct through the signed Meta webhook: a private message gets a
deadline and alerts like a comment, its text reaches the account's admins only, the page's
signed reply answers it, edits and unsends are kept as versions, and /gdpr finds it by id."""

from __future__ import annotations

import json

from bot import texts
from storage.models import CommentKind, CommentStatus
from tests.support.comments_support import (
    IG_ID,
    add_communicator,
    at,
    comments,
    link,
    make_account,
    meta_post,
    meta_signature,
)
from tests.support.harness import COMMUNICATORS_CHANNEL
from tests.support.privacy_support import (
    IGSID,
    PSID,
    message_edit,
    messaging,
    private_message,
)
from tests.support.slack_requests import select_value

P = texts.privacy
QUESTION = "Hej! Kan jag få en kopia av protokollet från i tisdags?"
THREAT = "Jag vet var du bor. Vänta bara."


async def linked(bot, fake_slack) -> int:  # type: ignore[no-untyped-def]
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    link(bot, account_id, "instagram", IG_ID)
    add_communicator(fake_slack)
    return account_id


def said_to(fake_slack, channel: str) -> str:  # type: ignore[no-untyped-def]
    """Everything posted or edited into a channel, as one text."""
    calls = fake_slack.calls_to("chat.postMessage") + fake_slack.calls_to("chat.update")
    return json.dumps(
        [c.args for c in calls if c.args.get("channel") == channel], ensure_ascii=False
    )


async def test_a_messenger_message_gets_a_deadline_and_reaches_the_admins_only(
    bot, fake_slack
) -> None:
    account_id = await linked(bot, fake_slack)
    payload = private_message("m_AAA1", QUESTION)
    assert (await meta_post(bot, payload))[0] == 200
    assert (await meta_post(bot, payload))[0] == 200  # Meta delivers again
    [message] = comments(bot)
    assert message.account_id == account_id and message.kind == CommentKind.MESSAGE
    assert (message.platform, message.external_id) == ("facebook", "m_AAA1")
    assert message.author_external_id == PSID and message.author_name is None
    assert message.received_at == at(2026, 12, 1, 8, 30)  # the event's millisecond timestamp
    assert message.deadline == at(2026, 12, 2, 17, 0)  # as for a comment
    assert message.status == CommentStatus.OPEN

    await bot.tick(at(2026, 12, 2, 9, 0))  # the due morning
    for admin in ("UANNA", "UBO"):
        [alert] = [m for m in fake_slack.messages_to("D" + admin) if m["text"].startswith("Privat")]
        assert QUESTION in alert["text"]
        assert alert["text"].startswith(P.MESSAGE_ALERT_TITLE.format(account="Forshaga bibliotek"))
    await bot.tick(at(2026, 12, 2, 17, 1))  # past the deadline: escalated, without the text
    channel = said_to(fake_slack, COMMUNICATORS_CHANNEL)
    assert "Obesvarad" in channel
    assert QUESTION not in channel and PSID not in channel


async def test_a_threat_in_instagram_direct_alerts_at_once_without_text_to_communicators(
    bot, fake_slack
) -> None:
    await linked(bot, fake_slack)
    bot.clock.set(at(2026, 12, 5, 23, 10))  # a Saturday night
    await meta_post(bot, private_message("aWdfZAG1", THREAT, obj="instagram"))
    await bot.dispatch()
    [message] = comments(bot)
    assert message.platform == "instagram" and message.author_external_id == IGSID
    assert message.threat_terms
    [alert] = [m for m in fake_slack.messages_to("DUANNA") if m["text"].startswith("Privat")]
    assert THREAT in alert["text"]
    channel = said_to(fake_slack, COMMUNICATORS_CHANNEL)
    assert P.MESSAGE_THREAT_TITLE.format(account="Forshaga bibliotek") in channel
    assert THREAT not in channel and "vet var du bor" not in channel and IGSID not in channel
    # Evidence saved by an admin refreshes the admins' alert, not the communicators' notice.
    before = len(fake_slack.calls_to("chat.update"))
    await bot.slack.submit(
        "UANNA",
        {"callback_id": "comments.illegal", "private_metadata": str(message.id)},
        {"category": select_value("olaga_hot")},
    )
    await bot.dispatch()
    assert len(fake_slack.calls_to("chat.update")) > before
    assert THREAT not in said_to(fake_slack, COMMUNICATORS_CHANNEL)


async def test_the_pages_signed_reply_answers_and_an_unsigned_one_is_flagged(
    bot, fake_slack
) -> None:
    await linked(bot, fake_slack)
    await meta_post(bot, private_message("m_AAA1", QUESTION))
    await meta_post(bot, private_message("m_AAA2", "Och från i onsdags?"))
    await meta_post(bot, private_message("m_ECHO1", "Ja, kommer!", echo=True))
    await bot.dispatch()
    assert {c.status for c in comments(bot)} == {CommentStatus.OPEN}
    unsigned = [
        m for m in fake_slack.messages_to("DUANNA") if m["text"].startswith("Svaret saknar")
    ]
    assert len(unsigned) == 2  # one notice per message waiting
    signed = "Ja, vi mejlar dem i dag.\n/Anna Andersson, nämndsekreterare"
    await meta_post(bot, private_message("m_ECHO2", signed, echo=True))
    assert {c.status for c in comments(bot)} == {CommentStatus.ANSWERED}
    assert {c.answered_by_reply_id for c in comments(bot)} == {"m_ECHO2"}


async def test_an_edit_is_a_version_and_an_unsend_is_an_event(bot, fake_slack) -> None:
    await linked(bot, fake_slack)
    await meta_post(bot, private_message("m_AAA1", QUESTION))
    await meta_post(bot, message_edit("m_AAA1", QUESTION + " Och onsdagens."))
    [message] = comments(bot)
    assert message.text.endswith("Och onsdagens.") and message.edited_at is not None
    await meta_post(bot, private_message("aWdfZAG2", "Hallå?", obj="instagram"))
    await meta_post(bot, private_message("aWdfZAG2", None, obj="instagram", deleted=True))
    ig = next(c for c in comments(bot) if c.platform == "instagram")
    assert ig.status == CommentStatus.REMOVED and ig.deleted_on_platform_at is not None
    assert ig.text == "Hallå?"  # kept, as a deleted comment's is


async def test_pictures_reads_and_strangers(bot, fake_slack) -> None:
    await linked(bot, fake_slack)
    picture = private_message("m_PIC", None, attachments=[{"type": "image", "payload": {}}])
    await meta_post(bot, picture)
    [message] = comments(bot)
    assert message.text == "[image]"
    read = messaging({"sender": {"id": PSID}, "recipient": {"id": "x"}, "read": {"watermark": 1}})
    assert (await meta_post(bot, read))[0] == 200
    unlinked = private_message("m_OTHER", QUESTION, owner="999")
    assert (await meta_post(bot, unlinked))[0] == 200
    body = json.dumps(private_message("m_FORGED", QUESTION)).encode()
    assert (await meta_post(bot, body, signature=meta_signature(body, "fel")))[0] == 403
    broken = messaging({"sender": {}, "recipient": {"id": "x"}, "message": {"mid": "m"}})
    assert (await meta_post(bot, broken))[0] == 200  # skipped and logged
    assert [c.external_id for c in comments(bot)] == ["m_PIC"]


async def test_gdpr_finds_a_message_by_the_senders_id(bot, fake_slack) -> None:
    await linked(bot, fake_slack)
    await meta_post(bot, private_message("m_AAA1", QUESTION))
    status, body = await bot.slack.command("UKOMM", "/gdpr", PSID)
    assert status == 200
    assert "1 privat meddelande" in body and QUESTION not in body
