"""`POST /webhooks/comments`: comments from any other platform, as signed JSON.

Headers: `X-Smbot-Account: <account id>` and `X-Smbot-Signature: sha256=<hex>`, the
HMAC-SHA256 of the raw body under the account's secret (`webhook-hemlighet`). The body
(docs/webhooks.md):

    {"type": "comment" | "reply" | "post" | "edited" | "removed",   (default "comment")
     "platform": "linkedin", "id": "the platform's id of the comment",
     "text": "...", "created_time": "2026-12-01T10:00:00+01:00" (or Unix seconds),
     "permalink": "https://...", "parent_id": "...", "post_id": "...",
     "author": {"name": "...", "id": "...", "profile_url": "https://..."}}

A "reply" is the account's own reply: `parent_id` names the comment it answers. A "post"
is the account's own post (the day's activity). Both are checked for personnummer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.core import Core
from bot.flows.comments import intake
from bot.flows.comments.intake import Incoming
from bot.flows.comments.links import verify_generic_signature
from handlers.webhooks.common import (
    MAX_BODY,
    BadPayload,
    clip,
    error,
    parse_as,
    parse_json_object,
    parse_time,
)
from handlers.webhooks.shapes import GenericComment

log = logging.getLogger(__name__)

# ASCII digits only ("²".isdigit() is true), and within the database's integer ids.
ACCOUNT = re.compile(r"^[0-9]{1,10}$")
MAX_ACCOUNT_ID = 2**31 - 1


def make_route(core: Core) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def receive(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        if len(raw) > MAX_BODY:
            return error(413, "för stor")
        account_id = _account_id(request.headers.get("X-Smbot-Account", ""))
        signature = request.headers.get("X-Smbot-Signature", "")
        if account_id is None or not verify_generic_signature(core, account_id, raw, signature):
            log.warning("generic comment webhook with a bad signature or account; ignored")
            return error(403, "ogiltig signatur")
        try:
            payload = parse_as(GenericComment, parse_json_object(raw))
            outcome = _apply(core, account_id, payload)
        except BadPayload as problem:
            log.warning("generic comment webhook refused: %s", problem)
            return error(400, str(problem))
        return web.json_response({"status": outcome})

    return receive


def _account_id(header: str) -> int | None:
    text = header.strip()
    if not ACCOUNT.match(text) or int(text) > MAX_ACCOUNT_ID:
        return None
    return int(text)


def _apply(core: Core, account_id: int, payload: GenericComment) -> str:
    kind, platform, external_id = payload.type, payload.platform, payload.id
    text = clip(payload.text)
    if kind != "removed" and not text:
        raise BadPayload("text saknas")
    if kind == "reply" and not payload.parent_id:
        raise BadPayload("parent_id saknas för ett svar")
    incoming = _incoming(payload, text or "") if kind == "comment" else None
    said = payload.model_dump(mode="json", exclude_none=True)
    with core.session() as session:
        if kind == "removed":
            changed = intake.removed_on_platform(
                session, core, account_id, platform, external_id, said
            )
        elif kind == "edited":
            changed = intake.edited(
                session, core, account_id, platform, external_id, text or "", said
            )
        elif kind == "post":
            intake.page_posted(
                session,
                core,
                account_id,
                parse_time(payload.created_time) or core.now(),
                external_id,
                text or "",
                platform,
                clip(payload.permalink, 1000),
            )
            changed = True
        elif kind == "reply":
            changed = intake.page_replied(
                session,
                core,
                account_id,
                platform,
                payload.parent_id or "",
                external_id,
                text or "",
            )
        else:
            assert incoming is not None
            changed = intake.receive(session, core, account_id, incoming) is not None
    return "stored" if changed else "unchanged"


def _incoming(payload: GenericComment, text: str) -> Incoming:
    author = payload.author
    permalink = clip(payload.permalink, 1000)
    if permalink and not permalink.startswith(("https://", "http://")):
        raise BadPayload("permalink ska vara en http(s)-adress")
    return Incoming(
        platform=payload.platform,
        external_id=payload.id,
        text=text,
        author_name=clip(author.name, 200) if author else None,
        author_external_id=author.id if author else None,
        author_profile=clip(author.profile_url, 1000) if author else None,
        created_time=parse_time(payload.created_time),
        permalink=permalink,
        parent_external_id=payload.parent_id,
        post_external_id=payload.post_id,
        said=payload.model_dump(mode="json", exclude_none=True),
    )
