"""The guided application's questions: their order, which apply, and how each is shown.

The answers are kept under the application form's own field ids, so the finished
conversation is handed to the form's submit handler as if the form had been filled in.
"""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.core import Core
from bot.flows.opening.common import T as OPENING
from bot.flows.opening.common import rule_words
from bot.guideline.words import number
from bot.markup import escape

G = texts.guided

STEPS = [
    "platform",
    "platform_other",
    "name",
    "unit",
    "purpose",
    "audience",
    "resources",
    "manager",
    "co_admins",
    "duties",
]
SUMMARY = "summary"
TEXT_STEPS = {"platform_other", "name", "unit", "purpose", "audience", "resources"}
PEOPLE_STEPS = {"manager", "co_admins"}


def applies(step: str, answers: dict[str, Any]) -> bool:
    """`platform_other` is asked only when the platform is "annat"."""
    return step != "platform_other" or answers.get("platform") == "annat"


def applicable(answers: dict[str, Any]) -> list[str]:
    return [step for step in STEPS if applies(step, answers)]


def next_step(answers: dict[str, Any], after: str | None) -> str:
    """The first unanswered question after `after` (then from the start), else the summary."""
    steps = applicable(answers)
    start = steps.index(after) + 1 if after in steps else 0
    for step in steps[start:] + steps[:start]:
        if step not in answers:
            return step
    return SUMMARY


def previous_step(answers: dict[str, Any], current: str) -> str | None:
    steps = applicable(answers)
    if current == SUMMARY:
        return steps[-1]
    index = steps.index(current) if current in steps else 0
    return steps[index - 1] if index > 0 else None


def question(core: Core, step: str) -> str:
    words = rule_words(core)
    others = number(core.guideline.rules.min_admins - 1)
    return G.QUESTIONS[step].format(**words, others=others)


def reason(core: Core, step: str) -> str:
    """Why the question is asked: our word, and the guideline's own text where it has one."""
    section_key, ours = G.REASONS[step]
    section = next((s for s in core.guideline.sections if s.key == section_key), None)
    parts = [G.WHY.format(reason=ours)]
    if section is not None:
        parts.append(G.WHY_QUOTE.format(text=escape(" ".join(section.text.split()))))
    return "\n".join(parts)


def shown(
    core: Core, step: str, answers: dict[str, Any], names: dict[int, str], *, markup: bool = True
) -> str:
    """An answer as the applicant reads it back (`markup=False`: for a button's label)."""
    value = answers.get(step)
    if value is None:
        return OPENING.NONE
    if step == "platform":
        return OPENING.PLATFORMS.get(value, value)
    if step == "manager":
        return names.get(int(value), "?")
    if step == "co_admins":
        return ", ".join(names.get(int(v), "?") for v in value)
    if step == "duties":
        return G.DUTIES_CONFIRMED
    return escape(str(value)) if markup else str(value)


def people_in(answers: dict[str, Any]) -> set[int]:
    ids = [answers.get("manager"), *(answers.get("co_admins") or [])]
    return {int(v) for v in ids if v is not None and str(v).isdigit()}
