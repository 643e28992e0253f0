"""Copies of the shipped guideline with changed values, as a municipality would edit it."""

from __future__ import annotations

import re
from pathlib import Path

from bot.guideline.loader import PROJECT_ROOT

FORSHAGA = PROJECT_ROOT / "guideline" / "forshaga.toml"


def edited_guideline(
    directory: Path, *, replace: dict[str, str] | None = None, **rules: int
) -> Path:
    """The Forshaga file with `key = value` lines changed (rule numbers by keyword)."""
    text = FORSHAGA.read_text(encoding="utf-8")
    for key, value in rules.items():
        text, count = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
        assert count == 1, key
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = directory / "riktlinje.toml"
    path.write_text(text, encoding="utf-8")
    return path
