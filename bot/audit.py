"""The append-only audit log: every step of every flow writes one entry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from storage.models import AuditEntry


def record(
    session: Session,
    at: datetime,
    action: str,
    *,
    actor_id: int | None = None,
    account_id: int | None = None,
    **detail: Any,
) -> AuditEntry:
    entry = AuditEntry(
        at=at, actor_id=actor_id, account_id=account_id, action=action, detail=detail
    )
    session.add(entry)
    return entry
