"""Every text a comment had, as it arrived; a deletion on the platform is an event too.

The comment row holds the current text (what chat shows); these rows hold the record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from storage.models import Comment, CommentVersion, CommentVersionKind


def add_version(
    session: Session,
    comment: Comment,
    kind: CommentVersionKind,
    text: str,
    at: datetime,
    said: dict[str, Any] | None = None,
) -> CommentVersion:
    session.flush()
    last = session.exec(
        select(CommentVersion.number)
        .where(CommentVersion.comment_id == comment.id)
        .order_by(col(CommentVersion.number).desc())
    ).first()
    version = CommentVersion(
        comment_id=comment.id or 0,
        number=(last or 0) + 1,
        kind=kind,
        text=text,
        at=at,
        said=said,
    )
    session.add(version)
    session.flush()
    return version


def versions_of(session: Session, comment_id: int) -> list[CommentVersion]:
    return list(
        session.exec(
            select(CommentVersion)
            .where(CommentVersion.comment_id == comment_id)
            .order_by(col(CommentVersion.number))
        ).all()
    )


def text_versions(session: Session, comment_id: int) -> list[CommentVersion]:
    """The texts it had (a deletion event carries none)."""
    return [v for v in versions_of(session, comment_id) if v.kind != CommentVersionKind.DELETED]


def version(session: Session, comment_id: int, number: int) -> CommentVersion | None:
    return session.exec(
        select(CommentVersion).where(
            CommentVersion.comment_id == comment_id, CommentVersion.number == number
        )
    ).first()


def purge_versions(session: Session, comment_id: int) -> int:
    """Disposal: all versions go with an ordinary comment's text."""
    result = session.exec(  # type: ignore[call-overload]
        delete(CommentVersion).where(col(CommentVersion.comment_id) == comment_id)
    )
    return int(result.rowcount or 0)
