"""People changing on an account after it opened: a password to change, a new owner or manager.

"Once per account" is held by the database, not by reading first: a request is open while its
`open_key` is set (unique), and the key is cleared (NULL) when it is done, so two replicas
handling the same departure cannot both open one.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Column, Field, SQLModel

from storage.models._types import UTCDateTime


class PasswordChange(SQLModel, table=True):
    """An admin left the account (left the organisation, stepped down, was removed): its
    password must be changed. One open request per account (`open_account_id`)."""

    __tablename__ = "password_change"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    # Who left, and how ("departed", "stepped_down", "removed").
    person_id: int = Field(foreign_key="person.id")
    reason: str
    requested_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    done_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    done_by_id: int | None = Field(default=None, foreign_key="person.id")
    open_account_id: int | None = Field(default=None, unique=True)


class HandoverKind(StrEnum):
    OWNER = "owner"  # the new owner accepts
    MANAGER = "manager"  # the new manager confirms


class HandoverOutcome(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REPLACED = "replaced"  # someone else was named before this person answered


class AccountHandover(SQLModel, table=True):
    """A new owner or manager named for an account, waiting for that person's answer.

    One open per account and kind: `open_key` is "account:kind" while open, NULL after."""

    __tablename__ = "account_handover"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    kind: str
    person_id: int = Field(foreign_key="person.id")
    requested_by_id: int | None = Field(default=None, foreign_key="person.id")
    requested_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    decided_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    outcome: str | None = None
    open_key: str | None = Field(default=None, unique=True)
