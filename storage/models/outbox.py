from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, text
from sqlmodel import JSON, Column, Field, SQLModel

from storage.models._types import UTCDateTime


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a dispatcher
    SENT = "sent"
    FAILED = "failed"  # gave up; reported, never retried by itself


class OutboxMessage(SQLModel, table=True):
    """One message the bot will send. The key makes enqueueing idempotent."""

    # The dispatcher's claim reads only rows still to send: partial indexes keep that one
    # lookup whether the table holds a morning's 80,000 sent rows or none.
    __table_args__ = (
        Index(
            "ix_outboxmessage_pending_due",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
            sqlite_where=text("status = 'pending'"),
        ),
        Index(
            "ix_outboxmessage_sending_claimed",
            "claimed_at",
            postgresql_where=text("status = 'sending'"),
            sqlite_where=text("status = 'sending'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=255)
    # The key the flow gave the message; shared by its copy per platform and its edits.
    message_key: str = Field(index=True, max_length=255)
    # "person" (a DM) or "channel" (a named channel such as "communicators").
    recipient_kind: str
    recipient: str
    # For a channel: which platform's channel. For a person: chosen at dispatch.
    platform: str | None = None
    # Set when this row edits an earlier message in place (the earlier row's key).
    replaces_key: str | None = Field(default=None, index=True)
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    status: str = Field(default=OutboxStatus.PENDING, index=True)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # Which claim holds the row: a dispatcher renews its claim while it sends, and a
    # dispatcher whose claim was taken over leaves the row alone.
    claim_token: str | None = Field(default=None, max_length=36)
    # Set before a send goes out, cleared once its outcome is known: a row found with it
    # set may have reached the platform (a crash or a timeout mid-send), so it is looked
    # up there (from this moment on) before it is sent again.
    in_doubt_since: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    last_error: str | None = None
    # The platform's handle on the sent message (JSON: channel + ts, or conversation + id).
    sent_ref: str | None = None
    sent_platform: str | None = None
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
