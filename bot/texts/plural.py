"""Swedish plural forms by number: "1 konto", "2 konton" (never "1 konton" or "konto(n)")."""

from __future__ import annotations

from datetime import date


def antal(n: int, one: str, many: str) -> str:
    """The number and the noun in the form that fits it."""
    return f"{n} {one if n == 1 else many}"


def form(n: int, one: str, many: str) -> str:
    """Only the noun, in the form that fits the number (for texts that place the number)."""
    return one if n == 1 else many


MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def swedish_date(day: date) -> str:
    """ "2 december 2026": the year too, since a silence can last past New Year."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def and_list(items: list[str]) -> str:
    """"Anna", "Anna och Bo", "Anna, Bo och Cilla" (no Oxford comma in Swedish)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} och {items[-1]}"
