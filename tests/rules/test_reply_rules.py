"""The reply checks as pure functions (issue 9): LIX against hand-computed values, tone
remarks, and threat words."""

from __future__ import annotations

import pytest

from bot.rules.lix import readability, verdict
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
