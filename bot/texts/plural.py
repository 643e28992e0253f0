"""Swedish plural forms by number: "1 konto", "2 konton" (never "1 konton" or "konto(n)")."""

from __future__ import annotations


def antal(n: int, one: str, many: str) -> str:
    """The number and the noun in the form that fits it."""
    return f"{n} {one if n == 1 else many}"


def form(n: int, one: str, many: str) -> str:
    """Only the noun, in the form that fits the number (for texts that place the number)."""
    return one if n == 1 else many
