"""What the core answers a person who acted, and what a person may send it: plain values."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.messages import Form, Message


@dataclass
class Reply:
    """What the acting person sees at once, in the place they acted."""

    notice: str | None = None  # a short private note
    message: Message | None = None  # a private message (a listing, a receipt)
    form: Form | None = None  # open this form
    errors: dict[str, str] = field(default_factory=dict)  # a submitted form's field errors
    # Messages the request edited in place, by outbox key (filled by the core, not by flows):
    # a platform answers a press with the new content of the message pressed.
    updated: dict[str, Message] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class UploadedFile:
    """A file a person sent the bot (a screenshot in the chat), already downloaded."""

    name: str
    content: bytes
    content_type: str = "application/octet-stream"
