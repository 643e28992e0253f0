import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel, String

from storage.models._types import UTCDateTime

# Bumped if what the digest covers ever changes; old entries keep verifying under theirs.
DIGEST_VERSION = "v1"


class AuditEntry(SQLModel, table=True):
    """Append-only: who did what, when, to which account. Rows are never updated or deleted.

    Tamper-evident: `entry_hash` covers the entry and the previous entry's hash, so an
    edited, inserted or removed entry breaks the chain at that point (`smbot audit verify`).
    A unique `prev_hash` makes a fork (two writers on one tail) fail instead of pass.
    """

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    action: str
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str | None = Field(
        default=None, sa_column=Column(String(64), nullable=True, unique=True, index=True)
    )
    entry_hash: str = Field(sa_column=Column(String(64), nullable=False))


def entry_digest(
    prev_hash: str | None,
    at: datetime,
    actor_id: int | None,
    account_id: int | None,
    action: str,
    detail: dict[str, Any],
) -> str:
    """SHA-256 over a canonical JSON of the entry's content and its predecessor's hash.

    The id is left out: it is assigned by the database after the digest is made, and
    the order is already bound by `prev_hash`.
    """
    moment = at if at.tzinfo else at.replace(tzinfo=UTC)
    content = {
        "version": DIGEST_VERSION,
        "prev": prev_hash,
        "at": moment.astimezone(UTC).isoformat(),
        "actor_id": actor_id,
        "account_id": account_id,
        "action": action,
        # Round-tripped, so the digest sees the detail exactly as it is read back.
        "detail": json.loads(json.dumps(detail, default=str)),
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
