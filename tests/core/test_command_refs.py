"""Command references: texts name commands once; Slack shows `/x`, Teams the words to type."""

from __future__ import annotations

import json
import pkgutil
import re
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

import bot.flows  # registers every command
import bot.texts
from bot import command_refs
from bot.app import build_registry
from bot.registry import fold
from tests.support.teams_harness import ANNA, TeamsHarness

REGISTRY = build_registry()

# Platform words that hold on one platform only.
SLACK_ONLY_WORDS = re.compile(r"fliken hem|hem-?fliken|app home", re.IGNORECASE)
SLASH = re.compile(r"(?<![\w/`<])/([a-zåäöéü][a-zåäöéü-]*)", re.IGNORECASE)
# Texts that still spell a slash command, and why (convert once the reason is gone).
STILL_SLACK_SPELLED: set[str] = set()


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in (*value.keys(), *value.values()):
            yield from strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from strings(item)


def all_texts() -> Iterator[tuple[str, str]]:
    for module_info in pkgutil.iter_modules(bot.texts.__path__):
        module = import_module(f"bot.texts.{module_info.name}")
        for name, value in vars(module).items():
            if not name.startswith("_"):
                for text in strings(value):
                    yield f"{module_info.name}.{name}", text


def test_the_walk_sees_the_texts() -> None:
    names = {name for name, _ in all_texts()}
    assert {"opening.MINE_FOOTER", "activity.MORNING_FOOTER", "common.HELP_TITLE"} <= names


def test_no_text_names_a_slack_slash_command_or_the_home_tab() -> None:
    commands = {fold(name) for name in REGISTRY.commands}
    offenders = [
        (name, text)
        for name, text in all_texts()
        if name not in STILL_SLACK_SPELLED
        and (SLACK_ONLY_WORDS.search(text) or any(fold(m) in commands for m in SLASH.findall(text)))
    ]
    assert offenders == []


def test_every_reference_names_a_registered_command() -> None:
    referred = {ref for _, text in all_texts() for ref in command_refs.names(text)}
    assert referred >= {"mina-konton", "nytt-konto", "hjälp", "publicerat"}
    assert referred <= set(REGISTRY.commands)


def test_references_survive_formatting() -> None:
    template = "Hej {name}, skriv " + command_refs.cmd("mina-konton") + "."
    text = template.format(name="Eva")
    assert command_refs.render(text, lambda n: n.upper()) == "Hej Eva, skriv MINA-KONTON."


async def test_slack_shows_slash_commands_as_in_the_manifest(bot) -> None:  # type: ignore[no-untyped-def]
    status, body = await bot.slack.command("UNEW", "/mina-konton")
    assert status == 200
    answer = json.loads(body)
    blocks = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "Ansök om ett nytt med */nytt-konto*" in blocks
    assert "Hjälp: */hjalp*" in blocks  # folded to ASCII, as registered in manifest.json
    status, body = await bot.slack.command("UNEW", "/hjalp")
    help_text = json.dumps(json.loads(body), ensure_ascii=False)
    assert "*/storre-andring*" in help_text and "*/skarmdump*" in help_text
    assert "`/bevis <nummer>`" in help_text
    assert "/koppla-meta" not in help_text  # communicators only: not shown to others
    manifest = json.loads((Path(__file__).parents[2] / "manifest.json").read_text(encoding="utf-8"))
    slash = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert set(re.findall(r"\*(/[a-z-]+)\*", help_text)) <= slash
    assert command_refs.OPEN not in blocks + help_text


async def test_teams_shows_the_words_to_type(teams: TeamsHarness) -> None:
    await teams.teams.message(ANNA, "mina konton")
    [listing] = teams.connector.to(ANNA.chat)
    assert "Ansök om ett nytt med **nytt konto**" in listing.text
    assert "Hjälp: **hjälp**" in listing.text
    await teams.teams.message(ANNA, "hjälp")
    help_text = teams.connector.to(ANNA.chat)[-1].text
    assert "**större ändring**" in help_text and "**mina konton**" in help_text
    for text in (listing.text, help_text):
        assert command_refs.OPEN not in text
        assert not SLASH.search(text.replace("/webhooks", ""))
