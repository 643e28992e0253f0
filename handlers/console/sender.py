"""The outbox's way into the console: messages land in the in-memory inboxes (inbox.py)."""

from __future__ import annotations

from bot.messages import Message
from bot.platforms import COMMUNICATORS, SendError
from handlers.console.directory import PLATFORM, ConsoleDirectory
from handlers.console.inbox import CHANNEL, Inboxes
from storage.models import Person


class ConsoleSender:
    platform = PLATFORM

    def __init__(self, directory: ConsoleDirectory, inboxes: Inboxes) -> None:
        self.directory = directory
        self.inboxes = inboxes

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

    async def update(self, ref: str, message: Message, key: str) -> None:
        try:
            self.inboxes.edit(ref, message)
        except KeyError:
            # Sent by an earlier console run: its inbox is gone with that process.
            raise SendError("meddelandet finns inte längre i konsolen", permanent=True) from None
