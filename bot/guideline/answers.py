"""Questions in words answered from the guideline's own sections: BM25 with Swedish stemming.

The bot only ever quotes the sections it found; when none matches well enough it says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.guideline.model import Guideline, Section

if TYPE_CHECKING:
    import bm25s

# Words every question about the guideline shares; they say nothing about which section.
_DOMAIN_STOPWORDS = {"sociala", "medier", "medium", "riktlinje", "riktlinjer", "riktlinjen"}
_DOMAIN_STOPWORDS |= {"får", "ska", "måste", "behöver", "gör", "göra", "kommun", "kommunen"}


# A second section is quoted only when it scores close to the first.
SECOND_SECTION_SHARE = 0.75
# Below this BM25 score nothing in the guideline is taken to answer the question.
MIN_SCORE = 1.0

_QUESTION_WORDS = (
    "får", "kan", "hur", "vad", "vem", "vilka", "vilken", "vilket", "när", "var", "varför",
    "måste", "ska", "behöver", "gäller", "är", "finns", "bör", "borde", "måste",
)  # fmt: skip


@dataclass(frozen=True)
class Match:
    section: Section
    score: float


def looks_like_question(text: str) -> bool:
    words = text.strip().lower().split()
    return bool(words) and (text.strip().endswith("?") or words[0] in _QUESTION_WORDS)


class GuidelineIndex:
    def __init__(self, guideline: Guideline) -> None:
        # Imported when the first question comes: bm25s (with numpy) is ~20 MB that
        # `smbot serve` need not hold before anyone asks one.
        import bm25s
        import snowballstemmer
        from bm25s.stopwords import STOPWORDS_SWEDISH

        self._bm25s: Any = bm25s
        self._stopwords = sorted(set(STOPWORDS_SWEDISH) | _DOMAIN_STOPWORDS)
        self.sections = guideline.sections
        stemmer = snowballstemmer.stemmer("swedish")
        # Stemmed twice: Snowball's Swedish takes one suffix per pass, so "privata" -> "privat"
        # but "privat" -> "priv"; a second pass brings both forms of a word together.
        self._stem = lambda words: stemmer.stemWords(stemmer.stemWords(words))
        corpus = [f"{s.title} {s.text} {s.words}" for s in self.sections]
        self._retriever = bm25s.BM25()
        self._retriever.index(self._tokens(corpus), show_progress=False)

    def _tokens(self, texts: list[str]) -> bm25s.tokenization.Tokenized:
        cleaned = [re.sub(r"[^\wåäöÅÄÖ]+", " ", t.lower()) for t in texts]
        return self._bm25s.tokenize(
            cleaned, stopwords=self._stopwords, stemmer=self._stem, show_progress=False
        )

    def search(self, question: str) -> list[Match]:
        """The one or two sections that answer `question`, best first; [] when none does."""
        tokens = self._tokens([question])
        if not any(tokens.ids[0]):
            return []
        k = min(2, len(self.sections))
        found, scores = self._retriever.retrieve(tokens, k=k, show_progress=False)
        ranked = [
            Match(self.sections[int(i)], float(s)) for i, s in zip(found[0], scores[0], strict=True)
        ]
        if not ranked or ranked[0].score < MIN_SCORE:
            return []
        best = ranked[0].score
        return [m for m in ranked if m.score >= best * SECOND_SECTION_SHARE]


_indexes: dict[str, GuidelineIndex] = {}


def index_for(guideline: Guideline) -> GuidelineIndex:
    """Built once per guideline text (the file is read at start; tests load several)."""
    key = guideline.model_dump_json(include={"sections"})
    if key not in _indexes:
        _indexes[key] = GuidelineIndex(guideline)
    return _indexes[key]
