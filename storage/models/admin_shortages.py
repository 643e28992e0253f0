from datetime import datetime

from sqlmodel import Column, Field, SQLModel

from storage.models._types import UTCDateTime


class AdminShortage(SQLModel, table=True):
    """A stretch of time an active account had fewer present admins than the rules ask.

    One open row per account at most; its id keys the escalation and the ask to nominate.
    """

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    ended_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
