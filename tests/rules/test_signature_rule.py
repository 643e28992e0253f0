"""Is a reply signed with name and title? Table-driven, plus properties over names and titles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.signature import DEFAULT_TITLES, is_signed

SIGNED = [
    "/Anna Andersson, bibliotekarie",
    "Hälsningar Anna, kommunikatör",
    "Mvh Anna – bibliotekarie",
    "Mvh Anna Andersson – barnbibliotekarie",
    "MVH Bo Berg, enhetschef",
    "Vänliga hälsningar Bo, fritidsledare",
    "Med vänlig hälsning Bo Berg, handläggare",
    "/Anna, bibliotekarie",
    "/ Anna, bibliotekarie",
    "/Anna-Karin Öberg, kommunikationschef",
    "/Anna, biblioteket",  # marked with a slash: any short title
    "Anna Andersson, bibliotekarie",
    "Anna Andersson, Forshaga bibliotek",  # full name and a unit
    "Anna, bibliotekarie",
    "Anna Andersson bibliotekarie",
    "Anna Andersson | samordnare",
    "Ja, vi har öppet 10–14. /Anna Andersson, bibliotekarie",
    "Ja, vi har öppet 10–14!\n\n/Anna Andersson, bibliotekarie",
    "Ja, vi har öppet!\nHälsningar Anna, kommunikatör\n",
    "Hej!\nVi har öppet.\nHälsningar\nAnna Andersson\nBibliotekarie",
    "Tack för tipset.\nAnna Andersson\nbibliotekarie",
    "Tack!\n// Bo, kundtjänst",
    "Hälsningar Anna, bibliotekarie på Forshaga bibliotek",
]

UNSIGNED = [
    "Tack!",
    "/Anna",
    "Anna Andersson",
    "Hälsningar Anna",
    "Mvh Anna Andersson",
    "",
    "   \n  ",
    "Ja, vi har öppet 10–14.",
    "Hej Anna, tack för frågan!",
    "Anna, tack för frågan",  # one name and no known title, unmarked
    "/anna andersson, bibliotekarie",  # a name is capitalised
    "Läs mer på https://forshaga.se/bibliotek",
    "Läs mer på forshaga.se/bibliotek",
    "Vi återkommer. /Anna, vad tycker du?",
    "Hälsningar, bibliotekarie",  # a title but no name
    "Tack för frågan\nbibliotekarie",
    "/Anna Andersson, bibliotekarie på biblioteket i Forshaga med omnejd",  # title too long
    "Hälsningar\nAnna",
]


@pytest.mark.parametrize("reply", SIGNED)
def test_signed(reply: str) -> None:
    assert is_signed(reply)


@pytest.mark.parametrize("reply", UNSIGNED)
def test_unsigned(reply: str) -> None:
    assert not is_signed(reply)


def test_extra_titles_are_configurable() -> None:
    assert not is_signed("Anna Andersson djurskötare")
    assert is_signed("Anna Andersson djurskötare", titles=["djurskötare"])
    assert is_signed("Anna djurskötare", titles=["Djurskötare"])


def test_only_the_end_of_the_reply_counts() -> None:
    assert not is_signed("/Anna Andersson, bibliotekarie\nVi ses på lördag!")


NAMES = st.lists(
    st.sampled_from(["Anna", "Bo", "Karin", "Anna-Karin", "Öberg", "Andersson", "Åsa", "Éva"]),
    min_size=1,
    max_size=3,
).map(" ".join)
TITLES = st.sampled_from(DEFAULT_TITLES)
GREETINGS = st.sampled_from(["/", "Hälsningar ", "Mvh ", "Vänliga hälsningar ", "// "])
BODIES = st.sampled_from(["", "Tack för frågan!\n", "Ja, vi har öppet 10–14.\n\n"])


@given(BODIES, GREETINGS, NAMES, TITLES, st.sampled_from([", ", " – ", " - ", " | "]))
def test_any_name_and_known_title_with_a_greeting_passes(body, greeting, name, title, sep) -> None:  # type: ignore[no-untyped-def]
    assert is_signed(f"{body}{greeting}{name}{sep}{title}")


@given(BODIES, GREETINGS, NAMES)
def test_a_name_without_a_title_never_passes(body, greeting, name) -> None:  # type: ignore[no-untyped-def]
    assert not is_signed(f"{body}{greeting}{name}")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö !?.,\n", max_size=60))
def test_lowercase_text_never_passes(text: str) -> None:
    # Without a capitalised name there is no signature, whatever else is there.
    assert not is_signed(text)
