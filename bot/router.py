"""The one way into the core: a person's command, button press, form or upload → a Reply.

Every platform turns what a person did into one request value (`Command`, `Press`, `Submit`,
`Upload`, `Offer` for a file not yet fetched, or `Say` for words written in a direct chat)
and calls `handle` with a way to find out who they are. Here, once for every platform: who
is acting is resolved (platform look-ups go over the network, so before any transaction),
the unit of work opens, the verb is looked up in the core's registry, its audience is
checked, the handler runs, and a form answered with field errors keeps nothing.
Like Errbot's core: one place that knows the bot's verbs, thin backends around it.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot import audit, texts
from bot.command_refs import cmd
from bot.core import Core
from bot.messages import Message
from bot.outbox.queue import collect_updates, enqueue_to_person
from bot.registry import COMMUNICATORS, Audience, Registry
from bot.reply import Reply, UploadedFile
from bot.secrets_guard import refuse_secrets
from bot.texts.plural import antal
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
    """Who is acting, found out before the request's unit of work."""

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

    @property
    def registry(self) -> Registry:
        return self.core.registry

    def audit(self, action: str, account_id: int | None = None, **detail: Any) -> None:
        """One audit entry for what the acting person just did, at this instant."""
        audit.record(
            self.session, self.now, action, actor_id=self.actor.id, account_id=account_id, **detail
        )


@dataclass(frozen=True)
class Command:
    """A command typed by a person (`/mina-konton`, "mina konton")."""

    name: str
    text: str = ""


@dataclass(frozen=True)
class Press:
    """A button pressed on a message the bot sent."""

    action: str
    value: str = ""


@dataclass(frozen=True)
class Submit:
    """A filled-in form."""

    form: str
    values: dict[str, Any] = field(default_factory=dict)
    context: str = ""


@dataclass(frozen=True)
class Upload:
    """Files a person sent the bot, already downloaded."""

    files: list[UploadedFile]


@dataclass(frozen=True)
class Offer:
    """A file a person is sending, before it is fetched: may the bot take it?"""

    name: str
    size: int
    content_type: str | None = None


@dataclass(frozen=True)
class Say:
    """Words written to the bot in a direct chat (a Slack DM, the Teams personal chat, the
    console). `command` is the platform's reading of them as a command, when they are one.

    A conversation under way (the guided application) or a question hears them first; then
    the command runs; anything else is answered with help.
    """

    text: str
    command: Command | None = None


Request = Command | Press | Submit | Upload | Offer | Say
# How a platform finds out who is acting: awaited once, before the unit of work opens.
Resolve = Callable[[], Awaitable[Who]]


async def handle(core: Core, resolve: Resolve, request: Request) -> Reply:
    """The core's one entry: resolve who acts, then run the request in one unit of work."""
    who = await resolve()
    return run(core, who, request)


def run(core: Core, who: Who, request: Request) -> Reply:
    """The request's unit of work; committed unless the reply carries form errors."""
    with core.session() as session:
        ctx = Context(core=core, session=session, actor=who.actor(session), now=core.now())
        with collect_updates(session) as updated:
            reply = _dispatch(ctx, request)
        reply.updated = updated
        if reply.errors:
            session.rollback()  # a form with errors keeps nothing, whatever the handler did
        elif reply.message is not None and reply.message.attachments:
            reply.message = _files_by_message(ctx, reply.message)
    return reply


def _files_by_message(ctx: Context, message: Message) -> Message:
    """An answer's files go as a message of their own to the person, through the outbox.

    An answer in the place one acted cannot carry files everywhere (a Slack slash command's
    answer is text only), so on every platform the files arrive the same way, uploaded
    once; the answer itself says they are coming.
    """
    files = Message(
        title=texts.common.FILES_TITLE.format(title=message.title)
        if message.title
        else texts.common.FILES_PLAIN,
        text=texts.common.FILES_TEXT.format(count=antal(len(message.attachments), "fil", "filer")),
        attachments=message.attachments,
    )
    key = f"files:{ctx.actor.id}:{ctx.now.isoformat()}:{uuid.uuid4().hex[:8]}"
    enqueue_to_person(ctx.session, ctx.core, key, ctx.actor.id, files)
    footer = "\n\n".join(part for part in (message.footer, texts.common.FILES_FOLLOW) if part)
    return message.model_copy(update={"attachments": [], "footer": footer})


def _dispatch(ctx: Context, request: Request) -> Reply:
    registry = ctx.registry
    match request:
        case Command(name, text):
            command = registry.find_command(name)
            if command is None:
                return Reply(message=help_message(registry, ctx.actor, not_understood=name))
            return _guarded(ctx, command.audience) or command.handler(ctx, text.strip())
        case Press(action, value):
            verb = registry.actions.get(action)
            if verb is None:
                return Reply(notice=texts.common.UNKNOWN_ACTION)
            return _guarded(ctx, verb.audience) or verb.handler(ctx, value)
        case Submit(form, values, context):
            verb = registry.forms.get(form)
            if verb is None:
                return Reply(notice=texts.common.UNKNOWN_ACTION)
            # No password is kept from any field, whatever the form (shown, audited or sent).
            refused = refuse_secrets(form, values)
            if refused:
                return Reply(errors=refused)
            return _guarded(ctx, verb.audience) or verb.handler(ctx, values, context)
        case Upload(files):
            if registry.upload is None:
                return Reply(notice=texts.common.FILES_NOT_ACCEPTED)
            return registry.upload(ctx, files)
        case Offer():
            if registry.upload_check is None:
                return Reply()
            return registry.upload_check(ctx, request)
        case Say(_, command):
            for hear in registry.says:
                heard = hear(ctx, request)
                if heard is not None:
                    return heard
            if command is not None:
                return _dispatch(ctx, command)
            # Words nobody claimed: say so, then what this person may do.
            said = request.text.strip()
            return Reply(message=help_message(registry, ctx.actor, not_understood=said or None))
    raise TypeError(f"not a request: {request!r}")


def _guarded(ctx: Context, audience: Audience) -> Reply | None:
    """A refusal when the verb is not for this person; the handler never runs."""
    if audience is COMMUNICATORS and not ctx.actor.is_communicator:
        return Reply(notice=texts.common.COMMUNICATORS_ONLY)
    return None


def help_message(
    registry: Registry, actor: Actor | None = None, *, not_understood: str | None = None
) -> Message:
    """What this person may do, grouped by who it is for (Kom igång first).

    Each platform shows a command as it is typed there (a slash command, or words).
    """
    communicator = actor is not None and actor.is_communicator
    parts = []
    if not_understood:
        parts.append(texts.common.NOT_UNDERSTOOD.format(text=not_understood[:60]))
    for group, verbs in registry.help_groups(communicator=communicator):
        lines = [f"- **{cmd(verb.name)}** – {verb.help_text}" for verb in verbs]
        parts.append("\n".join([f"**{texts.common.HELP_GROUPS[group.value]}**", *lines]))
    text = "\n\n".join(parts) or texts.common.NO_COMMANDS
    return Message(title=texts.common.HELP_TITLE, text=text)
