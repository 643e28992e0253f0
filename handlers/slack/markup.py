"""The core's markup (bot.markup) → Slack mrkdwn: *bold*, _it_, •, >, <url|text>, <@U…>."""

from __future__ import annotations

from collections.abc import Iterable

from bot.markup import (
    Code,
    Emphasis,
    Inline,
    Link,
    Mention,
    People,
    Strong,
    Text,
    as_lines,
    mentioned_name,
    nobody,
)


def mrkdwn(text: str, people: People = nobody) -> str:
    """A markup text as Slack mrkdwn; a blank line stays a blank line, a line break a break."""
    return as_lines(text, lambda row: inline(row, people), bullet="• ", quote=">")


def inline(spans: Iterable[Inline], people: People = nobody) -> str:
    out: list[str] = []
    for span in spans:
        if isinstance(span, Text):
            out.append(escape(span.text))
        elif isinstance(span, Strong):
            out.append(f"*{inline(span.children, people)}*")
        elif isinstance(span, Emphasis):
            out.append(f"_{inline(span.children, people)}_")
        elif isinstance(span, Code):
            out.append(f"`{escape(span.text)}`")
        elif isinstance(span, Link):
            out.append(f"<{span.url}|{inline(span.children, people)}>")
        elif isinstance(span, Mention):
            out.append(_mention(span, people))
    return "".join(out)


def _mention(span: Mention, people: People) -> str:
    found = people(span.person_id)
    if found and found.platform_id:
        return f"<@{found.platform_id}>"
    return escape(mentioned_name(span, people))


def escape(text: str) -> str:
    """Literal text as mrkdwn. Kept as written, as the texts always were: Slack's own
    escapes (&amp; &lt; &gt;) would change every payload that shows `<konto>`."""
    return text
