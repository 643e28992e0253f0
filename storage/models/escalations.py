from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel

from storage.models._types import UTCDateTime


class EscalationStatus(StrEnum):
    OPEN = "open"
    TAKEN = "taken"  # a communicator said "Jag tar den"
    RESOLVED = "resolved"


class Escalation(SQLModel, table=True):
    """Something overdue or wrong, handed to the communicators. One row per cause (key)."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=255)
    kind: str = Field(index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    summary: str
    facts: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    status: str = Field(default=EscalationStatus.OPEN, index=True)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    taken_by_id: int | None = Field(default=None, foreign_key="person.id")
    taken_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    resolved_by_id: int | None = Field(default=None, foreign_key="person.id")
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    resolution: str | None = None
