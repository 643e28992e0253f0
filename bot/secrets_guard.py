"""Does a text look like a password? The bot never stores or asks for one.

Used on every free-text field people fill in. The rules are few and explainable, because
the person is told which one matched:

1. keyword: a word such as "lösenord", "password", "pwd" or "pin" followed by a separator
   (":", "=", "är", "is") and a value — a word standing alone at the end of its line, or
   one with a digit or symbol: "lösenord: Sommar", "pwd=hunter2 och mer". A description
   passes: "lösenordet är sparat i Bitwarden", "Lösenord: finns hos kommunikatören".
2. token: a known access-token shape (Slack "xox…-", Meta "EAA…", GitHub "ghp_…", "sk-…"),
   or an address with a password in it ("https://anna:hemligt@example.se").
3. complex: one word of at least 8 characters, without spaces, that mixes lower case,
   upper case, digits and a symbol — "Hunter2!x". Addresses, e-mail addresses and
   handles (@forshaga) are not words of this kind.
4. random: one word of at least 12 characters of letters and digits in both cases that
   switches between kinds of character at least every other character — "xK9mP2qR7vL4",
   the shape of a generated password, unlike "ForshagaKommun2026".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from enum import StrEnum
from itertools import pairwise
from typing import Any

from bot import texts

log = logging.getLogger(__name__)


class SecretKind(StrEnum):
    KEYWORD = "keyword"
    TOKEN = "token"
    COMPLEX = "complex"
    RANDOM = "random"


_KEYWORDS = (
    r"lösenord(?:et)?|losenord(?:et)?|lösen|losen|password|passwd|passwort|pwd|pw"
    r"|passcode|pinkod|pin|engångskod|secret"
)
# keyword, separator, then the value word and the rest of its line.
_KEYWORD_VALUE = re.compile(
    rf"(?<!\w)(?:{_KEYWORDS})[ \t]*(?::=|[:=]|[ \t]är\b|[ \t]is\b)[ \t]*(\S+)([^\n]*)",
    re.IGNORECASE,
)
_TOKEN = re.compile(
    r"(?<![\w-])(?:xox[abposr]-[\w-]{10,}|xapp-[\w-]{10,}|EAA[A-Za-z0-9]{20,}"
    r"|gh[pousr]_[A-Za-z0-9]{20,}|sk-[A-Za-z0-9_-]{20,})"
    r"|[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@",
    re.IGNORECASE,
)
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HANDLE = re.compile(r"^@[\w.]+$")
# Punctuation that ends a word in running text, not part of a password. ("!" and "?"
# are left on: "Sommar2026!" is a password, and sentences rarely end on such a word.)
_TRAILING = ".,;:)]}\"'»"
_LEADING = "([{\"'«"
# Characters that join ordinary words ("Kultur-och-fritid", "snake_case") rather than
# making a password complex.
_JOINERS = set("-_.'/")


def password_reason(text: str | None) -> SecretKind | None:
    """Which rule says `text` looks like a password, or None when it does not."""
    if not text:
        return None
    if any(_is_keyword_value(*match.groups()) for match in _KEYWORD_VALUE.finditer(text)):
        return SecretKind.KEYWORD
    if _TOKEN.search(text):
        return SecretKind.TOKEN
    for word in text.split():
        kind = _word_kind(word)
        if kind is not None:
            return kind
    return None


def looks_like_password(text: str | None) -> bool:
    return password_reason(text) is not None


def _is_keyword_value(value: str, rest: str) -> bool:
    word = value.strip(_LEADING + _TRAILING)
    if not word:
        return False
    alone = not rest.strip(_TRAILING + "!? \t")
    marked = any(c.isdigit() or (not c.isalnum() and c not in _JOINERS) for c in word)
    return alone or marked


def _word_kind(raw: str) -> SecretKind | None:
    word = raw.lstrip(_LEADING)
    stripped = word.rstrip(_TRAILING)
    if _is_address(word) or _is_address(stripped):
        return None
    if len(stripped) >= 8 and _is_complex(stripped):
        return SecretKind.COMPLEX
    if len(stripped) >= 12 and _is_random(stripped):
        return SecretKind.RANDOM
    return None


def _is_address(word: str) -> bool:
    return bool(_URL.match(word) or _EMAIL.match(word) or _HANDLE.match(word))


def _is_complex(word: str) -> bool:
    has_lower = any(c.islower() for c in word)
    has_upper = any(c.isupper() for c in word)
    has_digit = any(c.isdigit() for c in word)
    has_symbol = any(not c.isalnum() and c not in _JOINERS for c in word)
    return has_lower and has_upper and has_digit and has_symbol


def _is_random(word: str) -> bool:
    if not word.isalnum():
        return False
    kinds = [_kind(c) for c in word]
    if {"lower", "upper", "digit"} - set(kinds):
        return False
    switches = sum(1 for a, b in pairwise(kinds) if a != b)
    return switches * 2 >= len(word)


def _kind(char: str) -> str:
    if char.isdigit():
        return "digit"
    return "upper" if char.isupper() else "lower"


def refuse_secrets(form: str, values: Mapping[str, Any]) -> dict[str, str]:
    """Field errors for every submitted value that looks like a password.

    Called once where any form's values arrive, before its handler runs, so a refused
    value is never stored, audited or sent. Only the field and the rule are logged.
    """
    errors: dict[str, str] = {}
    for field_id, value in values.items():
        for text in _texts_in(value):
            reason = password_reason(text)
            if reason is not None:
                errors[field_id] = (
                    texts.opening.PASSWORD_REASONS[reason] + texts.opening.PASSWORD_ADVICE
                )
                log.info(
                    "form %s: field %s refused, looks like a password (%s)", form, field_id, reason
                )
                break
    return errors


def _texts_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []
