"""Files the bot puts into chats: where each one got to, and signed links to stored bytes.

Slack takes a file by upload; the upload's progress is kept per message, file and
channel (`ChatFile`), so a send retried after a crash never shares a file twice.
Teams cannot take a file from a bot into a channel or group chat (the FileConsentCard
works only in a personal chat, and asks first): the bytes are kept here and the card
links to `GET /files/{token}?exp=…&sig=…`, served by `smbot serve`. The link is signed
with FILE_LINK_SECRET (HMAC-SHA256) and expires: after FILE_LINK_HOURS for personal data,
FILE_LINK_DAYS otherwise. The `chat-files` sweep then deletes the stored bytes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from sqlmodel import Session, select

from bot.config import Settings
from bot.messages import Attachment
from storage.insert import insert_unless_taken
from storage.models import ChatFile

# A Slack row is needed only while its send may still be retried (the outbox gives up
# within a day); kept a week.
UPLOAD_RECORD_DAYS = 7


@dataclass(frozen=True)
class FileLink:
    """A file as a card shows it: its name, whether it is a picture, its link (if any)."""

    name: str
    content_type: str
    is_image: bool
    url: str | None
    expires_at: datetime | None  # in office time


def slot(
    session: Session,
    now: datetime,
    message_key: str,
    platform: str,
    target: str,
    position: int,
    attachment: Attachment,
    *,
    keep_until: datetime,
    keep_bytes: bool = False,
) -> ChatFile:
    """The row for this file of this message here, made the first time it is asked for."""
    insert_unless_taken(
        session,
        ChatFile,
        {
            "token": secrets.token_urlsafe(24),
            "message_key": message_key,
            "platform": platform,
            "target": target,
            "position": position,
            "name": attachment.name[:255],
            "content_type": attachment.content_type[:255],
            "data": attachment.content if keep_bytes else None,
            "uploaded": False,
            "created_at": now,
            "expires_at": keep_until,
        },
        ["message_key", "platform", "target", "position"],
    )
    return session.exec(
        select(ChatFile).where(
            ChatFile.message_key == message_key,
            ChatFile.platform == platform,
            ChatFile.target == target,
            ChatFile.position == position,
        )
    ).one()


def link_lifetime(settings: Settings, attachment: Attachment) -> timedelta:
    if attachment.personal:
        return timedelta(hours=settings.file_link_hours)
    return timedelta(days=settings.file_link_days)


def upload_record_until(now: datetime) -> datetime:
    return now + timedelta(days=UPLOAD_RECORD_DAYS)


def links(
    session: Session,
    settings: Settings,
    now: datetime,
    message_key: str,
    platform: str,
    attachments: list[Attachment],
) -> list[FileLink]:
    """A link per file (its bytes kept until the link expires); no link without
    PUBLIC_URL and FILE_LINK_SECRET."""
    found = []
    for position, attachment in enumerate(attachments):
        row = slot(
            session,
            now,
            message_key,
            platform,
            "",
            position,
            attachment,
            keep_until=now + link_lifetime(settings, attachment),
            keep_bytes=True,
        )
        found.append(
            FileLink(
                name=attachment.name,
                content_type=attachment.content_type,
                is_image=attachment.is_image,
                url=signed_url(settings, row),
                expires_at=row.expires_at.astimezone(settings.tz) if row.expires_at else None,
            )
        )
    return found


def signed_url(settings: Settings, row: ChatFile) -> str | None:
    secret = settings.file_link_secret
    if not settings.public_url or secret is None or row.expires_at is None:
        return None
    expires = int(row.expires_at.timestamp())
    signature = sign(secret.get_secret_value(), row.token, expires)
    base = settings.public_url.rstrip("/")
    return f"{base}/files/{quote(row.token)}?exp={expires}&sig={signature}"


def sign(secret: str, token: str, expires: int) -> str:
    message = f"{token}\n{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verified(settings: Settings, token: str, expires: str, signature: str, now: datetime) -> bool:
    """The link is ours (signature) and still valid (expiry) — checked before the database."""
    secret = settings.file_link_secret
    if secret is None or not expires.isdigit():
        return False
    wanted = sign(secret.get_secret_value(), token, int(expires))
    return hmac.compare_digest(wanted, signature) and int(expires) > now.timestamp()


def servable(session: Session, token: str, now: datetime) -> ChatFile | None:
    row = session.exec(select(ChatFile).where(ChatFile.token == token)).first()
    if row is None or row.data is None or row.expires_at is None or row.expires_at <= now:
        return None
    return row


def dispose_expired(session: Session, now: datetime) -> int:
    """Delete every file row whose time is up (its bytes, its link); how many."""
    rows = session.exec(select(ChatFile).where(ChatFile.expires_at <= now)).all()  # type: ignore[operator]
    for row in rows:
        session.delete(row)
    return len(rows)
