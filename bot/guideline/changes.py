"""What changed between two guideline versions, in plain words for the admins' message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.guideline.model import Guideline
from bot.guideline.words import admins, days, every_months, working_days

# Each rule: how it reads in a sentence, and how its value is said.
_RULES: dict[str, tuple[str, Callable[[Any], str]]] = {
    "reply_within_working_days": ("Svar ska ges inom", working_days),
    "office_day_end": ("Kontorsdagen slutar kl.", lambda t: t.strftime("%H.%M")),
    "min_admins": ("Varje konto ska ha minst", admins),
    "documentation_interval_months": ("Skärmdumpar sparas", every_months),
    "documentation_first_reminder_days": ("Påminnelse om skärmdumpar kommer", days),
    "working_days_without_post": ("Kommunikatörerna meddelas efter", working_days),
    "disposal_after_days": ("Sparade kommentarer gallras efter", days),
    "opening_reminder_after_working_days": (
        "En ansökan som står still påminns efter",
        working_days,
    ),
    "opening_escalation_after_working_days": (
        "En ansökan som står still går till kommunikatörerna efter",
        working_days,
    ),
    "review_reminder_days": ("Påminnelse om översyn kommer", days),
    "acknowledgement_reminder_working_days": (
        "Den som inte har bekräftat en ny version påminns var",
        working_days,
    ),
    "account_review_interval_months": ("Varje konto följs upp", every_months),
    "password_change_within_working_days": (
        "Lösenordet byts när en administratör slutat inom",
        working_days,
    ),
}


def changes(old: Guideline, new: Guideline) -> list[str]:
    """One line per change: rules (old → new value), duties and sections added, changed, removed."""
    lines: list[str] = []
    for rule, (sentence, say) in _RULES.items():
        before, after = getattr(old.rules, rule), getattr(new.rules, rule)
        if before != after:
            lines.append(f"{sentence} {say(after)} (förut {say(before)}).")
    lines += _keyed(
        {d.key: d.text for d in old.duties}, {d.key: d.text for d in new.duties}, "Åtagandet"
    )
    old_sections = {s.key: (s.title, s.text) for s in old.sections}
    new_sections = {s.key: (s.title, s.text) for s in new.sections}
    for key, (title, text) in new_sections.items():
        if key not in old_sections:
            lines.append(f"Nytt avsnitt: {title}.")
        elif old_sections[key][1] != text:
            lines.append(f"Avsnittet {title} är ändrat.")
    lines += [
        f"Avsnittet {t} är borttaget."
        for k, (t, _) in old_sections.items()
        if k not in new_sections
    ]
    return lines


def _keyed(old: dict[str, str], new: dict[str, str], noun: str) -> list[str]:
    lines = [f"Nytt åtagande: {text}." for key, text in new.items() if key not in old]
    lines += [
        f"{noun} lyder nu: {text} (förut: {old[key]})."
        for key, text in new.items()
        if key in old and old[key] != text
    ]
    lines += [f"{noun} {text} är borttaget." for key, text in old.items() if key not in new]
    return lines
