"""Chat platforms and webhooks plug into the core here, found through entry points.

`bot/` never imports `handlers/`: each handler package declares itself under the
`smbot.platforms` entry-point group in pyproject.toml, so a new platform is a new
folder plus one line there.
"""

from __future__ import annotations

import argparse
from importlib.metadata import entry_points
from typing import Protocol

from aiohttp import web

from bot.core import Core


class Platform(Protocol):
    name: str
    # A chat platform people talk to the bot on; `serve` needs at least one.
    is_chat: bool

    def missing_settings(self, core: Core) -> list[str]:
        """Settings this platform needs and lacks; empty when it can run."""
        ...

    def masked_settings(self, core: Core) -> dict[str, str]:
        """This platform's settings by environment name, secrets shown only as set or not."""
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
