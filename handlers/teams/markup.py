"""The core's markup (bot.markup) → what Teams renders: Adaptive Card elements or Markdown.

Teams drops a single line break inside a TextBlock and shows `>` and backticks as they are,
so every line gets its own TextBlock, a quote becomes an emphasis Container, and code is
plain text. Where only one string fits (a fact value, a chat text) lines are joined by a
blank line, the only break Teams keeps.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.markup import (
    Block,
    BulletList,
    Code,
    Emphasis,
    Inline,
    Link,
    Mention,
    Mentioned,
    People,
    Quote,
    Strong,
    Text,
    mentioned_name,
    nobody,
    parse,
)

MAX_TEXT = 8000  # far below what Teams accepts for a card; one runaway text can't sink it


def elements(text: str, people: People = nobody, **style: Any) -> list[dict[str, Any]]:
    """Card body elements for a markup text; `style` goes on every TextBlock (e.g. isSubtle)."""
    out: list[dict[str, Any]] = []
    for block in parse(text[:MAX_TEXT]):
        first = _block_elements(block, people, style)
        if out and block.joined:
            first[0]["spacing"] = "None"
        out.extend(first)
    return out


def _block_elements(block: Block, people: People, style: dict[str, Any]) -> list[dict]:
    if isinstance(block, Quote):
        lines = [text_block(inline(line, people), **style) for line in block.lines]
        for line in lines[1:]:
            line["spacing"] = "None"
        return [{"type": "Container", "style": "emphasis", "items": lines}]
    if isinstance(block, BulletList):
        rows = [f"- {inline(item, people)}" for item in block.items]
    else:
        rows = [inline(line, people) for line in block.lines]
    blocks = [text_block(row, **style) for row in rows]
    for row in blocks[1:]:
        row["spacing"] = "None"
    return blocks


def markdown(text: str, people: People = nobody) -> str:
    """A markup text as one Markdown string that keeps its line breaks (facts, chat texts)."""
    parts: list[str] = []
    for block in parse(text[:MAX_TEXT]):
        if isinstance(block, BulletList):
            # A list needs a blank line before it, and its items one line each.
            parts.append("\n".join(f"- {inline(item, people)}" for item in block.items))
        elif isinstance(block, Quote):
            parts.extend(f"_{inline(line, people)}_" for line in block.lines)
        else:
            parts.extend(inline(line, people) for line in block.lines)
    return "\n\n".join(parts)


def inline(spans: Iterable[Inline], people: People = nobody) -> str:
    out: list[str] = []
    for span in spans:
        if isinstance(span, Text | Code):
            out.append(span.text)
        elif isinstance(span, Strong):
            out.append(f"**{inline(span.children, people)}**")
        elif isinstance(span, Emphasis):
            out.append(f"_{inline(span.children, people)}_")
        elif isinstance(span, Link):
            out.append(f"[{inline(span.children, people)}]({span.url})")
        elif isinstance(span, Mention):
            out.append(_mention(span, people))
    return "".join(out)


def _mention(span: Mention, people: People) -> str:
    """A real mention where Teams knows the person (the card lists it in msteams.entities)."""
    found = people(span.person_id)
    if found and found.platform_id and isinstance(people, CardPeople):
        return f"<at>{found.name}</at>"
    return mentioned_name(span, people)


class CardPeople:
    """A lookup for a card that lists its mentions in msteams.entities: only there may a
    name be written `<at>Name</at>` (a chat text or invoke answer would show the tags)."""

    def __init__(self, people: People) -> None:
        self.people = people

    def __call__(self, person_id: int) -> Mentioned | None:
        return self.people(person_id)


def mention_entities(people: People, person_ids: Iterable[int]) -> list[dict[str, Any]]:
    """The `msteams.entities` a card needs for each `<at>Name</at>` in its text."""
    entities = []
    for person_id in sorted(set(person_ids)):
        found = people(person_id)
        if found and found.platform_id:
            entities.append(
                {
                    "type": "mention",
                    "text": f"<at>{found.name}</at>",
                    "mentioned": {"id": found.platform_id, "name": found.name},
                }
            )
    return entities


def text_block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text or " ", "wrap": True, **style}
