"""Shared by the comment tests: accounts in the DB, Meta payloads in Meta's shapes, signing."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

import aiohttp
from sqlmodel import select

from bot.people import link as link_identity
from storage.models import (
    Account,
    AccountAdmin,
    AccountStatus,
    AdminStatus,
    Comment,
    OutboxMessage,
    Person,
    PlatformLink,
)
from tests.support.harness import COMMUNICATORS_CHANNEL, META_APP_SECRET
from tests.support.slack_requests import text_value

PAGE_ID = "104857600000001"
IG_ID = "17841400000000001"
POST_ID = f"{PAGE_ID}_555000111"
VISITOR = {"id": "2900000000000042", "name": "Vera Väljare"}
ADMINS = ("UANNA", "UBO")
# 2026-12-01 08:30 Stockholm, half an hour before the tests' default clock.
CREATED = 1796110200


def person(bot, fake_slack, slack_id: str, name: str) -> int:  # type: ignore[no-untyped-def]
    fake_slack.add_user(slack_id, name)
    with bot.core.session() as session:
        row = Person(name=name, created_at=bot.core.now())
        session.add(row)
        session.flush()
        link_identity(session, row.id, "slack", slack_id)
        return row.id


def make_account(  # type: ignore[no-untyped-def]
    bot, fake_slack, name: str = "Forshaga bibliotek", admins: tuple[str, ...] = ADMINS
) -> int:
    """An ACTIVE account with accepted admins (until the opening flow can make one)."""
    names = {"UANNA": "Anna Andersson", "UBO": "Bo Berg"}
    ids = [person(bot, fake_slack, a, names.get(a, a.title())) for a in admins]
    manager = person(bot, fake_slack, "UCHEF" + name.replace(" ", "").upper(), "Cecilia Chef")
    now = bot.core.now()
    with bot.core.session() as session:
        account = Account(
            platform="facebook",
            name=name,
            unit="Kultur och fritid",
            purpose="Berätta om bibliotekets verksamhet",
            audience="Invånare",
            resources="Två personer, 30 min per dag",
            owner_id=ids[0],
            manager_id=manager,
            status=AccountStatus.ACTIVE,
            created_at=now,
            activated_at=now,
        )
        session.add(account)
        session.flush()
        for index, person_id in enumerate(ids):
            session.add(
                AccountAdmin(
                    account_id=account.id,
                    person_id=person_id,
                    is_owner=index == 0,
                    status=AdminStatus.ACCEPTED,
                    nominated_at=now,
                    decided_at=now,
                )
            )
        return account.id


def add_communicator(fake_slack, slack_id: str = "UKOMM", name: str = "Karin Kommunikatör"):  # type: ignore[no-untyped-def]
    fake_slack.add_user(slack_id, name)
    fake_slack.channel_members.setdefault(COMMUNICATORS_CHANNEL, []).append(slack_id)


def link(bot, account_id: int, platform: str = "facebook", external_id: str = PAGE_ID) -> None:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        session.add(
            PlatformLink(
                platform=platform,
                external_id=external_id,
                account_id=account_id,
                linked_at=bot.core.now(),
            )
        )


def comments(bot) -> list[Comment]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return list(session.exec(select(Comment).order_by(Comment.id)).all())


def outbox_keys(bot) -> list[str]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return list(session.exec(select(OutboxMessage.key).order_by(OutboxMessage.id)).all())


# --- Meta payloads, as Meta sends them -------------------------------------------------


def feed_change(value: dict[str, Any], page_id: str = PAGE_ID, time: int = CREATED) -> dict:
    return {
        "object": "page",
        "entry": [{"id": page_id, "time": time, "changes": [{"field": "feed", "value": value}]}],
    }


def fb_comment(
    comment_id: str = f"{POST_ID.split('_')[1]}_700001",
    message: str = "Har ni öppet på lördag?",
    *,
    verb: str = "add",
    sender: dict[str, str] | None = None,
    parent_id: str = POST_ID,
    created_time: int = CREATED,
    page_id: str = PAGE_ID,
) -> dict:
    value: dict[str, Any] = {
        "from": sender or VISITOR,
        "post": {
            "status_type": "added_photos",
            "is_published": True,
            "updated_time": "2026-12-01T09:00:00+0000",
            "permalink_url": f"https://www.facebook.com/{page_id}/posts/555000111",
            "promotion_status": "inactive",
            "id": POST_ID,
        },
        "message": message,
        "post_id": POST_ID,
        "comment_id": comment_id,
        "created_time": created_time,
        "item": "comment",
        "parent_id": parent_id,
        "verb": verb,
    }
    if verb == "remove":
        for key in ("message", "post"):
            value.pop(key)
    return feed_change(value, page_id)


def fb_page_reply(
    reply_id: str, parent_comment_id: str, message: str, *, verb: str = "add"
) -> dict:
    return fb_comment(
        reply_id,
        message,
        verb=verb,
        sender={"id": PAGE_ID, "name": "Forshaga bibliotek"},
        parent_id=parent_comment_id,
    )


def fb_post(post_id: str, message: str, *, sender: dict[str, str], verb: str = "add") -> dict:
    return feed_change(
        {
            "from": sender,
            "item": "status",
            "post_id": post_id,
            "verb": verb,
            "published": 1,
            "created_time": CREATED,
            "message": message,
        }
    )


def ig_comment(
    comment_id: str,
    text: str,
    *,
    sender: dict[str, str] | None = None,
    parent_id: str | None = None,
    ig_id: str = IG_ID,
) -> dict:
    value: dict[str, Any] = {
        "from": sender or {"id": "17800000000000077", "username": "vera.valjare"},
        "media": {"id": "18000000000000123", "media_product_type": "FEED"},
        "id": comment_id,
        "text": text,
    }
    if parent_id:
        value["parent_id"] = parent_id
    return {
        "object": "instagram",
        "entry": [
            {"id": ig_id, "time": CREATED, "changes": [{"field": "comments", "value": value}]}
        ],
    }


def meta_signature(body: bytes, secret: str = META_APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def post_raw(bot, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            bot.url + path, data=body, headers={"Content-Type": "application/json", **headers}
        ) as response,
    ):
        return response.status, await response.text()


async def meta_post(bot, payload: dict | bytes, *, signature: str | None = None) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    sig = meta_signature(body) if signature is None else signature
    headers = {"X-Hub-Signature-256": sig} if sig else {}
    return await post_raw(bot, "/webhooks/meta", body, headers)


async def generic_post(  # type: ignore[no-untyped-def]
    bot, account_id: int | str, payload: dict | bytes, secret: str, *, signature: str | None = None
) -> tuple[int, str]:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    sig = signature if signature is not None else meta_signature(body, secret)
    headers = {"X-Smbot-Account": str(account_id), "X-Smbot-Signature": sig}
    return await post_raw(bot, "/webhooks/comments", body, headers)


def buttons(call_args: dict) -> list[dict]:
    return [
        element
        for block in call_args.get("blocks") or []
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def button_labels(call_args: dict) -> list[str]:
    return [b["text"]["text"] for b in buttons(call_args)]


def button_id(call_args: dict, label: str) -> str:
    return next(b["action_id"] for b in buttons(call_args) if b["text"]["text"] == label)


# What this flow sends starts with one of these; other flows (the morning DM, the
# communicators' digest) send to the same people, and the tests count only ours.
COMMENT_DM_TITLES = ("Kommentar att besvara", "Kommentar på", "Svaret saknar")
COMMENT_ESCALATIONS = ("Eskalering: Obesvarad kommentar", "Eskalering: Olagligt innehåll")


def dms(fake_slack, user: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """The comment flow's DMs to a user."""
    return [
        m for m in fake_slack.messages_to("D" + user) if m["text"].startswith(COMMENT_DM_TITLES)
    ]


def comment_posts(fake_slack) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every message the comment flow posted (DMs and escalations), in order."""
    return [
        c.args
        for c in fake_slack.calls_to("chat.postMessage")
        if c.args["text"].startswith(COMMENT_DM_TITLES + COMMENT_ESCALATIONS)
    ]


def at(*args: int) -> datetime:
    from tests.conftest import STOCKHOLM

    return datetime(*args, tzinfo=STOCKHOLM)


def notices(fake_slack, user: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What a user was told privately (ephemeral in place, or a DM of a notice)."""
    return [
        c.args.get("text", "")
        for c in fake_slack.calls_to("chat.postEphemeral")
        if c.args.get("user") == user
    ]


def opened_views(fake_slack) -> list[dict]:  # type: ignore[no-untyped-def]
    return [c.args["view"] for c in fake_slack.calls_to("views.open")]


def updates_to(fake_slack, channel: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [c.args for c in fake_slack.calls_to("chat.update") if c.args.get("channel") == channel]


async def alerted_comment(bot, fake_slack, external_id: str, text: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    """The library's page linked, a comment on Tuesday morning, alerted Wednesday 09:00.

    Returns (comment id, Anna's alert: her one DM)."""
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    await meta_post(bot, fb_comment(external_id, text))
    await bot.tick(at(2026, 12, 2, 9, 0))
    [alert] = dms(fake_slack, "UANNA")
    return comments(bot)[0].id, alert


SIGNED_REPLY = "Vi har öppet till 20 i kväll. /Anna Andersson, bibliotekarie"


async def answer(  # type: ignore[no-untyped-def]
    bot,
    fake_slack,
    user: str,
    action_id: str,
    comment_id: int,
    *,
    channel: str | None = None,
    reply: str = SIGNED_REPLY,
) -> tuple[int, str]:
    """Press **Besvarad** and submit the reply as posted (signed, polite by default).

    Returns the submission's (status, body); a refused press opens no form: (0, "")."""
    before = len(fake_slack.calls_to("views.open"))
    await bot.slack.press(user, action_id, str(comment_id), channel=channel or "D" + user)
    opened = fake_slack.calls_to("views.open")[before:]
    if not opened:
        return 0, ""
    view = opened[-1].args["view"]
    return await bot.slack.submit(user, view, {"reply": text_value(reply)})
