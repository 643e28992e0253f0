from datetime import datetime

from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from storage.models._types import UTCDateTime


class InboundEvent(SQLModel, table=True):
    """An inbound delivery (Slack event_id, Teams activity id, a Slack file id), taken or handled.

    A row with `handled_at` unset is a delivery being handled right now (its claim made at
    `received_at`); it becomes handled in the same transaction as its effects where the
    effects are rows, else once they are done. A failed handling deletes its row, so the
    platform's retry of the same delivery is handled, not swallowed.
    """

    __table_args__ = (UniqueConstraint("source", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str
    external_id: str
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    handled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
