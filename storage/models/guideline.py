from datetime import date, datetime
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel, String

from storage.models._types import UTCDateTime


class GuidelineVersion(SQLModel, table=True):
    """A guideline version smbot has enforced: when it took effect here, who decided it.

    `content` is the whole validated file, so a later version can be compared with it.
    """

    id: int | None = Field(default=None, primary_key=True)
    version: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    title: str
    decided_by_role: str
    decided_by_name: str = ""
    decided_on: date | None = None
    took_effect_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    content: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
