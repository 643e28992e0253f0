"""The webhook payloads as typed shapes: a body is validated whole before anything reads it.

Ids arrive as text or as numbers (Meta sends both); they are held as text. Unknown keys
are allowed (the platforms add fields), wrong types are not.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints


def _id_as_text(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Id = Annotated[str, BeforeValidator(_id_as_text), StringConstraints(max_length=255)]
# Cut to length by the handlers (as before), not refused.
Text = str
Url = Annotated[str, StringConstraints(max_length=2000)]
# Unix seconds or ISO 8601; read by handlers.webhooks.common.parse_time.
Time = int | float | str


class Shape(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=False, frozen=True)


# --- POST /webhooks/comments ---------------------------------------------------------


class Author(Shape):
    name: Text | None = None
    id: Id | None = None
    profile_url: Url | None = None


class GenericComment(Shape):
    type: Literal["comment", "reply", "post", "edited", "removed"] = "comment"
    platform: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,29}$")]
    id: Id = Field(min_length=1)
    text: Text | None = None
    created_time: Time | None = None
    permalink: Url | None = None
    parent_id: Id | None = None
    post_id: Id | None = None
    author: Author | None = None


# --- POST /webhooks/meta -------------------------------------------------------------


class MetaChange(Shape):
    field: str | None = None
    value: dict[str, Any]


class MetaEntry(Shape):
    id: Id = ""
    changes: list[MetaChange] = Field(default_factory=list)
    # Messenger and Instagram Direct events; each is read as a `MessagingEvent`.
    messaging: list[dict[str, Any]] = Field(default_factory=list)


class MetaDelivery(Shape):
    object: str | None = None
    entry: list[Any] = Field(default_factory=list)


class MetaSender(Shape):
    id: Id | None = None
    name: Text | None = None
    username: Text | None = None


class FeedPost(Shape):
    permalink_url: Url | None = None


class FeedValue(Shape):
    """A page `feed` change."""

    item: str | None = None
    verb: str | None = None
    comment_id: Id | None = None
    post_id: Id | None = None
    parent_id: Id | None = None
    message: Text | None = None
    created_time: Time | None = None
    permalink_url: Url | None = None
    post: FeedPost | None = None
    sender: MetaSender | None = Field(default=None, alias="from")


class IgMedia(Shape):
    id: Id | None = None
    permalink: Url | None = None


class IgCommentValue(Shape):
    """An Instagram `comments` / `live_comments` change."""

    id: Id = Field(min_length=1)
    text: Text | None = None
    parent_id: Id | None = None
    timestamp: Time | None = None
    created_time: Time | None = None
    media: IgMedia | None = None
    sender: MetaSender | None = Field(default=None, alias="from")


class MessageAttachment(Shape):
    type: str | None = None


class PrivateMessage(Shape):
    """`message` of a Messenger / Instagram Direct event (a text, files, or both)."""

    mid: Id = Field(min_length=1)
    text: Text | None = None
    is_echo: bool = False  # sent by the page or account itself
    is_deleted: bool = False  # unsent by its author (Instagram)
    attachments: list[MessageAttachment] = Field(default_factory=list)


class MessageEdit(Shape):
    """`message_edit` of a Messenger `message_edits` event."""

    mid: Id = Field(min_length=1)
    text: Text | None = None
    num_edit: int | None = None


class MessagingParty(Shape):
    id: Id = Field(min_length=1)


class MessagingEvent(Shape):
    """One entry of `messaging`: a message, an edit, or something we do not handle
    (deliveries, reads, reactions: no `message` and no `message_edit`)."""

    sender: MessagingParty
    recipient: MessagingParty
    timestamp: Time | None = None  # milliseconds since the epoch
    message: PrivateMessage | None = None
    message_edit: MessageEdit | None = None
