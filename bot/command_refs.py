"""Command references in user text, written once for every platform.

Texts say `cmd("mina-konton")` where they tell people what to type. Each platform's renderer
turns the marker into how the command is typed there (Slack: `/mina-konton`, Teams: the words).
The marker survives `str.format`, so templates can hold it next to their `{fields}`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

OPEN, CLOSE = "⟦", "⟧"
_MARKER = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]+){CLOSE}")

Spelling = Callable[[str], str]  # core command name -> how it is typed on a platform
Model = TypeVar("Model", bound=BaseModel)


def cmd(name: str) -> str:
    """A reference to the core command `name` (as registered with `@command`)."""
    return f"{OPEN}{name}{CLOSE}"


def names(text: str) -> list[str]:
    """The commands a text refers to."""
    return _MARKER.findall(text)


def render(text: str, spell: Spelling) -> str:
    return _MARKER.sub(lambda match: spell(match.group(1)), text)


def render_model(model: Model, spell: Spelling) -> Model:
    """A Message or Form with every string in it rendered (texts, facts, labels, options)."""
    data = _render_all(model.model_dump(), spell)
    return type(model).model_validate(data)


def _render_all(value: Any, spell: Spelling) -> Any:
    if isinstance(value, str):
        return render(value, spell) if OPEN in value else value
    if isinstance(value, list):
        return [_render_all(item, spell) for item in value]
    if isinstance(value, dict):
        return {key: _render_all(item, spell) for key, item in value.items()}
    return value
