"""The reply checks as pure functions (issue 9): LIX against hand-computed values, tone
remarks, the combined check (signed / unsigned, polite / slangy, personnummer) and the
readability hints."""

from __future__ import annotations

from datetime import date

import pytest

from bot.rules.lix import readability, verdict
from bot.rules.reply import check_reply
from bot.rules.signature import is_signed
from bot.rules.tone import tone_remarks


@pytest.mark.parametrize(
    ("text", "words", "sentences", "long_words", "lix", "said"),
    [
        # 6 words / 2 sentences + 100 * 1 long (Välkommen) / 6 = 3 + 16.67
        ("Vi har öppet i dag. Välkommen!", 6, 2, 1, 19.7, "mycket lättläst"),
        # 8 / 1 + 100 * 3 (Biblioteket, klockan, torsdagar) / 8 = 8 + 37.5
        ("Biblioteket har öppet till klockan åtta på torsdagar.", 8, 1, 3, 45.5, "medelsvår"),
        # 6 / 1 + 100 * 4 / 6 = 6 + 66.67
        (
            "Kommunstyrelsen beslutade om förändringar av verksamhetsplaneringen.",
            6,
            1,
            4,
            72.7,
            "mycket svår",
        ),
        # 11 / 2 + 100 * 3 (Simhallen, renoveras, välkomna) / 11 = 5.5 + 27.27
        (
            "Simhallen är stängd i vår. Den renoveras, men ni är välkomna.",
            11,
            2,
            3,
            32.8,
            "lättläst",
        ),
        ("", 0, 0, 0, 0.0, "mycket lättläst"),
    ],
)
def test_lix_matches_hand_computed_values(
    text: str, words: int, sentences: int, long_words: int, lix: float, said: str | None
) -> None:
    result = readability(text)
    assert (result.words, result.sentences, result.long_words) == (words, sentences, long_words)
    assert result.lix == lix
    if said:
        assert result.verdict == said


@pytest.mark.parametrize(
    ("lix", "said"),
    [
        (29.9, "mycket lättläst"),
        (30, "lättläst"),
        (40, "medelsvår"),
        (50, "svår"),
        (61, "mycket svår"),
    ],
)
def test_lix_verdicts(lix: float, said: str) -> None:
    assert verdict(lix) == said


@pytest.mark.parametrize(
    ("reply", "signed", "remarks"),
    [
        ("Vi har öppet till 20 i kväll. /Anna Andersson, bibliotekarie", True, []),
        ("vet ej lol /Anna Andersson, bibliotekarie", True, ["Slang"]),
        ("Det är STÄNGT i dag. /Anna Andersson, bibliotekarie", True, ["Versaler"]),
        ("Välkommen!!! /Anna Andersson, bibliotekarie", True, ["Flera utrops"]),
        ("Välkommen 😀 /Anna Andersson, bibliotekarie", True, ["Emoji"]),
        ("Läs mer om GDPR på webben. /Anna Andersson, bibliotekarie", True, []),
        ("Vi har öppet till 20 i kväll.", False, []),
    ],
)
def test_signature_and_tone_table(reply: str, signed: bool, remarks: list[str]) -> None:
    assert is_signed(reply, []) is signed
    found = tone_remarks(reply)
    assert len(found) == len(remarks)
    assert all(f.startswith(r) for f, r in zip(found, remarks, strict=True))


PNR = "811218-9876"  # a valid personnummer (Luhn), see test_personnummer.py


@pytest.mark.parametrize(
    ("reply", "signed", "personnummer", "remarks", "refused", "clean"),
    [
        ("Vi har öppet till 20 i kväll. /Anna Andersson, bibliotekarie", True, 0, 0, False, True),
        ("Hälsningar\nAnna Andersson\nBibliotekarie", True, 0, 0, False, True),
        ("Tack för frågan!\nMvh Bo Berg, kommunikatör", True, 0, 0, False, True),
        ("vet ej lol /Anna Andersson, bibliotekarie", True, 0, 1, False, False),
        ("OK typ asså. /Anna Andersson, bibliotekarie", True, 0, 1, False, False),
        ("VI HAR STÄNGT!!! /Anna Andersson, bibliotekarie", True, 0, 2, False, False),
        ("Trevlig helg 🎉 /Anna Andersson, bibliotekarie", True, 0, 1, False, False),
        (f"Ditt ärende {PNR} är klart. /Anna Andersson, bibliotekarie", True, 1, 0, True, False),
        (f"Ring 19{PNR} eller {PNR}. /Anna Andersson, bibliotekarie", True, 2, 0, True, False),
        ("Vi har öppet till 20 i kväll.", False, 0, 0, True, False),
        ("Vi har öppet. /Anna", False, 0, 0, True, False),
        ("vet ej lol", False, 0, 1, True, False),
        ("Ring 054-123 45 67. /Anna Andersson, bibliotekarie", True, 0, 0, False, True),
    ],
)
def test_check_reply_table(
    reply: str, signed: bool, personnummer: int, remarks: int, refused: bool, clean: bool
) -> None:
    check = check_reply(reply, (), date(2026, 12, 1))
    assert check.signed is signed
    assert check.personnummer == personnummer
    assert len(check.remarks) == remarks
    assert (check.refused, check.clean) == (refused, clean)


def test_check_reply_uses_the_extra_titles() -> None:
    reply = "Bassängen är öppen.\nSara Simsson badmästare"
    assert not check_reply(reply).signed
    assert check_reply(reply, ["badmästare"]).signed


@pytest.mark.parametrize(
    ("text", "long_sentences", "longest_words"),
    [
        ("Vi har öppet i dag. Välkommen!", [], []),
        # 21 words in one sentence: a hint to split it (over LONG_SENTENCE = 20 words).
        (" ".join(["ord"] * 21) + ".", [" ".join(["ord"] * 21)], []),
        (" ".join(["ord"] * 20) + ".", [], []),
        # 15 letters or more: a hint (informationsförsörjningen 25, kommunstyrelsen 15).
        (
            "Kommunstyrelsen och informationsförsörjningen.",
            [],
            ["informationsförsörjningen", "Kommunstyrelsen"],
        ),
        ("Biblioteksbuss.", [], []),  # 14 letters: long for LIX, no hint
    ],
)
def test_readability_hints(text: str, long_sentences: list[str], longest_words: list[str]) -> None:
    result = readability(text)
    assert result.long_sentences == long_sentences
    assert result.longest_words == longest_words
