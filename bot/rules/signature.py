"""Is a reply signed with name and title? The guideline: replies are signed by a person.

The rules, applied to the last non-empty line of the reply (and the line above it):

1. The signature is the part after a slash that starts the line or follows a space
   ("Tack! /Anna Andersson, bibliotekarie"), else the line after a greeting
   ("Hälsningar", "Vänliga hälsningar", "Mvh", "Med vänlig hälsning", "Hälsning", "//"),
   else the whole last line.
2. It splits into a NAME and a TITLE at the first comma, dash (-, –, —) or "|".
   The NAME is one to four capitalised words (Anna, Anna-Karin, Andersson).
   The TITLE is one to five words, no sentence punctuation (! ?), and either holds a known
   title (see `DEFAULT_TITLES`, matched also at the end of compound words, so
   "barnbibliotekarie" and "kommunikationschef" count), or the signature was marked
   with a slash or a greeting, or the name has at least two words.
3. Without a separator, the signature is a NAME followed by a known title
   ("Anna Andersson bibliotekarie").
4. Over two lines: the last line is a title (known title, or any title when the line above
   is introduced by a greeting or slash) and the line above is a NAME (after a greeting or
   slash, if any): "Hälsningar\\nAnna Andersson\\nBibliotekarie".

So "/Anna Andersson, bibliotekarie" and "Hälsningar Anna, kommunikatör" pass;
"Tack!", "/Anna" and "Anna Andersson" fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFAULT_TITLES: tuple[str, ...] = (
    "administratör",
    "ansvarig",
    "assistent",
    "bibliotekarie",
    "chef",
    "direktör",
    "handläggare",
    "informatör",
    "ingenjör",
    "inspektör",
    "kommunikatör",
    "koordinator",
    "lärare",
    "medarbetare",
    "pedagog",
    "redaktör",
    "rektor",
    "samordnare",
    "sekreterare",
    "strateg",
    "utvecklare",
    "vägledare",
    "webbredaktör",
    "ordförande",
    "tekniker",
    "sjuksköterska",
    "kurator",
    "fritidsledare",
    "projektledare",
    "enhetschef",
    "kundtjänst",
    "växel",
)

_GREETING = re.compile(
    r"^(?:med\s+vänlig(?:a)?\s+hälsning(?:ar)?|vänlig(?:a)?\s+hälsning(?:ar)?|"
    r"hälsning(?:ar)?|mvh|vh|//)\s*[,:]?\s*",
    re.IGNORECASE,
)
_SLASH = re.compile(r"(?:^|\s)/\s*(?P<rest>[^/]+)$")
_SEPARATOR = re.compile(r"\s*(?:,|\s[-–—|]\s|[–—|])\s*")
_NAME_WORD = re.compile(r"^[A-ZÅÄÖÉÜ][a-zåäöéüáàèëïç]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüáàèëïç]+)*\.?$")
_TITLE_WORD = re.compile(r"^[\wåäöÅÄÖéÉ&/.\-()]+$")
MAX_NAME_WORDS = 4
MAX_TITLE_WORDS = 5


def is_signed(reply: str, titles: Iterable[str] = ()) -> bool:
    """True when the reply ends with a name and a title (rules in the module docstring)."""
    known = tuple(t.lower() for t in (*DEFAULT_TITLES, *titles) if t.strip())
    lines = [line.strip() for line in reply.splitlines() if line.strip()]
    if not lines:
        return False
    if _one_line(lines[-1], known):
        return True
    return len(lines) >= 2 and _two_lines(lines[-2], lines[-1], known)


def _one_line(line: str, known: tuple[str, ...]) -> bool:
    signature, marked = _signature_part(line)
    if not signature:
        return False
    parts = _SEPARATOR.split(signature, maxsplit=1)
    if len(parts) == 2:
        name, title = parts
        if not _is_name(name):
            return False
        if _has_known_title(title, known):
            return _is_title(title)
        return _is_title(title) and (marked or len(name.split()) >= 2)
    # No separator: "Anna Andersson bibliotekarie".
    words = signature.split()
    for cut in range(1, min(len(words), MAX_NAME_WORDS + 1)):
        name, title = " ".join(words[:cut]), " ".join(words[cut:])
        if _is_name(name) and _has_known_title(title, known) and _is_title(title):
            return True
    return False


def _two_lines(upper: str, last: str, known: tuple[str, ...]) -> bool:
    name, marked = _signature_part(upper)
    if not name or not _is_name(name) or not _is_title(last):
        return False
    return _has_known_title(last, known) or marked


def _signature_part(line: str) -> tuple[str, bool]:
    """The candidate signature in a line, and whether a slash or greeting marked it."""
    slash = _SLASH.search(line)
    if slash:
        return slash["rest"].strip(), True
    greeting = _GREETING.match(line)
    if greeting:
        return line[greeting.end() :].strip(), True
    return line.strip(), False


def _is_name(text: str) -> bool:
    words = text.strip().split()
    return 1 <= len(words) <= MAX_NAME_WORDS and all(_NAME_WORD.match(w) for w in words)


def _is_title(text: str) -> bool:
    text = text.strip().rstrip(".")
    words = text.split()
    if not 1 <= len(words) <= MAX_TITLE_WORDS or re.search(r"[!?]", text):
        return False
    return all(_TITLE_WORD.match(word) for word in words) and any(c.isalpha() for c in text)


def _has_known_title(text: str, known: tuple[str, ...]) -> bool:
    words = [w.strip(".,()").lower() for w in text.split()]
    return any(word.endswith(title) for word in words for title in known if word)
