"""The admins' morning summary: open comments and their deadlines.

Numbers and times only, no comment text or author: the summary DM is not purged with
the comment (disposal), and the alert carries the content anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from bot.core import Core
from bot.flows.comments.common import T, local
from bot.registry import Verbs
from bot.summary import any_of
from storage.models import Account, Comment, CommentStatus

verbs = Verbs()


@verbs.summary_section
def open_comments(
    session: Session, core: Core, accounts: Sequence[Account], now: datetime
) -> dict[int, list[str]]:
    rows = session.exec(
        select(Comment)
        .where(
            any_of(session, Comment.account_id, (a.id for a in accounts if a.id)),
            col(Comment.status).in_([CommentStatus.OPEN, CommentStatus.ILLEGAL]),
        )
        .order_by(Comment.deadline, Comment.id)
    ).all()
    lines: dict[int, list[str]] = {}
    for comment in rows:
        if comment.status == CommentStatus.ILLEGAL:
            lines.setdefault(comment.account_id, []).append(T.SUMMARY_ILLEGAL.format(id=comment.id))
            continue
        # Rows come by deadline, so the late ones lead each account's lines (finding 4).
        template = T.SUMMARY_LATE if comment.deadline < now else T.SUMMARY_OPEN
        line = template.format(
            id=comment.id,
            received=local(core, comment.received_at),
            deadline=local(core, comment.deadline),
        )
        confidential = T.SUMMARY_CONFIDENTIAL if comment.confidential else ""
        lines.setdefault(comment.account_id, []).append(line + confidential)
    return lines
