"""The console as a platform: only the `smbot console` command.

It is no chat platform for `serve` (`is_chat` is false) and `attach` adds nothing: its
sender delivers to the memory of the `smbot console` process, so a server or a `tick`
must never send through it. The console wires its own sender (handlers/console/bot.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from aiohttp import web

from bot.config import Settings
from bot.platforms import Host, Platform


class ConsolePlatform:
    name = "console"
    is_chat = False

    def missing_settings(self, core: Host) -> list[str]:
        return []

    def masked_settings(self, core: Host) -> dict[str, str]:
        return {}

    def attach(self, core: Host, app: web.Application | None) -> None:
        return None

    def add_cli(self, commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        console = commands.add_parser(
            "console", help="prova boten i terminalen, som flera personer (ingen Slack/Teams)"
        )
        console.add_argument(
            "--database",
            help="databas-URL (standard: en ny, tom SQLite-fil som försvinner efteråt)",
        )
        console.add_argument(
            "--now",
            type=datetime.fromisoformat,
            help="klockan vid start, t.ex. 2026-12-01T09:00 (standard: nu); tick flyttar den",
        )
        console.set_defaults(run=run_console)


def run_console(args: argparse.Namespace, settings: Settings, platforms: list[Platform]) -> int:
    from handlers.console.bot import ConsoleBot
    from handlers.console.repl import Terminal, lines_from

    now = args.now
    if now is not None and now.tzinfo is None:
        now = now.replace(tzinfo=settings.tz)
    with tempfile.TemporaryDirectory(prefix="smbot-console-") as scratch:
        url = args.database or f"sqlite:///{Path(scratch) / 'smbot.db'}"
        bot = ConsoleBot.start(url, now=now, settings=settings)
        interactive = sys.stdin.isatty()
        read = input if interactive else lines_from(sys.stdin)
        if interactive:
            print("smbot i terminalen. Skriv ? för hjälp, Ctrl-D för att sluta.")
        try:
            Terminal(bot, read, sys.stdout, echo=not interactive).run()
        finally:
            bot.close()
    return 0


platform = ConsolePlatform()
