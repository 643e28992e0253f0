"""Files the bot put into a chat (a report's charts, the account register as CSV/XLSX).

One row per file of a sent message and platform. Slack: the file's id and how far its
upload got, so a send that is retried after a crash never shares the file twice. Teams:
the bytes, served behind a signed, expiring link until `expires_at`; then disposed of.
"""

from datetime import datetime

from sqlalchemy import LargeBinary, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from storage.models._types import UTCDateTime


class ChatFile(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("message_key", "platform", "target", "position", name="uq_chatfile_slot"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # What a download link names (random, never the message key).
    token: str = Field(unique=True, max_length=64)
    message_key: str = Field(max_length=255)
    platform: str = Field(max_length=32)
    # Where the file went on the platform (a Slack channel id); "" when it is not per place.
    target: str = Field(default="", max_length=255)
    position: int
    name: str = Field(max_length=255)
    content_type: str = Field(max_length=255)
    # Teams: the bytes behind the download link; None once disposed of (or on Slack).
    data: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    # Slack: the platform's id for the file, once an upload has begun.
    platform_file_id: str | None = Field(default=None, max_length=64)
    uploaded: bool = False  # the bytes reached the platform
    shared_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # When the link stops working and the bytes are deleted (None: nothing kept here).
    expires_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), index=True))
