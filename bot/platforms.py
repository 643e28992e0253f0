"""Chat platforms and webhooks plug into the core here, found through entry points.

`bot/` never imports `handlers/`: each handler package declares itself under the
`smbot.platforms` entry-point group in pyproject.toml, so a new platform is a new
folder plus one line there.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Protocol

from aiohttp import web

from bot.core import Core


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

    def missing_settings(self, core: Core) -> list[str]:
        """Settings this platform needs and lacks; empty when it can run."""
        ...

    def attach(self, core: Core, app: web.Application | None) -> None:
        """Register the sender on the core and, when `app` is given, mount the routes."""
        ...

    def add_cli(self, commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        """Add platform-specific CLI commands (may do nothing)."""
        ...


def load_platforms() -> list[Platform]:
    found = entry_points(group="smbot.platforms")
    return [entry.load() for entry in sorted(found, key=lambda e: e.name)]
