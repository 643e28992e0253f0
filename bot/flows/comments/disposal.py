"""Gallring: ordinary closed comments lose their text and author data after a set time.

Registered (diarieförda) comments and comments with evidence are kept whole, with every
version of their text; an ordinary comment loses all its versions. The
audit log records what was purged and when: counts and ids, never content. The texts
the bot itself sent about a purged comment (its alerts in the outbox) go too.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot import audit
from bot.core import Core
from bot.flows.comments.common import T, message_keys
from bot.flows.comments.versions import purge_versions
from bot.messages import Message
from bot.outbox.queue import redact
from bot.registry import Verbs
from storage.models import Comment, Evidence

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
        _purge(session, comment, now)
    audit.record(
        session,
        now,
        "comments.purged",
        count=len(due),
        comment_ids=[c.id for c in due],
        cutoff=cutoff.isoformat(),
    )


def _purge(session: Session, comment: Comment, now: datetime) -> None:
    comment.text = ""
    comment.author_name = None
    comment.author_external_id = None
    comment.author_profile = None
    # The reply as pasted with **Besvarad** may name the author or quote the comment.
    comment.reply_text = None
    comment.purged_at = now
    session.add(comment)
    purge_versions(session, comment.id or 0)
    redact(session, message_keys(session, comment.id or 0), Message(text=T.PURGED_MESSAGE))
