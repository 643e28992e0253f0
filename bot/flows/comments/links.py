"""Communicators connect the outside: Meta page ids, and the generic webhook secret."""

from __future__ import annotations

import hmac
import secrets
from hashlib import sha256

from sqlmodel import Session, select

from bot.core import Core
from bot.flows.comments.common import T, find_account
from bot.messages import Message
from bot.registry import COMMUNICATORS, Verbs
from bot.router import Context, Reply
from storage.models import Account, PlatformLink, WebhookSecret

verbs = Verbs()

META_PLATFORMS = ("facebook", "instagram")


@verbs.command("koppla-meta", T.LINK_META_HELP, audience=COMMUNICATORS)
def link_meta(ctx: Context, text: str) -> Reply:
    parts = text.split()
    platform = "facebook"
    if parts and parts[-1].lower() in META_PLATFORMS:
        platform = parts.pop().lower()
    if len(parts) < 2:
        return Reply(notice=T.LINK_USAGE)
    external_id = parts.pop()
    if not external_id.isdigit():
        return Reply(notice=T.LINK_BAD_ID)
    ref = " ".join(parts)
    account = find_account(ctx.session, ref)
    if account is None:
        return Reply(notice=T.UNKNOWN_ACCOUNT.format(ref=ref))
    link = ctx.session.exec(
        select(PlatformLink).where(
            PlatformLink.platform == platform, PlatformLink.external_id == external_id
        )
    ).first()
    names = {"platform": T.PLATFORM_NAMES[platform], "external_id": external_id}
    notice = T.LINK_DONE.format(account=account.name, **names)
    if link is None:
        link = PlatformLink(
            platform=platform,
            external_id=external_id,
            account_id=account.id or 0,
            linked_at=ctx.now,
        )
    elif link.account_id != account.id:
        old = ctx.session.get(Account, link.account_id)
        notice = T.LINK_MOVED.format(account=account.name, old=old.name if old else "?", **names)
    link.account_id = account.id or 0
    link.linked_by_id = ctx.actor.id
    link.linked_at = ctx.now
    ctx.session.add(link)
    ctx.audit(
        "comments.platform_linked",
        account_id=account.id,
        platform=platform,
        external_id=external_id,
    )
    return Reply(notice=notice)


@verbs.command("webhook-hemlighet", T.WEBHOOK_SECRET_HELP, audience=COMMUNICATORS)
def webhook_secret(ctx: Context, text: str) -> Reply:
    """A new secret, shown once to the communicator who asked; it replaces the old one."""
    if not text.strip():
        return Reply(notice=T.SECRET_USAGE)
    account = find_account(ctx.session, text)
    if account is None:
        return Reply(notice=T.UNKNOWN_ACCOUNT.format(ref=text.strip()))
    secret = secrets.token_urlsafe(32)
    row = ctx.session.exec(
        select(WebhookSecret).where(WebhookSecret.account_id == account.id)
    ).first() or WebhookSecret(account_id=account.id or 0, secret="", created_at=ctx.now)
    row.secret = secret
    row.created_at = ctx.now
    row.created_by_id = ctx.actor.id
    ctx.session.add(row)
    # The audit says a secret was made, never what it is.
    ctx.audit("comments.webhook_secret_created", account_id=account.id)
    return Reply(
        message=Message(
            title=T.SECRET_TITLE.format(account=account.name),
            text=T.SECRET_TEXT.format(secret=secret, account_id=account.id),
        )
    )


def verify_generic_signature(core: Core, account_id: int, body: bytes, signature: str) -> bool:
    """Is `signature` ("sha256=<hex>") the HMAC-SHA256 of `body` under the account's secret?"""
    with core.session() as session:
        secret = _secret(session, account_id)
    if secret is None or not signature.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, sha256).hexdigest()
    return hmac.compare_digest(expected, signature.removeprefix("sha256=").strip().lower())


def _secret(session: Session, account_id: int) -> str | None:
    row = session.exec(select(WebhookSecret).where(WebhookSecret.account_id == account_id)).first()
    return row.secret if row else None
