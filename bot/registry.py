"""The bot's verbs: commands, button actions, forms, uploads, sweeps and summary sections.

Each flow module collects its own verbs on a `Verbs` object with decorators, like a Flask
blueprint; the app builds one `Registry` from the flows it runs (`bot/app.py`) and hands it
to the core. Nothing is registered globally, so a test can build a registry of its own.

Action and form names are declared once, as constants (`APPROVE = action_name("opening.approve")`
in a flow's `names.py`), and buttons and handlers use the constant. `Registry.check` fails when
a declared name has no handler, so a button can never point at nothing; the core runs it when
it is created, and `tests/test_registry.py` checks that no button is made from a bare string.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from bot.gcpause import without_collector
from bot.reply import Reply


class Audience(Enum):
    """Who may use a verb; the core's entry refuses anyone else before the handler runs."""

    ANYONE = "anyone"
    COMMUNICATORS = "communicators"


ANYONE = Audience.ANYONE
COMMUNICATORS = Audience.COMMUNICATORS


class HelpGroup(Enum):
    """Where `hjälp` lists a command: grouped by who it is for, in this order."""

    START = "start"  # Kom igång
    ADMINS = "admins"  # För administratörer
    FOLLOW_UP = "follow_up"  # Uppföljning (chefer och kommunikatörer)
    COMMUNICATORS = "communicators"  # För kommunikatörer (shown only to them)
    HIDDEN = "hidden"  # not listed (`hjälp` itself, Slack's message shortcut)


# Handlers take the request's Context (bot/router.py) first; typed loosely here so the
# registry stays below the router in the import graph.
Handler = Callable[..., Reply]
Sweep = Callable[..., None]
SummarySection = Callable[..., list[str]]
# Makes a deferred message's content at send time: (core, session, args) -> Message.
Renderer = Callable[..., Any]


@dataclass(frozen=True)
class Verb:
    name: str
    handler: Handler
    audience: Audience = ANYONE


@dataclass(frozen=True)
class CommandVerb(Verb):
    help_text: str = ""
    group: HelpGroup = HelpGroup.ADMINS


# Every action and form name the flows declared (constants, filled as their modules load).
_DECLARED: set[str] = set()


def action_name(name: str) -> str:
    """Declare the name of an action or form a button or message may refer to."""
    _DECLARED.add(name)
    return name


class Verbs:
    """The verbs one flow module offers, gathered by its decorators."""

    def __init__(self) -> None:
        self.commands: list[CommandVerb] = []
        self.actions: list[Verb] = []
        self.forms: list[Verb] = []
        self.uploads: list[Handler] = []
        self.upload_checks: list[Handler] = []
        self.sweeps: list[tuple[str, Sweep]] = []
        # Sweeps whose work is once a working morning: `tick` runs each once a day.
        self.mornings: set[str] = set()
        # Sweeps that run after every other (a digest of what the others opened).
        self.last: set[str] = set()
        self.sections: list[SummarySection] = []
        self.says: list[Handler] = []
        self.renderers: list[tuple[str, Renderer]] = []

    def command(
        self,
        name: str,
        help_text: str,
        *,
        audience: Audience = ANYONE,
        group: HelpGroup | None = None,
    ) -> Callable[[Handler], Handler]:
        """A command; `hjälp` lists it under `group` (default: by its audience)."""
        if group is None:
            group = HelpGroup.COMMUNICATORS if audience is COMMUNICATORS else HelpGroup.ADMINS

        def register(handler: Handler) -> Handler:
            self.commands.append(CommandVerb(name, handler, audience, help_text, group))
            return handler

        return register

    def action(self, name: str, *, audience: Audience = ANYONE) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.actions.append(Verb(name, handler, audience))
            return handler

        return register

    def form(self, name: str, *, audience: Audience = ANYONE) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.forms.append(Verb(name, handler, audience))
            return handler

        return register

    def upload(self, handler: Handler) -> Handler:
        self.uploads.append(handler)
        return handler

    def upload_check(self, handler: Handler) -> Handler:
        """Decides on a file before the platform fetches it (an empty Reply: fetch it)."""
        self.upload_checks.append(handler)
        return handler

    def say(self, handler: Handler) -> Handler:
        """Hears words written in a direct chat; returns a Reply to claim them, else None.

        Flows hear in the order the app lists them; the first that claims the words answers.
        """
        self.says.append(handler)
        return handler

    def sweep(
        self, name: str, *, morning: bool = False, last: bool = False
    ) -> Callable[[Sweep], Sweep]:
        """A rule run by the clock. `morning=True`: its work is "each working morning from
        MORNING_REMINDER_TIME" (it does nothing before then), so once it has run to the end
        on a working day, `tick` leaves it alone until the next one (bot/sweeps.py).
        `last=True`: it runs after every other sweep of the tick (it reports on theirs)."""

        def register(function: Sweep) -> Sweep:
            # Run with the collector held off (bot/gcpause.py); what the flow's module
            # exports is the same function the registry runs.
            paused = without_collector(function)
            self.sweeps.append((name, paused))
            if morning:
                self.mornings.add(name)
            if last:
                self.last.add(name)
            return paused

        return register

    def summary_section(self, function: SummarySection) -> SummarySection:
        self.sections.append(function)
        return function

    def renderer(self, kind: str) -> Callable[[Renderer], Renderer]:
        """Makes the content of a message enqueued as `Deferred(kind=…)`, when it is sent."""

        def register(function: Renderer) -> Renderer:
            self.renderers.append((kind, function))
            return function

        return register


class DuplicateVerb(ValueError):
    pass


class UnhandledName(ValueError):
    pass


@dataclass
class Registry:
    commands: dict[str, CommandVerb] = field(default_factory=dict)
    actions: dict[str, Verb] = field(default_factory=dict)
    forms: dict[str, Verb] = field(default_factory=dict)
    upload: Handler | None = None
    upload_check: Handler | None = None
    sweeps: dict[str, Sweep] = field(default_factory=dict)
    mornings: frozenset[str] = frozenset()
    sections: list[SummarySection] = field(default_factory=list)
    says: list[Handler] = field(default_factory=list)
    renderers: dict[str, Renderer] = field(default_factory=dict)

    @classmethod
    def build(cls, all_verbs: Iterable[Verbs]) -> Registry:
        registry = cls()
        last: set[str] = set()
        for verbs in all_verbs:
            registry.add(verbs)
            last |= verbs.last
        # Sweeps marked `last` after all the others, each group in the flows' order.
        ordered = sorted(registry.sweeps.items(), key=lambda item: item[0] in last)
        registry.sweeps = dict(ordered)
        return registry

    def add(self, verbs: Verbs) -> None:
        for command in verbs.commands:
            _put(self.commands, command.name, command, "command")
        for verb in verbs.actions:
            _put(self.actions, verb.name, verb, "action")
        for verb in verbs.forms:
            _put(self.forms, verb.name, verb, "form")
        for name, sweep in verbs.sweeps:
            _put(self.sweeps, name, sweep, "sweep")
        self.mornings = self.mornings | verbs.mornings
        for kind, renderer in verbs.renderers:
            _put(self.renderers, kind, renderer, "renderer")
        for handler in verbs.uploads:
            if self.upload is not None:
                raise DuplicateVerb("two flows take uploads")
            self.upload = handler
        for handler in verbs.upload_checks:
            if self.upload_check is not None:
                raise DuplicateVerb("two flows check uploads")
            self.upload_check = handler
        self.sections.extend(verbs.sections)
        self.says.extend(verbs.says)

    def check(self) -> None:
        """Every declared action or form name has a handler; raises naming those that don't."""
        missing = sorted(_DECLARED - set(self.actions) - set(self.forms))
        if missing:
            raise UnhandledName(f"declared but not handled: {', '.join(missing)}")

    def without_sweeps(self, *names: str) -> Registry:
        """The same verbs with some sweeps left out (tests that count every message)."""
        kept = {name: sweep for name, sweep in self.sweeps.items() if name not in names}
        return Registry(
            commands=self.commands,
            actions=self.actions,
            forms=self.forms,
            upload=self.upload,
            upload_check=self.upload_check,
            sweeps=kept,
            mornings=self.mornings & set(kept),
            sections=self.sections,
            says=self.says,
            renderers=self.renderers,
        )

    def find_command(self, name: str) -> CommandVerb | None:
        """The command by its name, or by its name without å/ä/ö: `/hjalp` is `hjälp`."""
        found = self.commands.get(name)
        if found is not None:
            return found
        wanted = fold(name)
        return next((c for known, c in self.commands.items() if fold(known) == wanted), None)

    def help_groups(self, *, communicator: bool) -> list[tuple[HelpGroup, list[CommandVerb]]]:
        """The commands this person may use, by group, each in the order the flows register."""
        groups = []
        for group in HelpGroup:
            if group is HelpGroup.HIDDEN:
                continue
            shown = [
                verb
                for verb in self.commands.values()
                if verb.group is group and (communicator or verb.audience is ANYONE)
            ]
            if shown:
                groups.append((group, shown))
        return groups


def fold(name: str) -> str:
    """A command name as typed where å, ä and ö are unavailable (Slack slash commands)."""
    return name.lower().translate(_ASCII)


_ASCII = str.maketrans("åäöéü", "aaoeu")


def _put(table: dict[str, Any], name: str, value: Any, kind: str) -> None:
    if name in table:
        raise DuplicateVerb(f"{kind} {name!r} is registered twice")
    table[name] = value
