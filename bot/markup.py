"""The one small markup every user text is written in; each platform renders it.

Block level (a text is a list of blocks):

- A blank line separates paragraphs. A single newline is a line break inside a paragraph,
  and every platform keeps it as a line break.
- `- item` lines form a bullet list; `> text` lines form a quote.
- A list or quote directly under a line (no blank line between) stays attached to it:
  `Block.joined` says so, and renderers put a line break there instead of a paragraph gap.

Inline (inside a line):

- `**strong**`, `_emphasis_` (only at word edges, so `snake_case` stays as written),
  `` `code` `` (taken literally), `[text](https://url)`, and `<@person:42>`, a mention of
  the person with id 42 (write it with `mention(42)`).
- A backslash makes the next punctuation character literal: `\\*`, `\\_`, `\\-`, `\\>` …

Texts are templates filled with `str.format`; put values people typed through `escape()`
(or the helpers `strong()`, `quote()`, `link()`, which escape for you) so a name with `*`
or `_` in it shows as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# ---- the tree ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class Mention:
    person_id: int


Inline = Text | Strong | Emphasis | Code | Link | Mention
Line = tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]
    joined: bool = False


@dataclass(frozen=True)
class BulletList:
    items: tuple[Line, ...]
    joined: bool = False


@dataclass(frozen=True)
class Quote:
    lines: tuple[Line, ...]
    joined: bool = False


Block = Paragraph | BulletList | Quote


@dataclass(frozen=True)
class Mentioned:
    """What a platform knows about a mentioned person: a name, and its own id if any."""

    name: str
    platform_id: str | None = None


# Person id → the person as the rendering platform knows them (None: unknown).
People = Callable[[int], Mentioned | None]


def nobody(person_id: int) -> Mentioned | None:
    """The lookup for renderers given none: every mention is an unknown person."""
    return None


# ---- helpers for texts ------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\*_`\[\]<])")
_LINE_START = re.compile(r"^(\s*)([->])", re.MULTILINE)


def escape(text: str) -> str:
    """Plain text (a name, a typed comment) as markup that shows exactly that text."""
    return _LINE_START.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", text))


def strong(text: str) -> str:
    return f"**{escape(text)}**" if text else ""


def emphasis(text: str) -> str:
    return f"_{escape(text)}_" if text else ""


def code(text: str) -> str:
    """Literal text such as a checksum or a command line (no backticks inside)."""
    plain = text.replace("`", "'")
    return f"`{plain}`"


def link(text: str, url: str) -> str:
    return f"[{escape(text)}]({url})"


def mention(person_id: int) -> str:
    return f"<@person:{person_id}>"


def bullets(items: Iterable[str]) -> str:
    """A bullet list of markup lines."""
    return "\n".join(f"- {item}" for item in items)


def quote(text: str) -> str:
    """Plain text (e.g. a comment someone wrote) as a quote, every line of it."""
    return "\n".join(f"> {line}" for line in escape(text).split("\n"))


# ---- parsing ----------------------------------------------------------------------------

_BULLET = re.compile(r"^- ")
_QUOTE = re.compile(r"^> ?")
_TOKEN = re.compile(
    r"\\(?P<esc>[!-/:-@\[-`{-~])"
    r"|\*\*(?P<strong>(?:\\.|[^*\\])+?)\*\*"
    r"|(?<!\w)_(?P<em>[^\s_\\](?:\\.|[^_\\])*?)(?<!\s)_(?!\w)"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<label>(?:\\.|[^\]\\])+)\]\((?P<url>[^)\s]+)\)"
    r"|<@person:(?P<person>\d+)>"
)


def parse(text: str) -> list[Block]:
    """The blocks of a markup text (see the module docstring)."""
    blocks: list[Block] = []
    kind: type[Block] | None = None
    lines: list[Line] = []
    joined = False
    blank_before = False

    def close() -> None:
        if kind is not None and lines:
            blocks.append(kind(tuple(lines), joined))  # type: ignore[call-arg]

    for raw in text.split("\n"):
        if not raw.strip():
            close()
            kind, lines, blank_before = None, [], True
            continue
        line_kind, content = _classify(raw)
        if line_kind is not kind:
            close()
            joined = bool(blocks) and not blank_before
            kind, lines = line_kind, []
        lines.append(parse_inline(content))
        blank_before = False
    close()
    return blocks


def _classify(line: str) -> tuple[type[Block], str]:
    if _BULLET.match(line):
        return BulletList, line[2:]
    quoted = _QUOTE.match(line)
    if quoted:
        return Quote, line[quoted.end() :]
    return Paragraph, line


def parse_inline(text: str) -> Line:
    spans: list[Inline] = []
    position = 0
    for match in _TOKEN.finditer(text):
        _add_text(spans, text[position : match.start()])
        position = match.end()
        if match["esc"] is not None:
            _add_text(spans, match["esc"])
        elif match["strong"] is not None:
            spans.append(Strong(parse_inline(match["strong"])))
        elif match["em"] is not None:
            spans.append(Emphasis(parse_inline(match["em"])))
        elif match["code"] is not None:
            spans.append(Code(match["code"]))
        elif match["label"] is not None:
            spans.append(Link(parse_inline(match["label"]), match["url"]))
        else:
            spans.append(Mention(int(match["person"])))
    _add_text(spans, text[position:])
    return tuple(spans)


def _add_text(spans: list[Inline], text: str) -> None:
    if not text:
        return
    if spans and isinstance(spans[-1], Text):
        spans[-1] = Text(spans[-1].text + text)
    else:
        spans.append(Text(text))


def as_lines(text: str, line: Callable[[Line], str], *, bullet: str = "", quote: str = "") -> str:
    """Every block as lines of text, joined as the text was written (a line break or a blank
    line): the skeleton the text renderers share; each brings its own inline rendering."""
    parts: list[str] = []
    for block in parse(text):
        if parts:
            parts.append("\n" if block.joined else "\n\n")
        if isinstance(block, BulletList):
            rows = [bullet + line(item) for item in block.items]
        elif isinstance(block, Quote):
            rows = [quote + line(row) for row in block.lines]
        else:
            rows = [line(row) for row in block.lines]
        parts.append("\n".join(rows))
    return "".join(parts)


def plain(text: str, people: People = nobody) -> str:
    """The text a person reads, without any markup (for logs, summaries, search)."""
    return as_lines(text, lambda row: plain_inline(row, people))


def plain_inline(spans: Iterable[Inline], people: People = nobody) -> str:
    out: list[str] = []
    for span in spans:
        if isinstance(span, Text | Code):
            out.append(span.text)
        elif isinstance(span, Mention):
            out.append(mentioned_name(span, people))
        else:
            out.append(plain_inline(span.children, people))
    return "".join(out)


def mentioned_name(span: Mention, people: People) -> str:
    from bot.texts.common import UNKNOWN_PERSON

    found = people(span.person_id)
    return found.name if found else UNKNOWN_PERSON
