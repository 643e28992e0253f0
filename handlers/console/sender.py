"""The outbox's way into the console: messages land in the in-memory inboxes (inbox.py)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from bot.messages import Message
from bot.platforms import COMMUNICATORS, SendError
from handlers.console.directory import PLATFORM, ConsoleDirectory
from handlers.console.inbox import CHANNEL, Inboxes
from storage.models import Person


class ConsoleSender:
    platform = PLATFORM

    def __init__(
        self, directory: ConsoleDirectory, inboxes: Inboxes, files_dir: Path | None = None
    ) -> None:
        self.directory = directory
        self.inboxes = inboxes
        # Where the files of messages are written (a temporary directory unless given).
        self.files_dir = files_dir or Path(tempfile.mkdtemp(prefix="smbot-filer-"))

    def can_reach(self, person: Person) -> bool:
        return person.id is not None and self.directory.handle_for(person.id) is not None

    def has_channel(self, channel: str) -> bool:
        return channel == COMMUNICATORS

    async def send_to_person(self, person: Person, message: Message, key: str) -> str:
        handle = self.directory.handle_for(person.id) if person.id is not None else None
        if handle is None:
            raise SendError("personen finns inte i konsolen", permanent=True)
        return self.inboxes.deliver(handle, message, key)

    async def send_to_channel(self, channel: str, message: Message, key: str) -> str:
        if channel != COMMUNICATORS:
            raise SendError(f"kanalen {channel!r} finns inte i konsolen", permanent=True)
        return self.inboxes.deliver(CHANNEL, message, key)

    async def send_files(self, ref: str, message: Message, key: str) -> None:
        """Written to the console's file directory; the board shows where."""
        self.inboxes.attach(ref, write_files(self.files_dir, key, message))

    async def link_to(self, ref: str) -> str | None:
        return None  # a terminal has no links; the console board shows every message anyway

    async def update(self, ref: str, message: Message, key: str) -> None:
        try:
            self.inboxes.edit(ref, message)
        except KeyError:
            # Sent by an earlier console run: its inbox is gone with that process.
            raise SendError("meddelandet finns inte längre i konsolen", permanent=True) from None


def write_files(directory: Path, key: str, message: Message) -> list[Path]:
    """Each attachment as a file under `directory/<key>/`, named as sent."""
    folder = directory / _safe(key)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for attachment in message.attachments:
        path = folder / _safe(attachment.name)
        path.write_bytes(attachment.content)
        written.append(path)
    return written


def _safe(name: str) -> str:
    """A file name that stays inside its folder."""
    return re.sub(r"[^\w.\-åäöÅÄÖ]+", "_", name).lstrip(".") or "fil"
