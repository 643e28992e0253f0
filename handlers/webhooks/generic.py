"""`POST /webhooks/comments`: comments from any other platform, as signed JSON.

Headers: `X-Smbot-Account: <account id>` and `X-Smbot-Signature: sha256=<hex>`, the
HMAC-SHA256 of the raw body under the account's secret (`webhook-hemlighet`). The body
(docs/webhooks.md):

    {"type": "comment" | "reply" | "edited" | "removed",   (default "comment")
     "platform": "linkedin", "id": "the platform's id of the comment",
     "text": "...", "created_time": "2026-12-01T10:00:00+01:00" (or Unix seconds),
     "permalink": "https://...", "parent_id": "...", "post_id": "...",
     "author": {"name": "...", "id": "...", "profile_url": "https://..."}}

A "reply" is the account's own reply: `parent_id` names the comment it answers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.core import Core
from bot.flows.comments import intake
from bot.flows.comments.intake import Incoming
from bot.flows.comments.links import verify_generic_signature
from handlers.webhooks.common import (
    MAX_BODY,
    BadPayload,
    error,
    parse_json_object,
    parse_time,
    text_field,
)

log = logging.getLogger(__name__)

PLATFORM = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,29}$")
TYPES = ("comment", "reply", "edited", "removed")


def make_route(core: Core) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def receive(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        if len(raw) > MAX_BODY:
            return error(413, "för stor")
        account = request.headers.get("X-Smbot-Account", "").strip()
        signature = request.headers.get("X-Smbot-Signature", "")
        if not account.isdigit() or not verify_generic_signature(
            core, int(account), raw, signature
        ):
            log.warning("generic comment webhook with a bad signature or account; ignored")
            return error(403, "ogiltig signatur")
        try:
            payload = parse_json_object(raw)
            outcome = _apply(core, int(account), payload)
        except BadPayload as problem:
            return error(400, str(problem))
        return web.json_response({"status": outcome})

    return receive


def _apply(core: Core, account_id: int, payload: dict[str, Any]) -> str:
    kind = payload.get("type", "comment")
    if kind not in TYPES:
        raise BadPayload(f"type ska vara en av {', '.join(TYPES)}")
    platform = text_field(payload, "platform") or ""
    if not PLATFORM.match(platform):
        raise BadPayload("platform ska vara ett kort namn med små bokstäver, t.ex. linkedin")
    external_id = text_field(payload, "id", limit=255)
    if not external_id:
        raise BadPayload("id saknas")
    text = text_field(payload, "text")
    if kind != "removed" and not text:
        raise BadPayload("text saknas")
    with core.session() as session:
        if kind == "removed":
            changed = intake.removed_on_platform(session, core, account_id, platform, external_id)
        elif kind == "edited":
            changed = intake.edited(session, core, account_id, platform, external_id, text or "")
        elif kind == "reply":
            parent = text_field(payload, "parent_id", limit=255)
            if not parent:
                raise BadPayload("parent_id saknas för ett svar")
            changed = intake.page_replied(
                session, core, account_id, platform, parent, external_id, text or ""
            )
        else:
            changed = (
                intake.receive(session, core, account_id, _incoming(payload, platform, text or ""))
                is not None
            )
    return "stored" if changed else "unchanged"


def _incoming(payload: dict[str, Any], platform: str, text: str) -> Incoming:
    author = payload.get("author") or {}
    if not isinstance(author, dict):
        raise BadPayload("author ska vara ett objekt")
    permalink = text_field(payload, "permalink", limit=1000)
    if permalink and not permalink.startswith(("https://", "http://")):
        raise BadPayload("permalink ska vara en http(s)-adress")
    return Incoming(
        platform=platform,
        external_id=text_field(payload, "id", limit=255),
        text=text,
        author_name=text_field(author, "name", limit=200),
        author_external_id=text_field(author, "id", limit=255),
        author_profile=text_field(author, "profile_url", limit=1000),
        created_time=parse_time(payload.get("created_time")),
        permalink=permalink,
        parent_external_id=text_field(payload, "parent_id", limit=255),
        post_external_id=text_field(payload, "post_id", limit=255),
    )
