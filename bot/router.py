"""Commands, button actions and form submissions, by name, for every platform.

Flows register handlers here with the decorators; a platform handler turns a
slash command, a button press or a submitted form into one `dispatch_*` call.
Like Errbot's core: one place that knows the bot's verbs, thin backends around it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot import audit, texts
from bot.command_refs import cmd
from bot.core import Core
from bot.messages import Form, Message
from bot.secrets_guard import refuse_secrets
from storage.models import Person


@dataclass
class Actor:
    """Who is acting. `is_communicator` is what the platform knows (channel membership)."""

    person: Person
    is_communicator: bool = False

    @property
    def id(self) -> int:
        assert self.person.id is not None
        return self.person.id


@dataclass(frozen=True)
class Who:
    """Who is acting, found out before the request's unit of work.

    Platform look-ups (who is this user, are they in the communicators' channel) go over the
    network; they happen first, so no database transaction is held open across them.
    """

    person_id: int
    is_communicator: bool = False

    def actor(self, session: Session) -> Actor:
        person = session.get(Person, self.person_id)
        assert person is not None
        return Actor(person=person, is_communicator=self.is_communicator)


@dataclass
class Context:
    core: Core
    session: Session
    actor: Actor
    now: datetime

    def audit(self, action: str, account_id: int | None = None, **detail: Any) -> None:
        """One audit entry for what the acting person just did, at this instant."""
        audit.record(
            self.session, self.now, action, actor_id=self.actor.id, account_id=account_id, **detail
        )


@dataclass
class Reply:
    """What the acting person sees at once, in the place they acted."""

    notice: str | None = None  # a short private note
    message: Message | None = None  # a private message (a listing, a receipt)
    form: Form | None = None  # open this form
    errors: dict[str, str] = field(default_factory=dict)  # a submitted form's field errors

    @property
    def ok(self) -> bool:
        return not self.errors


CommandHandler = Callable[[Context, str], Reply]
ActionHandler = Callable[[Context, str], Reply]
FormHandler = Callable[[Context, dict[str, Any], str], Reply]

COMMANDS: dict[str, CommandHandler] = {}
ACTIONS: dict[str, ActionHandler] = {}
FORMS: dict[str, FormHandler] = {}
# Help lines shown by `hjälp` and unknown input: command name -> description.
HELP: dict[str, str] = {}


def command(name: str, help_text: str) -> Callable[[CommandHandler], CommandHandler]:
    def register(handler: CommandHandler) -> CommandHandler:
        COMMANDS[name] = handler
        HELP[name] = help_text
        return handler

    return register


def action(name: str) -> Callable[[ActionHandler], ActionHandler]:
    def register(handler: ActionHandler) -> ActionHandler:
        ACTIONS[name] = handler
        return handler

    return register


def form(name: str) -> Callable[[FormHandler], FormHandler]:
    def register(handler: FormHandler) -> FormHandler:
        FORMS[name] = handler
        return handler

    return register


def _context(core: Core, session: Session, actor: Actor) -> Context:
    return Context(core=core, session=session, actor=actor, now=core.now())


def fold(name: str) -> str:
    """A command name as typed where å, ä and ö are unavailable (Slack slash commands)."""
    return name.lower().translate(_ASCII)


_ASCII = str.maketrans("åäöéü", "aaoeu")


def find_command(name: str) -> CommandHandler | None:
    """The command by its name, or by its name without å/ä/ö: `/hjalp` is `hjälp`."""
    handler = COMMANDS.get(name)
    if handler is not None:
        return handler
    wanted = fold(name)
    return next((h for known, h in COMMANDS.items() if fold(known) == wanted), None)


def dispatch_command(core: Core, session: Session, actor: Actor, name: str, text: str) -> Reply:
    handler = find_command(name)
    if handler is None:
        return Reply(message=help_message())
    return handler(_context(core, session, actor), text.strip())


def dispatch_action(core: Core, session: Session, actor: Actor, name: str, value: str) -> Reply:
    handler = ACTIONS.get(name)
    if handler is None:
        return Reply(notice=texts.common.UNKNOWN_ACTION)
    return handler(_context(core, session, actor), value)


def dispatch_form(
    core: Core, session: Session, actor: Actor, name: str, values: dict[str, Any], context: str
) -> Reply:
    handler = FORMS.get(name)
    if handler is None:
        return Reply(notice=texts.common.UNKNOWN_ACTION)
    refused = refuse_secrets(name, values)
    if refused:
        return Reply(errors=refused)
    return handler(_context(core, session, actor), values, context)


def help_message() -> Message:
    # Each platform shows a command as it is typed there (a slash command, or words).
    lines = [f"• *{cmd(name)}* – {description}" for name, description in sorted(HELP.items())]
    return Message(title=texts.common.HELP_TITLE, text="\n".join(lines) or texts.common.NO_COMMANDS)


@dataclass
class UploadedFile:
    """A file a person sent the bot (a screenshot in the chat), already downloaded."""

    name: str
    content: bytes
    content_type: str = "application/octet-stream"


UploadHandler = Callable[[Context, list[UploadedFile]], Reply]
# Who takes files people send the bot; a flow registers itself with `@uploads`.
UPLOADS: list[UploadHandler] = []


def uploads(handler: UploadHandler) -> UploadHandler:
    UPLOADS.append(handler)
    return handler


def dispatch_upload(core: Core, session: Session, actor: Actor, files: list[UploadedFile]) -> Reply:
    if not UPLOADS:
        return Reply(notice=texts.common.FILES_NOT_ACCEPTED)
    return UPLOADS[-1](_context(core, session, actor), files)
