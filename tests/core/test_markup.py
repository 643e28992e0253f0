"""The neutral markup: parser, helpers, both renderers, and no Slack syntax in the core."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.markup import (
    BulletList,
    Code,
    Emphasis,
    Link,
    Mention,
    Mentioned,
    Paragraph,
    Quote,
    Strong,
    Text,
    bullets,
    escape,
    mention,
    parse,
    parse_inline,
    plain,
    quote,
    strong,
)
from handlers.slack.markup import mrkdwn
from handlers.teams import markup as teams

ROOT = Path(__file__).resolve().parents[2]


def people(person_id: int) -> Mentioned | None:
    return {1: Mentioned("Anna Andersson", "U1"), 2: Mentioned("Bo Berg")}.get(person_id)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("hej", (Text("hej"),)),
        ("**fet** text", (Strong((Text("fet"),)), Text(" text"))),
        ("_kursiv_", (Emphasis((Text("kursiv"),)),)),
        ("snake_case_name", (Text("snake_case_name"),)),
        ("**a _b_**", (Strong((Text("a "), Emphasis((Text("b"),)))),)),
        ("`x *y*`", (Code("x *y*"),)),
        ("[Länk](https://x.se/a)", (Link((Text("Länk"),), "https://x.se/a"),)),
        ("hej <@person:42>!", (Text("hej "), Mention(42), Text("!"))),
        (r"\*\*inte fet\*\*", (Text("**inte fet**"),)),
        ("2 * 3 * 4", (Text("2 * 3 * 4"),)),
        ("**ofullständig", (Text("**ofullständig"),)),
    ],
)
def test_inline(text: str, spans: tuple) -> None:
    assert parse_inline(text) == spans


def test_blocks_keep_line_breaks_and_say_what_is_attached() -> None:
    text = "Rubrik\nrad två\n\n**Lista**\n- a\n- b\n\n> citat\n> mer\nefter"
    assert parse(text) == [
        Paragraph(((Text("Rubrik"),), (Text("rad två"),))),
        Paragraph(((Strong((Text("Lista"),)),),)),
        BulletList(((Text("a"),), (Text("b"),)), joined=True),
        Quote(((Text("citat"),), (Text("mer"),))),
        Paragraph(((Text("efter"),),), joined=True),
    ]


@pytest.mark.parametrize(
    "typed", ["*stjärna*", "_under_", "- inte en lista", "> inte ett citat", "a\\b", "[x](y)"]
)
def test_escaped_text_shows_as_typed(typed: str) -> None:
    assert plain(escape(typed)) == typed
    assert plain(strong(typed)) == typed
    assert plain(quote(typed)) == typed


def test_helpers() -> None:
    assert strong("Forshaga *bibliotek*") == r"**Forshaga \*bibliotek\***"
    assert bullets(["a", "b"]) == "- a\n- b"
    assert quote("rad 1\nrad 2") == "> rad 1\n> rad 2"
    assert mention(42) == "<@person:42>"


@pytest.mark.parametrize(
    ("text", "slack"),
    [
        (
            "**Väntar på dig**\n- Förankra **X** (instagram)",
            "*Väntar på dig*\n• Förankra *X* (instagram)",
        ),
        ("a\n\nb", "a\n\nb"),
        ("ber om komplettering:\n> Beskriv", "ber om komplettering:\n>Beskriv"),
        ("_Texten är gallrad._", "_Texten är gallrad._"),
        ("`/bevis <nummer>`", "`/bevis <nummer>`"),
        ("[Länk](https://x.se)", "<https://x.se|Länk>"),
        ("<@person:1> och <@person:2> och <@person:3>", "<@U1> och Bo Berg och okänd person"),
        (r"Forshaga \*bibliotek\*", "Forshaga *bibliotek*"),
    ],
)
def test_slack(text: str, slack: str) -> None:
    assert mrkdwn(text, people) == slack


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("**Rubrik**\nrad två", "**Rubrik**\n\nrad två"),
        ("intro\n- a\n- b", "intro\n\n- a\n- b"),
        ("> Har ni öppet?", "_Har ni öppet?_"),
        ("`/bevis <nummer>`", "/bevis <nummer>"),
        ("<@person:1> [x](https://x.se)", "Anna Andersson [x](https://x.se)"),
    ],
)
def test_teams_markdown(text: str, markdown: str) -> None:
    assert teams.markdown(text, people) == markdown


def test_teams_elements_one_text_block_per_line_and_quotes_in_a_container() -> None:
    body = teams.elements("Kim ber om komplettering:\n> Beskriv\n> tack\n\nSlut", people)
    assert body == [
        {"type": "TextBlock", "text": "Kim ber om komplettering:", "wrap": True},
        {
            "type": "Container",
            "style": "emphasis",
            "items": [
                {"type": "TextBlock", "text": "Beskriv", "wrap": True},
                {"type": "TextBlock", "text": "tack", "wrap": True, "spacing": "None"},
            ],
            "spacing": "None",
        },
        {"type": "TextBlock", "text": "Slut", "wrap": True},
    ]


def test_teams_elements_keep_each_line() -> None:
    body = teams.elements("a\nb", people, isSubtle=True)
    assert [(e["text"], e.get("spacing")) for e in body] == [("a", None), ("b", "None")]
    assert all(e["isSubtle"] for e in body)


SLACK_ONLY = [
    re.compile(r"(?<![*\w\\])\*(?![*\s])[^*\n]+?(?<![*\s])\*(?![*\w])"),  # *bold*
    re.compile("•"),
    re.compile("<http"),
    re.compile("<@U"),
]


def _core_text_files() -> list[Path]:
    files = [*(ROOT / "bot" / "texts").glob("*.py"), *(ROOT / "bot" / "flows").rglob("*.py")]
    return [*files, ROOT / "bot" / "router.py"]


def test_no_slack_syntax_in_the_core() -> None:
    found = []
    for path in _core_text_files():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if any(pattern.search(code) for pattern in SLACK_ONLY):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
