"""Core messages and forms → terminal text; buttons numbered so a person can press them."""

from __future__ import annotations

from bot import command_refs
from bot.markup import People, nobody
from bot.messages import Button, FormField, Message
from bot.moments import wall_clock
from handlers.console.markup import terminal


def typed_command(name: str) -> str:
    """How a core command is typed on the console: its words (`nytt konto`)."""
    return name.replace("-", " ")


def text(markup: str, people: People = nobody) -> str:
    return terminal(command_refs.render(markup, typed_command), people)


def message_text(
    message: Message, people: People = nobody, prefix: str = "", start: int = 1
) -> str:
    """The whole message; buttons as `[1] Godkänn  [2] Avslå` (numbered from `start`)."""
    parts: list[str] = []
    if message.title:
        parts.append(f"== {text(message.title, people)} ==")
    if message.text:
        parts.append(text(message.text, people))
    parts.extend(f"{text(f.label)}: {text(f.value, people)}" for f in message.facts)
    parts.extend(f"☐ {text(item, people)}" for item in message.checklist)
    if message.footer:
        parts.append(f"({text(message.footer, people)})")
    if message.buttons:
        parts.append(buttons_line(message.buttons, prefix, start))
    return "\n".join(parts)


def edited_text(message: Message, people: People = nobody, prefix: str = "", start: int = 1) -> str:
    """An edited message, short: what changes on an edit is its title, status and buttons."""
    short = message.model_copy(update={"text": "", "facts": [], "checklist": []})
    return "(ändrat) " + message_text(short, people, prefix, start)


def buttons_line(buttons: list[Button], prefix: str = "", start: int = 1) -> str:
    return "  ".join(
        f"[{prefix}{number}] {text(button.label)}"
        for number, button in enumerate(buttons, start=start)
    )


def field_prompt(field: FormField) -> str:
    """What a person is asked for one field: its label, choices numbered, how to answer."""
    lines = [text(field.label)]
    if field.placeholder:
        lines.append(f"  ({text(field.placeholder)})")
    if field.hint:
        lines.append(f"  {text(field.hint)}")
    if field.kind in ("select", "checkboxes"):
        lines.extend(
            f"  {number}. {text(option.label)}"
            for number, option in enumerate(field.options, start=1)
        )
    how = {
        "select": "svara med en siffra",
        "checkboxes": "svara med siffror, t.ex. 1 3, eller 'alla'",
        "user": "svara med @namn",
        "users": "svara med ett eller flera @namn",
        "date": "svara med datum, ÅÅÅÅ-MM-DD",
        "datetime": "svara med datum och klockslag, ÅÅÅÅ-MM-DD TT:MM",
    }.get(field.kind)
    if how:
        lines.append(f"  ({how})")
    if field.initial:
        shown = field.initial if isinstance(field.initial, str) else ", ".join(field.initial)
        if field.kind == "datetime":
            # The core's initial instant, as a person types it (its local wall clock).
            shown = " ".join(wall_clock(shown) or (shown,))
        lines.append(f"  (tom rad behåller: {shown})")
    return "\n".join(lines)
