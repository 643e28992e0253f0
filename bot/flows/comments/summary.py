"""The admins' morning summary: open comments and their deadlines.

Numbers and times only, no comment text or author: the summary DM is not purged with
the comment (disposal), and the alert carries the content anyway.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.core import Core
from bot.flows.comments.common import T, local
from bot.registry import Verbs
from storage.models import Account, Comment, CommentStatus

verbs = Verbs()


@verbs.summary_section
def open_comments(session: Session, core: Core, account: Account, now: datetime) -> list[str]:
    rows = session.exec(
        select(Comment)
        .where(
            Comment.account_id == account.id,
            col(Comment.status).in_([CommentStatus.OPEN, CommentStatus.ILLEGAL]),
        )
        .order_by(Comment.deadline, Comment.id)
    ).all()
    lines = []
    for comment in rows:
        if comment.status == CommentStatus.ILLEGAL:
            lines.append(T.SUMMARY_ILLEGAL.format(id=comment.id))
            continue
        line = T.SUMMARY_OPEN.format(
            id=comment.id,
            received=local(core, comment.received_at),
            deadline=local(core, comment.deadline),
        )
        lines.append(line + (T.SUMMARY_CONFIDENTIAL if comment.confidential else ""))
    return lines
