"""Running the bot with some sweeps left out, for tests that count every message sent.

Each flow's own tests cover its sweeps; a test of another flow over weeks of ticks
would otherwise also receive, say, every morning's activity DM.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import bot.flows  # noqa: F401  (registers every sweep first)
from bot.sweeps import SWEEPS


@contextmanager
def without_sweeps(*names: str) -> Iterator[None]:
    saved = dict(SWEEPS)  # the order matters too: restore it exactly
    for name in names:
        SWEEPS.pop(name, None)
    try:
        yield
    finally:
        SWEEPS.clear()
        SWEEPS.update(saved)
