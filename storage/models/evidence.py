from datetime import datetime
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel

from storage.models._types import UTCDateTime


class Evidence(SQLModel, table=True):
    """A frozen copy of illegal content, saved before removal. Never purged, never edited.

    `record` is the captured content; `sha256` is over its canonical JSON. Only the
    police-report fields change later, and they are outside the hashed record.
    """

    id: int | None = Field(default=None, primary_key=True)
    comment_id: int = Field(foreign_key="comment.id", unique=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    category: str
    record: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    sha256: str = Field(max_length=64)
    captured_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    captured_by_id: int = Field(foreign_key="person.id")
    # The comment version the record holds (None: saved before versions were kept).
    version_number: int | None = None
    police_report_number: str | None = None
    police_reported_by_id: int | None = Field(default=None, foreign_key="person.id")
    police_reported_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
