"""What a user typed in Teams → a core command name and its argument text.

Teams has no slash commands: people type words ("nytt konto", "/nytt konto", "@smbot hjälp").
The words of every registered command are recognised (hyphen or space, with or without å/ä/ö),
plus a few spellings people use; anything else is answered with help.
"""

from __future__ import annotations

import html
import re

from bot.guideline.answers import looks_like_question
from bot.registry import Registry, fold

# Spellings that do not follow from the command names themselves.
ALIASES = {
    "hjalp": "hjälp",
    "help": "hjälp",
    "skärmdump": "skarmdump",
    "skärmdumpar": "skarmdump",
    "mitt konto": "mina-konton",
}
# How a command is shown where its name is spelled without å/ä/ö (any spelling is understood).
SPOKEN = {
    "skarmdump": "skärmdump",
    "storre-andring": "större ändring",
    "andra-konto": "ändra konto",
}
REGISTER_CHANNEL = "registrera kommunikatörskanal"
HELP = "hjälp"
GUIDELINE = "riktlinjer"


def normalise(text: str) -> str:
    text = re.sub(r"<at>.*?</at>", " ", text or "")  # a bot mention left in the text
    # Channel messages may arrive as HTML ("<p>…</p>", "&nbsp;").
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = text.replace("\u00a0", " ").strip().lstrip("/").strip()
    return re.sub(r"\s+", " ", text).lower()


def normalise_text(text: str) -> str:
    """The words as written (case kept), without a bot mention or HTML."""
    text = re.sub(r"<at>.*?</at>", " ", text or "")
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def parse(text: str, registry: Registry) -> tuple[str, str]:
    """(core command, rest of the text). Unknown text is passed on for the core to refuse."""
    found = match(text, registry)
    if found is not None:
        return found
    # A question in words is answered from the guideline, not with the help text.
    if looks_like_question(text):
        return GUIDELINE, text.strip()
    # Unknown words go to the core as they are: it says it did not understand, then helps.
    typed = normalise(text).strip()
    return (typed, "") if typed else (HELP, "")


def match(text: str, registry: Registry) -> tuple[str, str] | None:
    """(core command, rest of the text) when the text starts with a command's words."""
    words = normalise(text).split(" ")
    names = _known_names(registry)
    for length in range(min(len(words), 4), 0, -1):
        phrase = " ".join(words[:length])
        name = names.get(phrase) or names.get(fold(phrase))
        if name is not None:
            return name, " ".join(words[length:])
    return None


def spoken(name: str) -> str:
    """A core command as people type it in Teams: words, not a slash command."""
    return SPOKEN.get(name, name.replace("-", " "))


def is_register_channel(text: str) -> bool:
    return fold(normalise(text)) == fold(REGISTER_CHANNEL)


def _known_names(registry: Registry) -> dict[str, str]:
    names: dict[str, str] = {}
    for name in registry.commands:
        spoken = name.replace("-", " ")
        for key in (name, spoken, fold(name), fold(spoken)):
            names.setdefault(key, name)
    for alias, name in ALIASES.items():
        names.setdefault(alias, name)
        names.setdefault(fold(alias), name)
    return names
