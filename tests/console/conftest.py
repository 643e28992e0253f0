"""The console backend as a fixture: the whole bot in this process, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from handlers.console.bot import ConsoleBot
from tests.conftest import DEFAULT_NOW
from tests.support.console_backend import open_application_form

ALL_DUTIES = ["daily", "reply", "comment_rules", "sender", "confidential", "gdpr"]


@pytest.fixture
def console(database_url: str) -> Iterator[ConsoleBot]:
    bot = ConsoleBot.start(database_url, now=DEFAULT_NOW)
    bot.set_communicator("@kim")
    yield bot
    bot.close()


def application(**overrides: Any) -> dict[str, Any]:
    """Anna's answers to `nytt konto`: Karin is her manager, Bo her co-admin."""
    values: dict[str, Any] = {
        "platform": "instagram",
        "name": "Forshaga bibliotek",
        "unit": "Kultur och fritid, biblioteket",
        "purpose": "Boktips, evenemang och öppettider för bibliotekets besökare.",
        "audience": "Invånare i alla åldrar, särskilt barnfamiljer.",
        "resources": "Anna och Bo, cirka 3 timmar i veckan.",
        "manager": "@karin",
        "co_admins": ["@bo"],
        "duties": ALL_DUTIES,
    }
    values.update(overrides)
    return values


def apply(bot: ConsoleBot, **overrides: Any) -> None:
    open_application_form(bot, "@anna")
    assert bot.fill("@anna", **application(**overrides)).ok
