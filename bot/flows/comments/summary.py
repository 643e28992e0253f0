"""The admins' morning summary: open comments and their deadlines."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from bot.core import Core
from bot.flows.comments.common import T, local, shown_text
from bot.summary import summary_section
from storage.models import Account, Comment, CommentStatus

SNIPPET = 80


@summary_section
def open_comments(session: Session, core: Core, account: Account, now: datetime) -> list[str]:
    rows = session.exec(
        select(Comment)
        .where(
            Comment.account_id == account.id,
            Comment.status.in_([CommentStatus.OPEN, CommentStatus.ILLEGAL]),  # type: ignore[attr-defined]
        )
        .order_by(Comment.deadline, Comment.id)
    ).all()
    lines = []
    for comment in rows:
        if comment.status == CommentStatus.ILLEGAL:
            lines.append(T.SUMMARY_ILLEGAL.format(id=comment.id))
            continue
        snippet = T.CONFIDENTIAL_SNIPPET if comment.confidential else _snippet(core, comment)
        lines.append(
            T.SUMMARY_OPEN.format(
                id=comment.id,
                author=comment.author_name or T.UNKNOWN_AUTHOR,
                snippet=snippet,
                deadline=local(core, comment.deadline),
            )
        )
    return lines


def _snippet(core: Core, comment: Comment) -> str:
    text = " ".join(shown_text(core, comment).split())
    return text if len(text) <= SNIPPET else text[:SNIPPET] + "…"
