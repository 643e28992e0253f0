"""The outbox as operators see it: counts by state, what gave up, another round for it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from storage.models import OutboxMessage, OutboxStatus


def status_counts(session: Session) -> dict[str, int]:
    """How many rows are in each state (for `smbot outbox` and health checks)."""
    rows = session.exec(
        select(OutboxMessage.status, func.count()).group_by(col(OutboxMessage.status))
    ).all()
    return {status: count for status, count in rows}


def failed_rows(session: Session, limit: int = 50) -> list[OutboxMessage]:
    return list(
        session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.FAILED)
            .order_by(col(OutboxMessage.id).desc())
            .limit(limit)
        ).all()
    )


def retry_failed(session: Session, now: datetime) -> int:
    """Give rows that gave up another round (e.g. after fixing a token or a channel)."""
    rows = session.exec(
        select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.FAILED)
    ).all()
    for row in rows:
        row.status = OutboxStatus.PENDING
        row.attempts = 0
        row.next_attempt_at = now
        session.add(row)
    return len(rows)
