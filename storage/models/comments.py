from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel, UniqueConstraint

from storage.models._types import UTCDateTime


class CommentStatus(StrEnum):
    OPEN = "open"  # waiting for a reply
    ANSWERED = "answered"
    NO_REPLY_NEEDED = "no_reply_needed"
    ILLEGAL = "illegal"  # evidence saved; waiting to be removed
    REMOVED = "removed"  # removed from the platform (by us or by the platform)
    # Held confidential data: registered, moved to another channel and removed (not answered).
    CONFIDENTIAL_HANDLED = "confidential_handled"


class CommentKind(StrEnum):
    COMMENT = "comment"  # a comment or post, public on the platform
    MESSAGE = "message"  # a private message (Messenger, Instagram Direct): admins only


class PlatformLink(SQLModel, table=True):
    """A Meta page or Instagram account id, linked to one of our accounts by a communicator."""

    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str  # "facebook" or "instagram"
    external_id: str
    account_id: int = Field(foreign_key="account.id", index=True)
    linked_by_id: int | None = Field(default=None, foreign_key="person.id")
    linked_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class WebhookSecret(SQLModel, table=True):
    """The per-account HMAC secret of the generic comment webhook.

    Kept in clear because verifying an HMAC needs it; shown once, never logged.
    """

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", unique=True)
    secret: str
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class Comment(SQLModel, table=True):
    """An incoming comment, post or message on an account, with its reply deadline."""

    # The platform's own id makes a second webhook delivery change nothing.
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    platform: str  # facebook, instagram, manual, or the generic webhook's platform name
    external_id: str | None = None
    parent_external_id: str | None = None
    post_external_id: str | None = None
    permalink: str | None = None
    author_name: str | None = None
    author_external_id: str | None = None
    author_profile: str | None = None
    text: str = ""
    created_time: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    deadline: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    # The morning of the due day, when the admins are alerted.
    alert_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    confidential: bool = False  # holds a personnummer
    status: str = Field(default=CommentStatus.OPEN, index=True)
    source: str = "webhook"  # webhook or manual
    registered_manually_by_id: int | None = Field(default=None, foreign_key="person.id")
    forwarded_to_id: int | None = Field(default=None, foreign_key="person.id")
    forwarded_by_id: int | None = Field(default=None, foreign_key="person.id")
    diarienummer: str | None = None
    diarieford_by_id: int | None = Field(default=None, foreign_key="person.id")
    diarieford_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    answered_by_reply_id: str | None = None
    edited_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), index=True))
    closed_by_id: int | None = Field(default=None, foreign_key="person.id")
    removed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    removed_by_id: int | None = Field(default=None, foreign_key="person.id")
    purged_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # When the author deleted it on the platform (kept apart from our own removal).
    deleted_on_platform_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # Evidence saved: it must be removed by then (ILLEGAL_REMOVAL_WITHIN_HOURS office time).
    removal_due: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), index=True))
    # The threat or hatred words its text matched (comma-separated), alerted at once.
    threat_terms: str | None = None
    # When the admins got it in a batch of new comments (office hours, the same day).
    batched_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), index=True))
    # A private message's text goes to the account's admins only, never the communicators.
    kind: str = Field(default=CommentKind.COMMENT, sa_column_kwargs={"server_default": "comment"})
    # Purged because the commenter asked (/gdpr), not by disposal: the request that did it.
    erased_request_id: int | None = Field(default=None, foreign_key="gdprrequest.id")
    # The reply as posted, given with **Besvarad** (its text, or a link to it), the tone
    # remarks it drew ("; "-separated) and what the person chose: "fix" or "close_anyway".
    reply_text: str | None = None
    reply_link: str | None = None
    reply_remarks: str | None = None
    reply_choice: str | None = None
    # Confidential data: the conversation moved to another channel (which, when, by whom).
    confidential_channel: str | None = None
    confidential_moved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    confidential_moved_by_id: int | None = Field(default=None, foreign_key="person.id")


class CommentVersionKind(StrEnum):
    RECEIVED = "received"
    EDITED = "edited"
    DELETED = "deleted"  # deleted on the platform: an event, the text stays in earlier versions


class CommentVersion(SQLModel, table=True):
    """Every text a comment had, as it arrived, and its deletion on the platform.

    Nothing the author does overwrites the record: an edit adds a version. Purged with
    an ordinary comment; kept whole under evidence or registration.
    """

    __table_args__ = (UniqueConstraint("comment_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    comment_id: int = Field(foreign_key="comment.id", index=True)
    number: int  # 1, 2, ... in arrival order
    kind: str
    text: str = ""
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # What the platform said (the change as delivered), for the record.
    said: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class CommentMessage(SQLModel, table=True):
    """A message the bot sent about a comment (by outbox key): to edit it, and to redact it.

    `refreshed` messages (the alerts) are edited whenever the comment changes; the others
    (e.g. an unsigned reply's notice) only lose their text when the comment is purged.
    """

    id: int | None = Field(default=None, primary_key=True)
    comment_id: int = Field(foreign_key="comment.id", index=True)
    key: str = Field(unique=True, max_length=255)
    refreshed: bool


class GdprRequest(SQLModel, table=True):
    """One `/gdpr` search by a communicator, and what was done with what it found.

    The search key itself (a name or a platform id) is personal data: only its SHA-256
    is kept, so the log can confirm that a given key was searched without showing it.
    `erased_at` is set once, by a conditional UPDATE: a second press erases nothing.
    """

    id: int | None = Field(default=None, primary_key=True)
    key_kind: str  # "name" or "id"
    key_sha256: str = Field(max_length=64)
    comment_ids: list[int] = Field(sa_column=Column(JSON, nullable=False))
    requested_by_id: int = Field(foreign_key="person.id")
    requested_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    exported_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), index=True))
    # The last export; when the outbox's copies of the files were emptied (a week after
    # the last export, or at erasure).
    exports_cleared_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    erased_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    erased_by_id: int | None = Field(default=None, foreign_key="person.id")
