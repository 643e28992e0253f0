"""Words and phrases that suggest a threat or hatred (olaga hot, hets mot folkgrupp).

A match is not a verdict: it only makes the comment reach the admins and the
communicators at once, at any hour, with **Olagligt innehåll** first, so that a person
looks at it today. The list is short on purpose (few false alarms); a municipality
extends it with the setting THREAT_WORDS (comma-separated).

Matching: case-insensitive, on whole words; a phrase matches with any whitespace
between its words; an entry ending in `*` matches any word that starts with it
("döda*" finds "dödar", "dödas"). The default list:

- threats against a person: "döda*", "mörda*", "skjuta dig", "skjuter dig", "slå ihjäl",
  "spränga", "bomba*", "jag vet var du bor", "vi vet var du bor", "du ska dö",
  "ni ska dö", "hänga er", "hänga dig", "bränna ner", "kniva*"
- hatred against a group: "utrota*", "gasa ihjäl", "rensa bort", "untermensch*",
  "sieg heil", "heil hitler"
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFAULT_THREAT_WORDS: tuple[str, ...] = (
    "döda*",
    "mörda*",
    "skjuta dig",
    "skjuter dig",
    "slå ihjäl",
    "spränga",
    "bomba*",
    "jag vet var du bor",
    "vi vet var du bor",
    "du ska dö",
    "ni ska dö",
    "hänga er",
    "hänga dig",
    "bränna ner",
    "kniva*",
    "utrota*",
    "gasa ihjäl",
    "rensa bort",
    "untermensch*",
    "sieg heil",
    "heil hitler",
)


def _pattern(entry: str) -> re.Pattern[str] | None:
    entry = entry.strip().lower()
    prefix = entry.endswith("*")
    words = entry.rstrip("*").split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    tail = r"\w*" if prefix else ""
    return re.compile(rf"(?<!\w){body}{tail}(?!\w)", re.IGNORECASE)


def threat_terms(text: str, extra: Iterable[str] = ()) -> list[str]:
    """The list entries the text matches, in list order, each once."""
    found: list[str] = []
    for entry in (*DEFAULT_THREAT_WORDS, *extra):
        pattern = _pattern(entry)
        if pattern is not None and pattern.search(text) and entry.strip() not in found:
            found.append(entry.strip())
    return found
