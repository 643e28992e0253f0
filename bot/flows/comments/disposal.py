"""Gallring: ordinary closed comments lose their text and author data after a set time.

Registered (diarieförda) comments and comments with evidence are kept whole, with every
version of their text; an ordinary comment loses all its versions. The
audit log records what was purged and when: counts and ids, never content. The texts
the bot itself sent about a purged comment go too: each chat message is edited in place
to say the comment was disposed of, and the outbox's stored copies are overwritten.
`/gdpr` (bot/flows/comments/gdpr.py) erases with the same `purge`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot import audit, texts
from bot.core import Core
from bot.flows.comments.common import local, message_keys
from bot.flows.comments.versions import purge_versions
from bot.messages import Message
from bot.outbox import enqueue_update
from bot.outbox.queue import redact
from bot.registry import Verbs
from storage.models import Account, Comment, Evidence

P = texts.privacy

verbs = Verbs()

CLOSED = ("answered", "no_reply_needed", "removed", "confidential_handled")


@verbs.sweep("comment-disposal")
def purge_old_comments(core: Core, session: Session) -> None:
    now = core.now()
    cutoff = now - timedelta(days=core.guideline.rules.disposal_after_days)
    with_evidence = select(Evidence.comment_id)
    due = session.exec(
        select(Comment)
        .where(
            col(Comment.status).in_(CLOSED),
            col(Comment.closed_at) <= cutoff,
            col(Comment.purged_at).is_(None),
            col(Comment.diarienummer).is_(None),
            col(Comment.id).not_in(with_evidence),
        )
        .order_by(Comment.id)
    ).all()
    if not due:
        return
    for comment in due:
        purge(session, core, comment, now)
    audit.record(
        session,
        now,
        "comments.purged",
        count=len(due),
        comment_ids=[c.id for c in due],
        cutoff=cutoff.isoformat(),
    )


def purge(
    session: Session,
    core: Core,
    comment: Comment,
    now: datetime,
    *,
    erased_request_id: int | None = None,
) -> None:
    """Text, versions and author data go; the chat messages about it say so instead."""
    comment.text = ""
    comment.author_name = None
    comment.author_external_id = None
    comment.author_profile = None
    # The reply as pasted with **Besvarad** may name the author or quote the comment.
    comment.reply_text = None
    comment.purged_at = now
    comment.erased_request_id = erased_request_id
    session.add(comment)
    purge_versions(session, comment.id or 0)
    keys = message_keys(session, comment.id or 0)
    notice = disposed_message(session, core, comment)
    # Each message sent is edited once (Slack chat.update, Teams update activity); the
    # outbox rows that carried the text are overwritten, so no copy stays in the database.
    for key in keys:
        enqueue_update(session, core, key, notice)
    redact(session, keys, notice)


def disposed_message(session: Session, core: Core, comment: Comment) -> Message:
    account = session.get(Account, comment.account_id)
    when = local(core, comment.purged_at)
    text = P.ERASED_TEXT if comment.erased_request_id else P.DISPOSED_TEXT
    return Message(
        title=P.DISPOSED_TITLE.format(
            kind=P.GDPR_ITEM_KINDS.get(comment.kind, comment.kind).capitalize(),
            id=comment.id,
            account=account.name if account else comment.account_id,
        ),
        text=text.format(when=when),
    )
