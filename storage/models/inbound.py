from datetime import datetime

from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from storage.models._types import UTCDateTime


class InboundEvent(SQLModel, table=True):
    """An inbound delivery already handled: Slack event_id, Teams activity id, webhook id."""

    __table_args__ = (UniqueConstraint("source", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str
    external_id: str
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
