from datetime import datetime

from sqlmodel import Column, Field, SQLModel

from storage.models._types import UTCDateTime


class AdminShortage(SQLModel, table=True):
    """A stretch of time an active account had fewer present admins than the rules ask.

    One open row per account at most, held by the database: `open_account_id` is the
    account while the shortage is open and NULL once it ended, and it is unique, so two
    replicas cannot both open one. Its id keys the escalation and the ask to nominate.
    """

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    ended_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), index=True))
    open_account_id: int | None = Field(default=None, unique=True)
