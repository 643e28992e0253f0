"""What a user typed in Teams → a core command name and its argument text.

Teams has no slash commands: people type words ("nytt konto", "/nytt konto", "@smbot hjälp").
The words of every registered command are recognised (hyphen or space, with or without å/ä/ö),
plus a few spellings people use; anything else is answered with help.
"""

from __future__ import annotations

import html
import re

from bot import router

# Spellings that do not follow from the command names themselves.
ALIASES = {
    "hjalp": "hjälp",
    "help": "hjälp",
    "skärmdump": "skarmdump",
    "skärmdumpar": "skarmdump",
    "mitt konto": "mina-konton",
}
REGISTER_CHANNEL = "registrera kommunikatörskanal"
HELP = "hjälp"


def normalise(text: str) -> str:
    text = re.sub(r"<at>.*?</at>", " ", text or "")  # a bot mention left in the text
    # Channel messages may arrive as HTML ("<p>…</p>", "&nbsp;").
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = text.replace("\u00a0", " ").strip().lstrip("/").strip()
    return re.sub(r"\s+", " ", text).lower()


def parse(text: str) -> tuple[str, str]:
    """(core command, rest of the text). Unknown text gives the help command."""
    words = normalise(text).split(" ")
    names = _known_names()
    for length in range(min(len(words), 4), 0, -1):
        phrase = " ".join(words[:length])
        name = names.get(phrase) or names.get(_fold(phrase))
        if name is not None:
            return name, " ".join(words[length:])
    return HELP, ""


def is_register_channel(text: str) -> bool:
    return _fold(normalise(text)) == _fold(REGISTER_CHANNEL)


def _known_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for name in router.COMMANDS:
        spoken = name.replace("-", " ")
        for key in (name, spoken, _fold(name), _fold(spoken)):
            names.setdefault(key, name)
    for alias, name in ALIASES.items():
        names.setdefault(alias, name)
        names.setdefault(_fold(alias), name)
    return names


def _fold(text: str) -> str:
    return text.translate(str.maketrans("åäöé", "aaoe"))
