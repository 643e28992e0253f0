"""The core's markup (bot.markup) → plain terminal text: • bullets, > quotes, text (url)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.markup import (
    Code,
    Inline,
    Link,
    Mention,
    People,
    Text,
    as_lines,
    mentioned_name,
    nobody,
)


def terminal(text: str, people: People = nobody) -> str:
    """A markup text as a person reads it in a terminal; emphasis is simply dropped."""
    return as_lines(text, lambda row: inline(row, people), bullet="• ", quote="> ")


def inline(spans: Iterable[Inline], people: People = nobody) -> str:
    out: list[str] = []
    for span in spans:
        if isinstance(span, Text | Code):
            out.append(span.text)
        elif isinstance(span, Link):
            label = inline(span.children, people)
            out.append(label if label == span.url else f"{label} ({span.url})")
        elif isinstance(span, Mention):
            found = people(span.person_id)
            handle = f" (@{found.platform_id})" if found and found.platform_id else ""
            out.append(mentioned_name(span, people) + handle)
        else:
            out.append(inline(span.children, people))
    return "".join(out)
