"""Is a reply plain and polite ("vårdat språk")? Remarks, not refusals.

Flags:
- slang and chat abbreviations from `SLANG` (whole words, any case): lol, typ, asså,
  ba, btw, omg, wtf, haha, ...; "mvh" is not among them (a greeting), nor "ok";
- shouting: a word of five or more letters in capitals, unless it is a known
  abbreviation in `ALLOWED_CAPS` ("STÄNGT" is shouting; "GDPR", "SVT" are short and pass);
- a string of two or more exclamation or question marks ("!!", "?!");
- emoji (and other pictographs).
"""

from __future__ import annotations

import re

SLANG: tuple[str, ...] = (
    "lol",
    "typ",
    "asså",
    "ba",
    "btw",
    "omg",
    "wtf",
    "iaf",
    "iofs",
    "ngn",
    "ngt",
    "nån",
    "nåt",
    "sjukt",
    "grymt",
    "fett",
    "haha",
    "hehe",
    "xd",
    "pls",
    "plz",
    "tack tack",
    "hej hej",
    "k",
)
ALLOWED_CAPS: frozenset[str] = frozenset({"GDPR", "COVID", "UNESCO", "SVT", "SMHI"})

_WORD = re.compile(r"[^\W\d_]+")
_MARKS = re.compile(r"[!?]{2,}")
_EMOJI = re.compile(
    "[\U0001f300-\U0001faff\U00002600-\U000027bf\U0001f000-\U0001f2ff\U0001f900-\U0001f9ff]"
)


def slang(text: str) -> list[str]:
    found = []
    lowered = text.lower()
    for entry in SLANG:
        if re.search(rf"(?<!\w){re.escape(entry)}(?!\w)", lowered):
            found.append(entry)
    return found


def shouting(text: str) -> list[str]:
    return [
        word
        for word in _WORD.findall(text)
        if len(word) >= 5 and word.isupper() and word not in ALLOWED_CAPS
    ]


def tone_remarks(text: str) -> list[str]:
    """Plain-Swedish remarks, empty when the tone is fine."""
    remarks = []
    if words := slang(text):
        remarks.append("Slang eller chattförkortningar: " + ", ".join(words))
    if loud := shouting(text):
        remarks.append("Versaler läses som skrik: " + ", ".join(loud))
    if _MARKS.search(text):
        remarks.append("Flera utrops- eller frågetecken i rad")
    if _EMOJI.search(text):
        remarks.append("Emoji")
    return remarks
