from datetime import date, datetime
from typing import Any

from sqlalchemy import UniqueConstraint
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


class GuidelineAcknowledgement(SQLModel, table=True):
    """An admin has read a guideline version ("Jag har läst"), or accepted under it.

    One per person and version, kept by the database: a double press or two admins'
    devices racing still leave one row.
    """

    __table_args__ = (UniqueConstraint("person_id", "version", name="uq_ack_person_version"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    version: str = Field(sa_column=Column(String(64), nullable=False))
    acknowledged_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # How: "read" (the Jag har läst button), "accepted" (became admin under this version),
    # "applied" (confirmed the duties in an application under this version).
    how: str = "read"
