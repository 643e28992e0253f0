"""The whole contract a chat platform implements: the `Sender` the outbox sends through,
the `SendError` it raises, and the `Platform` that plugs it into the core.

`bot/` never imports `handlers/`: each handler package declares itself under the
`smbot.platforms` entry-point group in pyproject.toml, so a new platform is a new
folder plus one line there.

This module sits below `bot.core` (the core holds the senders), so it names the core
only as the `Host` a platform attaches to; the object passed is the running `Core`.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import entry_points
from typing import Protocol

from aiohttp import web

from bot.config import Settings
from bot.messages import Message
from storage.models import Person

# The communicators' channel, the one channel the core writes to by name.
COMMUNICATORS = "communicators"


class SendError(Exception):
    """A send that failed. `retry_after` (seconds) when the platform said when to try again.

    `permanent`: trying again will not help. `undeliverable`: the recipient cannot be
    reached at all (left, deactivated), which the communicators are told about.
    `maybe_sent`: the platform may have taken the message anyway (a timeout, a dropped
    connection), so it is looked up before it is sent again. `app_missing`: the platform's
    name when the person has not installed or opened the bot there yet; they can be reached
    once they do, so whoever waits on them is told and the communicators may send it again.
    """

    def __init__(
        self,
        reason: str,
        *,
        retry_after: float | None = None,
        permanent: bool = False,
        undeliverable: bool = False,
        maybe_sent: bool = False,
        app_missing: str | None = None,
    ):
        super().__init__(reason)
        self.retry_after = retry_after
        self.permanent = permanent or undeliverable or app_missing is not None
        self.undeliverable = undeliverable
        self.maybe_sent = maybe_sent
        self.app_missing = app_missing


class Sender(Protocol):
    """What a chat platform implements so the core can reach people and channels.

    `key` is the message's outbox key (the one the flow enqueued it under, the same for
    every copy and edit). A platform that lets people press buttons carries it with the
    sent message, so a press can say which message it came from (`Reply.updated[key]`).
    Each send returns the platform's handle on the message, which `update` gets back.
    """

    platform: str

    def can_reach(self, person: Person) -> bool: ...

    def has_channel(self, channel: str) -> bool: ...

    async def send_to_person(self, person: Person, message: Message, key: str) -> str: ...

    async def send_to_channel(self, channel: str, message: Message, key: str) -> str: ...

    async def update(self, ref: str, message: Message, key: str) -> None: ...

    async def send_files(self, ref: str, message: Message, key: str) -> None:
        """The message's attachments, next to the sent message `ref`; called after every
        send of a message with attachments, again after a crash, so it skips what is there
        already. A platform that put them on the message itself (Teams) does nothing."""
        ...

    async def link_to(self, ref: str) -> str | None:
        """A link people can open to the sent message `ref`; None when the platform has none
        (or cannot make one now: the line is then shown without it)."""
        ...

    async def find_sent(self, recipient: Person | str, key: str, since: datetime) -> str | None:
        """The handle on a message sent with this key since `since`, if it reached the
        recipient (a person, or a channel by name); None when it did not or the platform
        cannot be asked (then the outbox sends again: at least once)."""
        ...


class Host(Protocol):
    """The running core (`bot.core.Core`) as a platform first meets it."""

    settings: Settings

    def register_sender(self, sender: Sender) -> None: ...


@dataclass(frozen=True)
class Limits:
    """What one message holds on a platform, for the few places the core must plan for it
    (a listing that says "… och N konton till" instead of being cut off)."""

    text: int  # characters of message text
    buttons: int


# Every chat platform's message holds at least this (Slack: 3000 characters a section less
# room for the "… och N till" line, 25 buttons an actions block less one for the rest).
SMALLEST = Limits(text=2700, buttons=24)


class Platform(Protocol):
    name: str
    # A chat platform people talk to the bot on; `serve` needs at least one.
    is_chat: bool

    def missing_settings(self, core: Host) -> list[str]:
        """Settings this platform needs and lacks; empty when it can run."""
        ...

    def masked_settings(self, core: Host) -> dict[str, str]:
        """This platform's settings by environment name, secrets shown only as set or not."""
        ...

    def attach(self, core: Host, app: web.Application | None) -> None:
        """Register the sender on the core and, when `app` is given, mount the routes."""
        ...

    def add_cli(self, commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        """Add platform-specific CLI commands (may do nothing)."""
        ...


def load_platforms() -> list[Platform]:
    found = entry_points(group="smbot.platforms")
    return [entry.load() for entry in sorted(found, key=lambda e: e.name)]
