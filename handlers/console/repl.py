"""The terminal chat: one line at a time, as any of several people (docs/console.md).

    @anna nytt konto     says "nytt konto" as Anna (and makes her the current person)
    @anna                makes Anna the current person
    mina konton          says it as the current person
    @bo 1                Bo presses his button 1;  @kim k1: button k1 in #kommunikatörer
    tick 2026-12-01T09:05   runs the sweeps at that instant, then the outbox
    roles @kim kommunikatör  Kim joins the communicators (roles @kim ingen: leaves)

A form asks field by field; from a pipe, its answers are the next lines. After each line the
outbox runs and every person's new messages are printed, buttons numbered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TextIO

from bot.messages import Button, Form, FormField
from bot.registry import fold
from handlers.console import render
from handlers.console.bot import ConsoleBot, ConsoleError
from handlers.console.directory import handle_of
from handlers.console.inbox import CHANNEL

CHANNEL_PREFIX = "k"  # channel buttons are k1, k2 …: anyone may press them, the core decides
_PRESS = re.compile(rf"^({CHANNEL_PREFIX}?)(\d+)$", re.IGNORECASE)
COMMUNICATOR_ROLE = "kommunikator"
NO_ROLE = "ingen"
ALL = "alla"

ReadLine = Callable[[str], str]  # prompt → the next line; raises EOFError at the end


class Terminal:
    def __init__(self, bot: ConsoleBot, read: ReadLine, out: TextIO, *, echo: bool) -> None:
        self.bot = bot
        self.read = read
        self.out = out
        self.echo = echo  # from a pipe, each line is printed so the output reads as a chat
        self.current: str | None = None
        self.numbered: dict[str, list[Button]] = {}  # board → its last printed buttons

    def run(self) -> None:
        while True:
            try:
                line = self._next(f"{self.current or ''}> ")
            except EOFError:
                return
            try:
                self.line(line)
            except ConsoleError as error:
                self.print(f"!! {error}")

    def line(self, line: str) -> None:
        line = line.strip()
        if not line or line.startswith("#"):
            return
        word, _, rest = line.partition(" ")
        if word == "tick":
            self._tick(rest.strip())
        elif word == "roles":
            self._roles(rest.split())
        elif word in ("?", "hjälp-konsol"):
            self.print(__doc__ or "")
        elif word.startswith("@"):
            self.current = handle_of(word)
            if rest.strip():
                self._speak(self.current, rest.strip())
        elif self.current is None:
            raise ConsoleError("skriv först vem du är, t.ex. @anna")
        else:
            self._speak(self.current, line)

    def _speak(self, handle: str, text: str) -> None:
        pressed = _PRESS.match(text)
        if pressed:
            board = CHANNEL if pressed.group(1) else handle
            buttons = self.numbered.get(board, [])
            number = int(pressed.group(2))
            if not 1 <= number <= len(buttons):
                raise ConsoleError(f"ingen knapp {text} hos {handle}")
            reply = self.bot.press_button(handle, buttons[number - 1])
        else:
            reply = self.bot.say(handle, text)
        self._answer(handle, reply.notice, reply.errors)
        self.show_new()
        if reply.form is not None:
            self._fill(handle, reply.form)

    def _fill(self, handle: str, form: Form) -> None:
        self.print(f"[{handle}] == {render.text(form.title)} ==")
        if form.intro:
            self.print(_indent(render.text(form.intro)))
        for button in form.buttons:
            # The form's other way (Guida mig steg för steg) is a line of its own here.
            self.print(
                _indent(f"[{render.text(button.label)}: lämna formuläret och skriv guida mig]")
            )
        answers: dict[str, Any] = {}
        asked = form.fields
        while asked:
            try:
                for form_field in asked:
                    self.print(_indent(render.field_prompt(form_field)))
                    answer = _answer_value(form_field, self._next("  : "))
                    if answer is not None:
                        answers[form_field.id] = answer
            except EOFError:
                self.print("!! formuläret avbröts; inget har sparats")
                return
            reply = self.bot.fill(handle, **answers)
            self._answer(handle, reply.notice, reply.errors)
            self.show_new()
            asked = [f for f in form.fields if f.id in reply.errors]

    def _tick(self, when: str) -> None:
        try:
            at = datetime.fromisoformat(when)
        except ValueError:
            raise ConsoleError(f"ogiltig tidpunkt {when!r}, skriv t.ex. 2026-12-01T09:05") from None
        if at.tzinfo is None:
            at = at.replace(tzinfo=self.bot.core.settings.tz)
        report = self.bot.tick(at)
        self.print(f"[tick {at.isoformat(timespec='minutes')}] svep: {len(report.ran)} körda")
        if report.failed:
            self.print(f"!! svep som misslyckades: {', '.join(report.failed)}")
        self.show_new()

    def _roles(self, words: list[str]) -> None:
        if len(words) == 2 and fold(words[1]) in (COMMUNICATOR_ROLE, NO_ROLE):
            self.bot.set_communicator(words[0], fold(words[1]) == COMMUNICATOR_ROLE)
        elif words:
            raise ConsoleError("skriv roles @namn kommunikatör (eller: roles @namn ingen)")
        named = ", ".join(f"@{h}" for h in sorted(self.bot.directory.communicators))
        self.print(f"[roles] kommunikatörer: {named or 'inga'}")

    def _answer(self, handle: str, notice: str | None, errors: dict[str, str]) -> None:
        if notice:
            self.print(f"[{handle}] » {render.text(notice)}")
        for field_id, error in errors.items():
            self.print(f"[{handle}] !! {field_id}: {render.text(error)}")

    def show_new(self) -> None:
        """Every message delivered or edited since the last line, grouped by who got it."""
        by_board: dict[str, list[Any]] = {}
        for delivered in self.bot.drain():
            by_board.setdefault(delivered.board, []).append(delivered)
        for board, delivered in by_board.items():
            prefix = CHANNEL_PREFIX if board == CHANNEL else ""
            buttons: list[Button] = []
            self.print(f"── {board if board == CHANNEL else '@' + board} ──")
            for item in delivered:
                show = self.bot.show_edit if item.edited else self.bot.show
                self.print(_indent(show(item.message, prefix, len(buttons) + 1)))
                for path in item.files:
                    self.print(_indent(f"📎 {path}"))
                buttons.extend(item.message.buttons)
            if buttons:
                self.numbered[board] = buttons

    def print(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def _next(self, prompt: str) -> str:
        line = self.read(prompt)
        if self.echo:
            self.print(f"{prompt}{line}")
        return line


def _answer_value(form_field: FormField, typed: str) -> Any:
    """A typed answer as `ConsoleBot.fill` takes it; None keeps the field's initial value."""
    typed = typed.strip()
    if not typed:
        return None
    if form_field.kind == "select" and typed.isdigit():
        return _option(form_field, typed)
    if form_field.kind == "checkboxes":
        if fold(typed) == ALL:
            return [option.value for option in form_field.options]
        return [_option(form_field, part) for part in typed.replace(",", " ").split()]
    if form_field.kind == "users":
        return typed.replace(",", " ").split()
    return typed


def _option(form_field: FormField, typed: str) -> str:
    if typed.isdigit() and 1 <= int(typed) <= len(form_field.options):
        return form_field.options[int(typed) - 1].value
    return typed


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.split("\n"))


def lines_from(stream: TextIO) -> ReadLine:
    source: Iterator[str] = iter(stream)

    def read(prompt: str) -> str:
        try:
            return next(source).rstrip("\n")
        except StopIteration:
            raise EOFError from None

    return read
