"""`GET|POST /webhooks/meta`: Meta's verification handshake and signed change notifications.

Page `feed` changes (item comment/post/status/photo/video, verb add/edited/remove) and
Instagram `comments`. The signature (`X-Hub-Signature-256`, HMAC-SHA256 with the app
secret) is checked over the raw body before anything is parsed. A page or Instagram
account that no communicator has linked is logged and ignored (still 200, or Meta
would retry and finally disable the subscription).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from aiohttp import web
from sqlmodel import Session

from bot.core import Core
from bot.flows.comments import intake
from bot.flows.comments.intake import Incoming
from handlers.webhooks.common import (
    MAX_BODY,
    BadPayload,
    error,
    parse_json_object,
    parse_time,
    text_field,
)
from handlers.webhooks.settings import webhook_settings

log = logging.getLogger(__name__)

PAGE_POST_ITEMS = {"post", "status", "photo", "video", "share", "link"}
OBJECTS = {"page": "facebook", "instagram": "instagram"}


def make_routes(core: Core) -> tuple[Callable[..., Awaitable[web.StreamResponse]], ...]:
    async def verify(request: web.Request) -> web.StreamResponse:
        token = webhook_settings(core).meta_verify_token
        query = request.query
        if token is None:
            return error(503, "META_VERIFY_TOKEN är inte satt")
        given = query.get("hub.verify_token", "")
        if query.get("hub.mode") != "subscribe" or not hmac.compare_digest(
            given.encode(), token.get_secret_value().encode()
        ):
            return error(403, "fel verifieringstoken")
        return web.Response(text=query.get("hub.challenge", ""), content_type="text/plain")

    async def receive(request: web.Request) -> web.StreamResponse:
        secret = webhook_settings(core).meta_app_secret
        if secret is None:
            return error(503, "META_APP_SECRET är inte satt")
        raw = await request.read()
        if len(raw) > MAX_BODY:
            return error(413, "för stor")
        if not signature_valid(secret.get_secret_value(), raw, request.headers):
            log.warning("meta webhook with a missing or bad signature; ignored")
            return error(403, "ogiltig signatur")
        try:
            payload = parse_json_object(raw)
            changes = list(_changes(payload))
        except BadPayload as problem:
            return error(400, str(problem))
        with core.session() as session:
            for platform, owner_id, field, value in changes:
                try:
                    _apply(session, core, platform, owner_id, field, value)
                except BadPayload as problem:
                    log.warning("meta change skipped: %s", problem)
        return web.Response(text="ok")

    return verify, receive


def signature_valid(secret: str, raw: bytes, headers: Any) -> bool:
    header = headers.get("X-Hub-Signature-256", "")
    if not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())


def _changes(payload: dict[str, Any]) -> Iterator[tuple[str, str, Any, dict[str, Any]]]:
    """(platform, page or IG id, field, value) for each change we understand."""
    platform = OBJECTS.get(str(payload.get("object")))
    entries = payload.get("entry")
    if platform is None:
        log.info("meta webhook for object %r; not ours", payload.get("object"))
        return
    if not isinstance(entries, list):
        raise BadPayload("entry ska vara en lista")
    for entry in entries:
        if not isinstance(entry, dict):
            raise BadPayload("entry ska innehålla objekt")
        owner = str(entry.get("id", ""))
        changes = entry.get("changes") or []
        if not isinstance(changes, list):
            raise BadPayload("changes ska vara en lista")
        for change in changes:
            if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
                raise BadPayload("en ändring saknar value")
            yield platform, owner, change.get("field"), change["value"]


def _apply(
    session: Session, core: Core, platform: str, owner: str, field: Any, value: dict[str, Any]
) -> None:
    account_id = intake.linked_account(session, platform, owner)
    if account_id is None:
        # No content in the log: it may be personal data.
        log.info("meta %s change for unlinked id %s; not stored", platform, owner)
        return
    if platform == "facebook" and field == "feed":
        _feed(session, core, account_id, owner, value)
    elif platform == "instagram" and field in ("comments", "live_comments"):
        _instagram_comment(session, core, account_id, owner, value)
    else:
        log.info("meta %s field %r ignored", platform, field)


def _feed(
    session: Session, core: Core, account_id: int, page_id: str, value: dict[str, Any]
) -> None:
    item, verb = value.get("item"), value.get("verb")
    sender = value.get("from") if isinstance(value.get("from"), dict) else {}
    by_page = str(sender.get("id", "")) == page_id
    if item == "comment":
        comment_id = text_field(value, "comment_id")
        if not comment_id:
            raise BadPayload("comment_id saknas")
        parent = text_field(value, "parent_id")
        post_id = text_field(value, "post_id")
        if verb == "remove":
            intake.removed_on_platform(session, core, account_id, "facebook", comment_id)
        elif by_page and verb in ("add", "edited"):
            # The page's comment answers its parent: a comment, or a visitor's post
            # (then the parent is the post). On the page's own post it answers nothing.
            text = text_field(value, "message") or ""
            answered = parent or post_id
            if answered:
                intake.page_replied(
                    session, core, account_id, "facebook", answered, comment_id, text
                )
        elif verb == "add":
            intake.receive(session, core, account_id, _fb_incoming(value, comment_id, sender))
        elif verb == "edited":
            intake.edited(
                session,
                core,
                account_id,
                "facebook",
                comment_id,
                text_field(value, "message") or "",
            )
    elif item in PAGE_POST_ITEMS:
        post_id = text_field(value, "post_id")
        if not post_id:
            raise BadPayload("post_id saknas")
        if verb == "remove":
            intake.removed_on_platform(session, core, account_id, "facebook", post_id)
        elif by_page and verb == "add":
            created = parse_time(value.get("created_time")) or core.now()
            intake.page_posted(session, core, account_id, created, post_id)
        elif verb == "add":
            # A visitor's post on the page: it is owed a reply like a comment.
            intake.receive(session, core, account_id, _fb_incoming(value, post_id, sender))
        elif verb == "edited" and not by_page:
            intake.edited(
                session, core, account_id, "facebook", post_id, text_field(value, "message") or ""
            )


def _fb_incoming(value: dict, external_id: str, sender: dict) -> Incoming:
    post = value.get("post") if isinstance(value.get("post"), dict) else {}
    permalink = text_field(post, "permalink_url") or text_field(value, "permalink_url")
    if permalink and value.get("item") == "comment":
        separator = "&" if "?" in permalink else "?"
        permalink = f"{permalink}{separator}comment_id={external_id.split('_')[-1]}"
    author_id = text_field(sender, "id")
    return Incoming(
        platform="facebook",
        external_id=external_id,
        text=text_field(value, "message") or "",
        author_name=text_field(sender, "name"),
        author_external_id=author_id,
        author_profile=f"https://www.facebook.com/{author_id}" if author_id else None,
        created_time=parse_time(value.get("created_time")),
        permalink=permalink or f"https://www.facebook.com/{external_id}",
        parent_external_id=text_field(value, "parent_id"),
        post_external_id=text_field(value, "post_id"),
    )


def _instagram_comment(
    session: Session, core: Core, account_id: int, ig_id: str, value: dict[str, Any]
) -> None:
    comment_id = text_field(value, "id")
    if not comment_id:
        raise BadPayload("id saknas")
    sender = value.get("from") if isinstance(value.get("from"), dict) else {}
    media = value.get("media") if isinstance(value.get("media"), dict) else {}
    parent = text_field(value, "parent_id")
    text = text_field(value, "text") or ""
    if str(sender.get("id", "")) == ig_id:
        if parent:
            intake.page_replied(session, core, account_id, "instagram", parent, comment_id, text)
        return
    username = text_field(sender, "username")
    intake.receive(
        session,
        core,
        account_id,
        Incoming(
            platform="instagram",
            external_id=comment_id,
            text=text,
            author_name=username,
            author_external_id=text_field(sender, "id"),
            author_profile=f"https://www.instagram.com/{username}" if username else None,
            created_time=parse_time(value.get("timestamp") or value.get("created_time")),
            permalink=text_field(media, "permalink") or None,
            parent_external_id=parent,
            post_external_id=text_field(media, "id"),
        ),
    )
