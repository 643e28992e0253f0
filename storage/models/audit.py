from datetime import datetime
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel

from storage.models._types import UTCDateTime


class AuditEntry(SQLModel, table=True):
    """Append-only: who did what, when, to which account. Rows are never updated or deleted."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    action: str
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
