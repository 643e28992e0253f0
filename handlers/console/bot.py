"""`ConsoleBot`: the whole bot driven by handles and words, in one process.

Both the terminal chat (`smbot console`) and the tests use it. Every act goes through the
core's one entry (`bot.router.handle`) and is followed by a run of the outbox, whose
messages the console's sender puts in in-memory inboxes:

    bot = ConsoleBot.start("sqlite:///…", now=…)
    bot.say("@anna", "nytt konto"); bot.fill("@anna", name="…", manager="@karin", …)
    bot.press("@karin", "Godkänn"); bot.tick(datetime(…)); bot.read("@anna")
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot import router
from bot.app import create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.flows.admins import person_departed, person_returned
from bot.messages import Button, Form, FormField, Message
from bot.outbox.dispatcher import dispatch_due
from bot.registry import Registry
from bot.reply import Reply
from bot.sweeps import TickReport, tick
from handlers.console import commands, render
from handlers.console.directory import ConsoleDirectory, handle_of
from handlers.console.inbox import CHANNEL, Delivered, Inboxes
from handlers.console.sender import ConsoleSender
from storage.migrate import upgrade


class ConsoleError(ValueError):
    """Something typed that the console cannot do (no such button, no open form)."""


@dataclass
class Heard:
    """What a person was told directly, in the place they acted (not via the outbox)."""

    handle: str
    notice: str | None = None
    errors: dict[str, str] = field(default_factory=dict)


class ConsoleBot:
    def __init__(self, core: Core, clock: FixedClock) -> None:
        self.core = core
        self.clock = clock
        self.inboxes = Inboxes()
        self.directory = ConsoleDirectory(core)
        sender = ConsoleSender(self.directory, self.inboxes)
        # Kept across restarts, like the inboxes: where the messages' files are written.
        self.files_dir = sender.files_dir
        core.register_sender(sender)
        self.forms: dict[str, Form] = {}  # each person's open form
        self.heard: list[Heard] = []  # notices and form errors, as they came
        self._runner = asyncio.Runner()

    @classmethod
    def start(
        cls,
        database_url: str,
        *,
        now: datetime | None = None,
        registry: Registry | None = None,
        settings: Settings | None = None,
        **overrides: Any,
    ) -> ConsoleBot:
        """A console on a migrated database; the clock stands at `now` until `tick` moves it."""
        settings = settings or Settings(_env_file=None, **overrides)  # type: ignore[call-arg]
        settings.database_url = database_url
        upgrade(database_url)
        clock = FixedClock(now or datetime.now().astimezone())
        return cls(create_core(settings, clock, registry), clock)

    def close(self) -> None:
        self._runner.close()
        self.core.engine.dispose()

    def restart(self) -> None:
        """A new process on the same database: only what the database holds survives.

        The people's inboxes and the communicators' roles stay, as their chats would.
        """
        settings, registry = self.core.settings, self.core.registry
        communicators = self.directory.communicators
        self.core.engine.dispose()
        self.core = create_core(settings, self.clock, registry)
        self.directory = ConsoleDirectory(self.core, communicators)
        self.core.register_sender(ConsoleSender(self.directory, self.inboxes, self.files_dir))
        self.forms.clear()

    # ---- acting -----------------------------------------------------------------------

    def say(self, handle: str, line: str) -> Reply:
        """Words the person writes to the bot: a command ("nytt konto"), an answer in a guided
        application, a question. The core hears them before reading them as a command."""
        found = commands.match(line, self.core.registry)
        command = router.Command(*found) if found else None
        return self.act(handle, router.Say(line.strip(), command))

    def press(self, handle: str, button: str) -> Reply:
        """Press a button by its label ("Godkänn") or action name, on the newest message
        that has it: the person's own first, then the communicators' channel."""
        return self.press_button(handle, self.find_button(handle, button))

    def press_button(self, handle: str, button: Button) -> Reply:
        return self.act(handle, router.Press(button.action, button.value))

    def fill(self, handle: str, **answers: Any) -> Reply:
        """Submit the person's open form: the fields' initial values, then `answers`.

        People are given as handles ("@karin", or ["@bo", "@cilla"]), choices by value or
        label. A form answered with errors stays open, to be filled again.
        """
        form = self.forms.get(handle_of(handle))
        if form is None:
            raise ConsoleError(f"{handle} har inget formulär öppet")
        values = {f.id: self._core_value(f, answers.get(f.id, f.initial)) for f in form.fields}
        unknown = set(answers) - set(values)
        if unknown:
            raise ConsoleError(f"formuläret har inga fält {', '.join(sorted(unknown))}")
        return self.act(handle, router.Submit(form.id, values, form.context))

    def act(self, handle: str, request: router.Request) -> Reply:
        """One request as the person, then the outbox; what they see is kept for them."""
        handle = handle_of(handle)
        who = self.directory.who(handle)
        reply = router.run(self.core, who, request)
        self._keep(handle, request, reply)
        self.dispatch()
        return reply

    def tick(self, at: datetime) -> TickReport:
        """The sweeps at this instant (the clock stays there), then the outbox."""
        self.clock.set(at)
        return self._runner.run(tick(self.core))

    def dispatch(self) -> None:
        self._runner.run(dispatch_due(self.core))

    def depart(self, handle: str) -> bool:
        """The person left the organisation, as a platform would report a deactivated user."""
        person_id = self.directory.person_id(handle)
        with self.core.session() as session:
            gone = person_departed(session, self.core, person_id)
        self.dispatch()
        return gone

    def come_back(self, handle: str) -> bool:
        """The person's user was reactivated: they count again as the admin they were."""
        person_id = self.directory.person_id(handle)
        with self.core.session() as session:
            back = person_returned(session, self.core, person_id)
        self.dispatch()
        return back

    def set_communicator(self, handle: str, communicator: bool = True) -> None:
        handle = handle_of(handle)
        self.directory.person(handle)  # a role is given to someone, who now exists
        if communicator:
            self.directory.communicators.add(handle)
        else:
            self.directory.communicators.discard(handle)

    # ---- reading ----------------------------------------------------------------------

    def inbox(self, handle: str) -> list[Message]:
        """The person's messages as they read now, oldest first."""
        return [d.message for d in self.inboxes.current(handle_of(handle))]

    def channel(self) -> list[Message]:
        """The communicators' channel as it reads now, oldest first."""
        return [d.message for d in self.inboxes.current(CHANNEL)]

    def read(self, handle: str) -> str:
        """Everything in the person's inbox (or `CHANNEL`'s) as the terminal shows it."""
        board = handle if handle == CHANNEL else handle_of(handle)
        return "\n\n".join(self.show(d.message) for d in self.inboxes.current(board))

    def notices(self, handle: str) -> list[str]:
        handle = handle_of(handle)
        return [render.text(h.notice) for h in self.heard if h.handle == handle and h.notice]

    def form(self, handle: str) -> Form | None:
        return self.forms.get(handle_of(handle))

    def drain(self) -> list[Delivered]:
        """Messages delivered or edited since the last drain (the terminal prints them)."""
        return self.inboxes.drain()

    def show(self, message: Message, prefix: str = "", start: int = 1) -> str:
        return render.message_text(message, self.directory.mentioned, prefix, start)

    def show_edit(self, message: Message, prefix: str = "", start: int = 1) -> str:
        return render.edited_text(message, self.directory.mentioned, prefix, start)

    def find_button(self, handle: str, wanted: str) -> Button:
        form = self.forms.get(handle_of(handle))
        for button in form.buttons if form is not None else []:
            if wanted in (button.label, button.action):
                return button  # a button on the form the person has open
        boards = [handle_of(handle), CHANNEL]
        for board in boards:
            for delivered in reversed(self.inboxes.current(board)):
                for button in delivered.message.buttons:
                    if wanted in (button.label, button.action):
                        return button
        raise ConsoleError(f"ingen knapp {wanted!r} hos {handle}")

    # ---- inside -----------------------------------------------------------------------

    def _keep(self, handle: str, request: router.Request, reply: Reply) -> None:
        if isinstance(request, router.Submit) and not reply.errors:
            self.forms.pop(handle, None)
        if reply.form is not None:
            self.forms[handle] = reply.form
        if reply.notice or reply.errors:
            self.heard.append(Heard(handle, reply.notice, dict(reply.errors)))
        if reply.message is not None:
            # A private answer (a listing): shown in the person's chat like any message.
            self.inboxes.deliver(handle, reply.message, "reply")

    def _core_value(self, form_field: FormField, value: Any) -> Any:
        if value is None:
            return [] if form_field.kind in ("users", "checkboxes") else None
        if form_field.kind == "user":
            return self._person_ref(str(value))
        if form_field.kind == "users":
            handles = value.replace(",", " ").split() if isinstance(value, str) else value
            return [self._person_ref(h) for h in handles]
        if form_field.kind == "select":
            return _option_value(form_field, str(value))
        if form_field.kind == "checkboxes":
            return [_option_value(form_field, str(v)) for v in value]
        return value

    def _person_ref(self, value: str) -> str:
        """A person field's value: a handle becomes the person's id; an id stays as it is."""
        if value.isdigit():
            return value
        return str(self.directory.person_id(value))


def _option_value(form_field: FormField, given: str) -> str:
    for option in form_field.options:
        if given in (option.value, option.label):
            return option.value
    return given  # the core says what is wrong with it
