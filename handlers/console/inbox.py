"""What the console's people and its communicators' channel have received, in memory.

A board is one person's chat with the bot (by handle) or the communicators' channel
(`CHANNEL`). The sender delivers and edits messages here; whoever shows them (the terminal,
a test) takes the new arrivals with `drain` and reads a board's current messages with `current`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

from bot.messages import Message

CHANNEL = "#kommunikatörer"


@dataclass
class Delivered:
    board: str  # a person's handle, or CHANNEL
    ref: str  # the console's handle on the message, which edits get back
    key: str  # the outbox key it was sent under
    message: Message
    edited: bool = False
    # Where the message's files were written (bot/messages.py Attachment).
    files: list[Path] = field(default_factory=list)


@dataclass
class Inboxes:
    boards: dict[str, dict[str, Delivered]] = field(default_factory=dict)
    unseen: list[Delivered] = field(default_factory=list)
    _refs: count[int] = field(default_factory=lambda: count(1))

    def deliver(self, board: str, message: Message, key: str) -> str:
        ref = f"console:{next(self._refs)}"
        delivered = Delivered(board, ref, key, message)
        self.boards.setdefault(board, {})[ref] = delivered
        self.unseen.append(delivered)
        return ref

    def edit(self, ref: str, message: Message) -> None:
        for messages in self.boards.values():
            if ref in messages:
                edited = Delivered(messages[ref].board, ref, messages[ref].key, message, True)
                messages[ref] = edited
                self.unseen.append(edited)
                return
        raise KeyError(ref)

    def attach(self, ref: str, files: list[Path]) -> None:
        """The files a delivered message came with, written to disk."""
        for messages in self.boards.values():
            if ref in messages:
                messages[ref].files = files
                return

    def drain(self) -> list[Delivered]:
        """What arrived or changed since the last drain, in order."""
        taken, self.unseen = self.unseen, []
        return taken

    def current(self, board: str) -> list[Delivered]:
        """The board's messages as they read now (edits applied), oldest first."""
        return list(self.boards.get(board, {}).values())
