"""The append-only audit log: every step of every flow writes one entry.

Each entry is chained to the one before it by a hash (see `AuditEntry`). Writers take
the chain's tail under a lock: on PostgreSQL a transaction-scoped advisory lock, on
SQLite the database's one write lock (taken before the tail is read).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import text
from sqlmodel import Session, col, select

from storage.bulk import insert_many
from storage.models import AuditEntry
from storage.models.audit import entry_digest

# Distinct from the sweep lock (bot/sweeps.py) and the migration lock (storage/migrate.py).
AUDIT_LOCK_ID = 0x5_3B08
_WRITTEN = "smbot.audit_written"


def record(
    session: Session,
    at: datetime,
    action: str,
    *,
    actor_id: int | None = None,
    account_id: int | None = None,
    **detail: Any,
) -> AuditEntry:
    prev_hash = _tail(session)
    entry = AuditEntry(
        at=at,
        actor_id=actor_id,
        account_id=account_id,
        action=action,
        detail=detail,
        prev_hash=prev_hash,
        entry_hash=entry_digest(prev_hash, at, actor_id, account_id, action, detail),
    )
    session.add(entry)
    _written(session).append(entry)
    return entry


def record_many(
    session: Session,
    at: datetime,
    action: str,
    entries: Iterable[tuple[int | None, dict[str, Any]]],
) -> int:
    """Many entries of one action, (account id, detail) each, chained in order and inserted
    thousands a statement (a sweep opening thousands of escalations). Returns how many."""
    session.flush()  # this transaction's earlier entries first, so the chain stays in order
    prev_hash = _tail(session)
    rows: list[dict[str, Any]] = []
    for account_id, detail in entries:
        digest = entry_digest(prev_hash, at, None, account_id, action, detail)
        rows.append(
            {
                "at": at,
                "actor_id": None,
                "account_id": account_id,
                "action": action,
                "detail": detail,
                "prev_hash": prev_hash,
                "entry_hash": digest,
            }
        )
        prev_hash = digest
    # In the order chained: the chain is walked in id order.
    insert_many(session, AuditEntry.__table__, rows)  # type: ignore[attr-defined]
    if rows:
        # The tail is now in the table, not among this transaction's objects.
        _written(session).clear()
    return len(rows)


def _written(session: Session) -> list[AuditEntry]:
    """This transaction's entries, oldest first (the unit of work inserts them in order)."""
    transaction = session.get_transaction()
    held = session.info.get(_WRITTEN)
    if held is None or held[0] is not transaction:
        held = (transaction, [])
        session.info[_WRITTEN] = held
    return held[1]


def _tail(session: Session) -> str | None:
    # Ours, unless a rolled-back savepoint took it away again; flushing the caller's
    # pending objects early to find it in the table is not ours to do.
    for entry in reversed(_written(session)):
        if entry in session:
            return entry.entry_hash
    _lock_chain(session)
    with session.no_autoflush:
        return session.exec(
            select(AuditEntry.entry_hash).order_by(col(AuditEntry.id).desc()).limit(1)
        ).first()


def _lock_chain(session: Session) -> None:
    """Held until the transaction ends, so no other writer can read the same tail."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": AUDIT_LOCK_ID})
    elif dialect == "sqlite":
        # A write statement takes SQLite's RESERVED lock now rather than at the insert,
        # so another process cannot append between our read of the tail and our insert.
        session.execute(text("UPDATE auditentry SET id = id WHERE 0"))


@dataclass
class ChainReport:
    checked: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify_chain(session: Session) -> ChainReport:
    """Walk the chain in order; the first entry that does not fit is named."""
    expected_prev: str | None = None
    checked = 0
    for entry in _entries(session):
        if entry.prev_hash != expected_prev:
            return ChainReport(checked, entry.id, "föregående post saknas eller är ändrad")
        digest = entry_digest(
            entry.prev_hash,
            entry.at,
            entry.actor_id,
            entry.account_id,
            entry.action,
            entry.detail,
        )
        if digest != entry.entry_hash:
            return ChainReport(checked, entry.id, "posten är ändrad")
        expected_prev = entry.entry_hash
        checked += 1
    return ChainReport(checked)


def export_jsonl(session: Session, out: TextIO) -> int:
    count = 0
    for entry in _entries(session):
        row = {
            "id": entry.id,
            "at": entry.at.isoformat(),
            "actor_id": entry.actor_id,
            "account_id": entry.account_id,
            "action": entry.action,
            "detail": entry.detail,
            "prev_hash": entry.prev_hash,
            "entry_hash": entry.entry_hash,
        }
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def _entries(session: Session, batch: int = 1000) -> Iterator[AuditEntry]:
    """In id order, a batch at a time, so a long log is not held in memory."""
    after = 0
    while True:
        rows = session.exec(
            select(AuditEntry)
            .where(col(AuditEntry.id) > after)
            .order_by(col(AuditEntry.id))
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].id or after
