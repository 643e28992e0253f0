"""`GET|POST /webhooks/meta`: Meta's verification handshake and signed change notifications.

Page `feed` changes (item comment/post/status/photo/video, verb add/edited/remove),
Instagram `comments`, and private messages: Messenger and Instagram Direct `messaging`
events (`messages`, `message_echoes`, `message_edits`; an Instagram unsend is a message
with `is_deleted`). The signature (`X-Hub-Signature-256`, HMAC-SHA256 with the app
secret) is checked over the raw body before anything is parsed. A page or Instagram
account that no communicator has linked is logged and ignored (still 200, or Meta
would retry and finally disable the subscription).
The page's own replies and posts are checked for personnummer.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlmodel import Session

from bot.core import Core
from bot.flows.comments import intake, own_posts, private_messages
from bot.flows.comments.intake import Incoming
from handlers.webhooks.common import (
    MAX_BODY,
    BadPayload,
    clip,
    error,
    parse_as,
    parse_json_object,
    parse_time,
)
from handlers.webhooks.settings import webhook_settings
from handlers.webhooks.shapes import (
    FeedValue,
    IgCommentValue,
    MessagingEvent,
    MetaChange,
    MetaDelivery,
    MetaEntry,
    MetaSender,
    PrivateMessage,
)

log = logging.getLogger(__name__)

PAGE_POST_ITEMS = {"post", "status", "photo", "video", "share", "link"}
OBJECTS = {"page": "facebook", "instagram": "instagram"}
NOBODY = MetaSender()


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
            changes = list(_changes(parse_as(MetaDelivery, parse_json_object(raw))))
        except BadPayload as problem:
            log.warning("meta webhook refused: %s", problem)
            return error(400, str(problem))
        with core.session() as session:
            for platform, owner_id, change in changes:
                try:
                    if isinstance(change, MetaChange):
                        _apply(session, core, platform, owner_id, change)
                    else:
                        _messaging(session, core, platform, owner_id, change)
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


def _changes(
    delivery: MetaDelivery,
) -> Iterator[tuple[str, str, MetaChange | dict[str, Any]]]:
    """(platform, page or IG id, change or messaging event) for each of an object we handle."""
    platform = OBJECTS.get(str(delivery.object))
    if platform is None:
        log.info("meta webhook for object %r; not ours", delivery.object)
        return
    for raw_entry in delivery.entry:
        entry = parse_as(MetaEntry, raw_entry)
        for change in entry.changes:
            yield platform, entry.id, change
        for event in entry.messaging:
            yield platform, entry.id, event


def _apply(session: Session, core: Core, platform: str, owner: str, change: MetaChange) -> None:
    account_id = intake.linked_account(session, platform, owner)
    if account_id is None:
        # No content in the log: it may be personal data.
        log.info("meta %s change for unlinked id %s; not stored", platform, owner)
        return
    if platform == "facebook" and change.field == "feed":
        _feed(session, core, account_id, owner, parse_as(FeedValue, change.value), change.value)
    elif platform == "instagram" and change.field in ("comments", "live_comments"):
        value = parse_as(IgCommentValue, change.value)
        _instagram_comment(session, core, account_id, owner, value, change.value)
    elif change.field == "messages":
        # The shape Meta's dashboard sends as a test: one messaging event as the value.
        _messaging(session, core, platform, owner, change.value)
    else:
        log.info("meta %s field %r ignored", platform, change.field)


def _feed(
    session: Session,
    core: Core,
    account_id: int,
    page_id: str,
    value: FeedValue,
    said: dict[str, Any],
) -> None:
    item, verb = value.item, value.verb
    sender = value.sender or NOBODY
    by_page = (sender.id or "") == page_id
    message = clip(value.message) or ""
    if item == "comment":
        comment_id = value.comment_id
        if not comment_id:
            raise BadPayload("comment_id saknas")
        if verb == "remove":
            intake.removed_on_platform(session, core, account_id, "facebook", comment_id, said)
        elif by_page and verb in ("add", "edited"):
            # The page's comment answers its parent: a comment, or a visitor's post
            # (then the parent is the post). On the page's own post it answers nothing.
            answered = value.parent_id or value.post_id
            if answered:
                intake.page_replied(
                    session, core, account_id, "facebook", answered, comment_id, message
                )
        elif verb == "add":
            incoming = _fb_incoming(value, comment_id, sender, said)
            intake.receive(session, core, account_id, incoming)
        elif verb == "edited":
            intake.edited(session, core, account_id, "facebook", comment_id, message, said)
    elif item in PAGE_POST_ITEMS:
        post_id = value.post_id
        if not post_id:
            raise BadPayload("post_id saknas")
        if verb == "remove":
            intake.removed_on_platform(session, core, account_id, "facebook", post_id, said)
        elif by_page and verb == "add":
            created = parse_time(value.created_time) or core.now()
            intake.page_posted(
                session,
                core,
                account_id,
                created,
                post_id,
                message,
                "facebook",
                value.permalink_url,
            )
        elif by_page and verb == "edited":
            own_posts.check_own_text(
                session,
                core,
                account_id,
                "facebook",
                post_id,
                message,
                kind="post",
                permalink=value.permalink_url,
            )
        elif verb == "add":
            # A visitor's post on the page: it is owed a reply like a comment.
            intake.receive(session, core, account_id, _fb_incoming(value, post_id, sender, said))
        elif verb == "edited" and not by_page:
            intake.edited(session, core, account_id, "facebook", post_id, message, said)


def _messaging(
    session: Session, core: Core, platform: str, owner: str, raw: dict[str, Any]
) -> None:
    """A Messenger or Instagram Direct event for the page or account `owner`."""
    event = parse_as(MessagingEvent, raw)
    account_id = intake.linked_account(session, platform, owner)
    if account_id is None:
        log.info("meta %s message for unlinked id %s; not stored", platform, owner)
        return
    at = _millis(event.timestamp)
    if event.message_edit is not None:
        edit = event.message_edit
        text = clip(edit.text) or ""
        private_messages.edited(session, core, account_id, platform, edit.mid, text, raw)
        return
    message = event.message
    if message is None:
        return  # a delivery, read or reaction: nothing is owed a reply
    if message.is_deleted:
        private_messages.unsent(session, core, account_id, platform, message.mid, raw)
    elif message.is_echo or event.sender.id == owner:
        text = clip(message.text) or ""
        private_messages.page_answered(
            session, core, account_id, platform, event.recipient.id, message.mid, text
        )
    else:
        text = clip(message.text) or _attachments_only(message)
        private_messages.received(
            session, core, account_id, platform, message.mid, event.sender.id, text, at, raw
        )


def _millis(value: Any) -> datetime | None:
    """Messaging timestamps are milliseconds since the epoch."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return parse_time(value / 1000)
    return parse_time(value)


def _attachments_only(message: PrivateMessage) -> str:
    kinds = ", ".join(sorted({a.type or "fil" for a in message.attachments})) or "tomt"
    return private_messages.ATTACHMENT_ONLY.format(kinds=kinds)


def _fb_incoming(
    value: FeedValue, external_id: str, sender: MetaSender, said: dict[str, Any]
) -> Incoming:
    permalink = (value.post.permalink_url if value.post else None) or value.permalink_url
    if permalink and value.item == "comment":
        separator = "&" if "?" in permalink else "?"
        permalink = f"{permalink}{separator}comment_id={external_id.split('_')[-1]}"
    return Incoming(
        platform="facebook",
        external_id=external_id,
        text=clip(value.message) or "",
        author_name=clip(sender.name),
        author_external_id=sender.id,
        author_profile=f"https://www.facebook.com/{sender.id}" if sender.id else None,
        created_time=parse_time(value.created_time),
        permalink=permalink or f"https://www.facebook.com/{external_id}",
        parent_external_id=value.parent_id,
        post_external_id=value.post_id,
        said=said,
    )


def _instagram_comment(
    session: Session,
    core: Core,
    account_id: int,
    ig_id: str,
    value: IgCommentValue,
    said: dict[str, Any],
) -> None:
    sender = value.sender or NOBODY
    text = clip(value.text) or ""
    if (sender.id or "") == ig_id:
        if value.parent_id:
            intake.page_replied(
                session, core, account_id, "instagram", value.parent_id, value.id, text
            )
        else:
            own_posts.check_own_text(
                session, core, account_id, "instagram", value.id, text, kind="reply"
            )
        return
    username = clip(sender.username)
    intake.receive(
        session,
        core,
        account_id,
        Incoming(
            platform="instagram",
            external_id=value.id,
            text=text,
            author_name=username,
            author_external_id=sender.id,
            author_profile=f"https://www.instagram.com/{username}" if username else None,
            created_time=parse_time(value.timestamp or value.created_time),
            permalink=value.media.permalink if value.media else None,
            parent_external_id=value.parent_id,
            post_external_id=value.media.id if value.media else None,
            said=said,
        ),
    )
