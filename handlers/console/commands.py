"""What a person typed on the console → a core command and its argument text.

Commands are typed as words, as in Teams: "nytt konto", "mina konton", "hjalp". The longest
run of leading words that names a registered command wins (å/ä/ö optional, via
`Registry.find_command`); anything else goes to the core, which says so and shows the help.
"""

from __future__ import annotations

from bot.registry import Registry

HELP = "hjälp"
LONGEST = 4  # words in the longest command name


def parse(line: str, registry: Registry) -> tuple[str, str]:
    found = match(line, registry)
    if found is not None:
        return found
    # Unknown words go to the core as they are: it says it did not understand, then helps.
    words = line.strip().lstrip("/").split()
    return (" ".join(words), "") if words else (HELP, "")


def match(line: str, registry: Registry) -> tuple[str, str] | None:
    """(core command, rest) when the line starts with a command's words, else None."""
    words = line.strip().lstrip("/").split()
    for length in range(min(len(words), LONGEST), 0, -1):
        found = registry.find_command("-".join(words[:length]).lower())
        if found is not None:
            return found.name, " ".join(words[length:])
    return None
