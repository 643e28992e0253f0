"""Private messages to a linked Facebook Page (Messenger) or Instagram account (Direct).

They are owed a reply like a comment ("besvara inkommande inlägg/synpunkter"), so they are
comments of kind `message`: the same deadline, due-morning alert, same-day batch,
escalation, evidence and disposal. Their text goes to the account's admins only: the
communicators' channel gets the fact that one came (and, at a threat, that it did), never
its text or its author. Meta sends no name with a message, only the sender's page- or
Instagram-scoped id, so `/gdpr` finds a message by that id.

The page's own reply in the conversation (an echo) answers the sender's open messages on
that account, when it is signed like any reply.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot.core import Core
from bot.flows.comments import intake
from bot.flows.comments.intake import Incoming
from storage.models import Comment, CommentKind, CommentStatus

# What stands for a message without text (a picture, a voice clip): the admins open it.
ATTACHMENT_ONLY = "[{kinds}]"


def received(
    session: Session,
    core: Core,
    account_id: int,
    platform: str,
    mid: str,
    sender_id: str,
    text: str,
    at: datetime | None,
    said: dict[str, Any],
) -> Comment | None:
    return intake.receive(
        session,
        core,
        account_id,
        Incoming(
            platform=platform,
            external_id=mid,
            text=text,
            author_external_id=sender_id,
            created_time=at,
            said=said,
            kind=CommentKind.MESSAGE,
        ),
    )


def edited(
    session: Session,
    core: Core,
    account_id: int,
    platform: str,
    mid: str,
    text: str,
    said: dict[str, Any],
) -> bool:
    return intake.edited(session, core, account_id, platform, mid, text, said)


def unsent(
    session: Session, core: Core, account_id: int, platform: str, mid: str, said: dict[str, Any]
) -> bool:
    """The author unsent it: an event like a deleted comment; the text stays in its versions."""
    return intake.removed_on_platform(session, core, account_id, platform, mid, said)


def page_answered(
    session: Session,
    core: Core,
    account_id: int,
    platform: str,
    recipient_id: str,
    reply_mid: str,
    text: str,
) -> int:
    """The account wrote to the person: their open messages on it are answered (if signed)."""
    waiting = session.exec(
        select(Comment.external_id).where(
            Comment.account_id == account_id,
            Comment.platform == platform,
            Comment.kind == CommentKind.MESSAGE,
            Comment.author_external_id == recipient_id,
            Comment.status == CommentStatus.OPEN,
            col(Comment.external_id).is_not(None),
        )
    ).all()
    answered = 0
    for mid in waiting:
        answered += intake.page_replied(
            session, core, account_id, platform, mid or "", reply_mid, text
        )
    return answered
