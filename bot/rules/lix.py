"""LIX (läsbarhetsindex): words per sentence plus the share of long words, in percent.

LIX = words / sentences + 100 * long_words / words, where a word is a run of letters
(digits do not count), a long word has more than six letters, and a sentence ends at
. ! ? : or a line break (at least one sentence when there is text). The verdicts are
the usual Swedish scale: under 30 mycket lättläst, 30–40 lättläst, 40–50 medelsvår,
50–60 svår, over 60 mycket svår.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:]+|\n+")
LONG_WORD = 6
LONG_SENTENCE = 20
HINT_WORD = 15


@dataclass(frozen=True)
class Readability:
    lix: float
    words: int
    sentences: int
    long_words: int
    verdict: str
    long_sentences: list[str] = field(default_factory=list)
    longest_words: list[str] = field(default_factory=list)


def verdict(lix: float) -> str:
    if lix < 30:
        return "mycket lättläst"
    if lix < 40:
        return "lättläst"
    if lix < 50:
        return "medelsvår"
    if lix <= 60:
        return "svår"
    return "mycket svår"


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if _WORD.search(part)]


def readability(text: str) -> Readability:
    words = _WORD.findall(text)
    parts = sentences(text)
    if not words:
        return Readability(0.0, 0, 0, 0, verdict(0.0))
    long = [w for w in words if len(w.replace("-", "")) > LONG_WORD]
    value = len(words) / max(len(parts), 1) + 100 * len(long) / len(words)
    value = round(value, 1)
    return Readability(
        lix=value,
        words=len(words),
        sentences=max(len(parts), 1),
        long_words=len(long),
        verdict=verdict(value),
        long_sentences=[p for p in parts if len(_WORD.findall(p)) > LONG_SENTENCE],
        # Longest first; equally long ones in the order they appear (a stable answer).
        longest_words=sorted(
            dict.fromkeys(w for w in long if len(w) >= HINT_WORD), key=len, reverse=True
        ),
    )
