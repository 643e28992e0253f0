from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from storage.models._types import UTCDateTime


class ActivityKind(StrEnum):
    POST = "post"  # something was published on the account
    LOOKOVER = "lookover"  # an admin looked after the account (lag 1998:112 6 §)


class ActivitySource(StrEnum):
    MANUAL = "manual"  # a button or /publicerat
    WEBHOOK = "webhook"  # the platform told us


class ActivityLog(SQLModel, table=True):
    """One logged post or daily look-over of an account."""

    # A webhook delivered twice is logged once (its platform id).
    __table_args__ = (UniqueConstraint("account_id", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    kind: str = Field(index=True)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # The local (Europe/Stockholm) working day it counts for; rules compare days, not instants.
    day: date = Field(index=True)
    by_person_id: int | None = Field(default=None, foreign_key="person.id")
    source: str = ActivitySource.MANUAL
    external_id: str | None = Field(default=None, max_length=255)
