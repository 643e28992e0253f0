"""The console backend as a fixture for the platform-neutral rule tests of any domain.

In a test module: `console = console_fixture()` (optionally with its own registry), as the
Slack suites do with `bot = bot_fixture()`. The whole bot runs in this process, in memory,
on SQLite and PostgreSQL; what each person receives is read from their console inbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot import texts
from bot.flows.opening import names
from bot.registry import Registry
from bot.reply import Reply
from handlers.console.bot import ConsoleBot
from tests.conftest import DEFAULT_NOW


def console_fixture(
    registry: Callable[[], Registry] | None = None,
    communicators: tuple[str, ...] = ("@kim",),
    **overrides: Any,
) -> Any:
    """A `console` fixture: a ConsoleBot at DEFAULT_NOW, `communicators` in the channel."""

    @pytest.fixture(name="console")
    def console(database_url: str) -> Iterator[ConsoleBot]:
        bot = ConsoleBot.start(
            database_url,
            now=DEFAULT_NOW,
            registry=registry() if registry else None,
            **overrides,
        )
        for handle in communicators:
            bot.set_communicator(handle)
        yield bot
        bot.close()

    return console


def open_application_form(bot: ConsoleBot, handle: str = "@anna") -> Reply:
    """The application form the way a person reaches it in the chat: "nytt konto" starts the
    guided conversation, whose first question has **Fyll i formuläret i stället**."""
    started = bot.say(handle, "nytt konto")
    assert started.message is not None and started.form is None
    opened = bot.press(handle, texts.guided.TO_FORM)
    assert opened.form is not None and opened.form.id == names.APPLY
    return opened
