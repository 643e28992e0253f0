"""One Teams turn: a message, a card action, an install. Translate, call the core, answer."""

from __future__ import annotations

import logging

from botbuilder.core import TurnContext
from botbuilder.schema import ActivityTypes

from bot import audit, router
from bot.core import Core
from bot.flows.help import start_message
from bot.outbox import enqueue_to_person
from bot.platforms import COMMUNICATORS
from handlers.teams import cards, commands, conversations, files, replies
from handlers.teams import texts as teams_texts
from handlers.teams.actions import CardActions
from handlers.teams.directory import TeamsDirectory

log = logging.getLogger(__name__)

CARD_ACTION_INVOKE = "adaptiveCard/action"
INSTALL_ACTIONS = ("add", "add-upgrade")


class SmbotTeamsBot:
    def __init__(self, core: Core, directory: TeamsDirectory) -> None:
        self.core = core
        self.directory = directory
        self.actions = CardActions(core, directory)

    async def on_turn(self, turn: TurnContext) -> None:
        kind = turn.activity.type
        if kind == ActivityTypes.message:
            await self._message(turn)
        elif kind == ActivityTypes.invoke:
            await self._invoke(turn)
        elif _installs_bot(turn):
            await self._installed(turn)

    # ---- messages ------------------------------------------------------------------------

    async def _message(self, turn: TurnContext) -> None:
        activity = turn.activity
        if isinstance(activity.value, dict) and activity.value.get(cards.KIND):
            # Action.Submit from a client without Universal Actions.
            await replies.answer_fallback(turn, await self.actions.handle(turn, activity.value))
            return
        text = activity.text or ""
        if commands.is_register_channel(text):
            await self._register_channel(turn)
            return
        if not conversations.is_personal(turn.activity):
            name, _ = commands.parse(text, self.core.registry)
            if name != commands.HELP:
                await replies.send_text(turn, teams_texts.NOT_IN_CHANNEL)
                return
        else:
            await self._remember_chat(turn)
        refs = (
            files.file_refs(activity.attachments)
            if conversations.is_personal(turn.activity)
            else []
        )
        if refs:
            await self._files(turn, refs)
            return
        request: router.Request
        if conversations.is_personal(turn.activity):
            # The personal chat is a conversation: the core hears the words (a guided
            # application under way, a question) before reading them as a command.
            found = commands.match(text, self.core.registry)
            command = router.Command(*found) if found else None
            request = router.Say(commands.normalise_text(text), command)
        else:
            name, rest = commands.parse(text, self.core.registry)
            request = router.Command(name, rest)
        await self._reply(
            turn, await router.handle(self.core, self.directory.resolver(turn), request)
        )

    async def _reply(self, turn: TurnContext, reply: router.Reply) -> None:
        if reply.form is not None:
            card = await self.actions.form_card(turn, reply.form)
            await replies.send_card(turn, card, reply.form.title)
        if reply.message is not None:
            await replies.send_card(
                turn, cards.message_card(reply.message), reply.message.plain_text()
            )
        elif reply.notice:
            await replies.send_text(turn, reply.notice)

    async def _files(self, turn: TurnContext, refs: list[files.FileRef]) -> None:
        limit = self.core.settings.documentation_max_upload_bytes
        downloaded, failed = await files.download(turn, refs, limit)
        for name in failed:
            await replies.send_text(turn, teams_texts.FILE_DOWNLOAD_FAILED.format(name=name))
        if not downloaded:
            return
        upload = router.Upload(downloaded)
        await self._reply(
            turn, await router.handle(self.core, self.directory.resolver(turn), upload)
        )

    # ---- card actions --------------------------------------------------------------------

    async def _invoke(self, turn: TurnContext) -> None:
        if turn.activity.name != CARD_ACTION_INVOKE:
            await replies.invoke_response(turn, {})
            return
        value = turn.activity.value if isinstance(turn.activity.value, dict) else {}
        action = value.get("action") if isinstance(value.get("action"), dict) else {}
        data = action.get("data") if isinstance(action.get("data"), dict) else {}
        await replies.invoke_response(turn, await self.actions.handle(turn, data))

    # ---- installs and the communicators' channel -----------------------------------------

    async def _installed(self, turn: TurnContext) -> None:
        activity = turn.activity
        team_id = conversations.team_of(activity)
        if conversations.is_personal(turn.activity):
            person_id = await self._remember_chat(turn)
            with self.core.session() as session:
                enqueue_to_person(
                    session,
                    self.core,
                    f"teams-welcome:{person_id}",
                    person_id,
                    start_message(self.core, teams_texts.WELCOME_TITLE, teams_texts.WELCOME),
                )
        elif team_id:
            reference = conversations.reference_of(activity)
            reference.conversation.id = conversations.channel_conversation_id(
                activity.conversation.id
            )
            with self.core.session() as session:
                conversations.save(
                    session,
                    conversations.TEAM,
                    team_id,
                    reference,
                    self.core.now(),
                    team_id=team_id,
                    tenant_id=conversations.tenant_of(activity),
                )

    async def _remember_chat(self, turn: TurnContext) -> int:
        """Store the 1:1 chat's reference so the bot can write later; returns the person id."""
        activity = turn.activity
        who = await self.directory.resolve(turn)
        with self.core.session() as session:
            conversations.save(
                session,
                conversations.PERSONAL,
                activity.from_property.id,
                conversations.reference_of(activity),
                self.core.now(),
                person_id=who.person_id,
                tenant_id=conversations.tenant_of(activity),
            )
        return who.person_id

    async def _register_channel(self, turn: TurnContext) -> None:
        activity = turn.activity
        team_id = conversations.team_of(activity)
        if conversations.is_personal(turn.activity) or not team_id:
            await replies.send_text(turn, teams_texts.CHANNEL_COMMAND_ONLY_IN_CHANNEL)
            return
        who = await self.directory.resolve(turn)
        with self.core.session() as session:
            actor = who.actor(session)
            if not actor.is_communicator:
                allowed = False
            else:
                allowed = True
                reference = conversations.reference_of(activity)
                reference.conversation.id = conversations.channel_conversation_id(
                    activity.conversation.id
                )
                conversations.save(
                    session,
                    conversations.CHANNEL,
                    COMMUNICATORS,
                    reference,
                    self.core.now(),
                    team_id=team_id,
                    tenant_id=conversations.tenant_of(activity),
                )
                audit.record(
                    session,
                    self.core.now(),
                    "teams.communicators_channel",
                    actor_id=actor.id,
                    channel=reference.conversation.id,
                    team=team_id,
                )
        await replies.send_text(
            turn, teams_texts.CHANNEL_REGISTERED if allowed else teams_texts.CHANNEL_NOT_ALLOWED
        )


def _installs_bot(turn: TurnContext) -> bool:
    """The bot was added: to a 1:1 chat, a team or a group chat."""
    activity = turn.activity
    if activity.type == ActivityTypes.installation_update:
        return (activity.action or "add") in INSTALL_ACTIONS
    if activity.type == ActivityTypes.conversation_update:
        return any(m.id == activity.recipient.id for m in activity.members_added or [])
    return False
