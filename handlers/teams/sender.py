"""The outbox's way into Teams: proactive 1:1 messages, the communicators' channel, edits.

A person's 1:1 chat is continued from the reference stored when the bot met them. For
someone the bot has not met, a 1:1 chat is opened in a team where the bot is installed
(`create_conversation`) and remembered. Someone it cannot reach at all is recorded and
reported to the communicators instead of being retried for ever.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

from botbuilder.core import BotAdapter, CardFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ChannelAccount,
    ConversationParameters,
    ConversationReference,
)
from msrest.exceptions import ClientRequestError, HttpOperationError
from sqlmodel import Session

from bot import audit, chat_files, mentions, people
from bot.core import Core
from bot.messages import Message
from bot.platforms import SendError
from handlers.teams import cards, conversations
from storage.models import Person

log = logging.getLogger(__name__)

PERMANENT_STATUSES = {400, 401, 403, 404}
DEFAULT_RETRY_AFTER = 30.0


class TeamsSender:
    platform = "teams"

    def __init__(self, core: Core, adapter: CloudAdapter, app_id: str) -> None:
        self.core = core
        self.adapter = adapter
        self.app_id = app_id

    def can_reach(self, person: Person) -> bool:
        # Anyone known to Teams: if no chat can be opened, send_to_person says so for good.
        return bool(self._member_id(person)) and person.departed_at is None

    def _member_id(self, person: Person) -> str | None:
        """The id a chat with the person is opened by: their Teams id, else their AAD id."""
        if person.id is None:
            return None
        with self.core.session() as session:
            return people.identity_of(session, person.id, "teams") or people.identity_of(
                session, person.id, "aad"
            )

    def has_channel(self, channel: str) -> bool:
        with self.core.session() as session:
            return conversations.find(session, conversations.CHANNEL, channel) is not None

    async def send_to_person(self, person: Person, message: Message, key: str) -> str:
        with self.core.session() as session:
            row = conversations.personal_for(session, person.id) if person.id else None
            teams_id = people.identity_of(session, person.id, "teams") if person.id else None
            if row is None and teams_id:
                row = conversations.find(session, conversations.PERSONAL, teams_id)
            reference = conversations.from_dict(row.reference) if row else None
            stored_key = (row.kind, row.key) if row else None
            teams = conversations.teams(session)
            team_refs = [(t.tenant_id, conversations.from_dict(t.reference)) for t in teams]
            card = self.card(session, message, key, viewer=person.id)
        if reference is not None:
            try:
                return await self._send(reference, message, card)
            except SendError as error:
                if not error.permanent:
                    raise
                # The chat is gone (app removed, chat blocked): forget it, try to open anew.
                log.info("Teams: stored chat refused (%s); opening a new one", error)
                self._forget(stored_key)
        for tenant_id, team_reference in team_refs:
            opened = await self._open_chat(person, tenant_id, team_reference)
            if opened is not None:
                return await self._send(opened, message, card)
        self._record_unreachable(person, message)
        # The outbox tells whoever waits, and the communicators (who may send it again).
        raise SendError(
            "Teams: personen kan inte nås (ingen chatt, inget team)", app_missing="Teams"
        )

    async def send_to_channel(self, channel: str, message: Message, key: str) -> str:
        with self.core.session() as session:
            row = conversations.find(session, conversations.CHANNEL, channel)
            if row is None:
                raise SendError(f"kanalen {channel!r} finns inte i Teams", permanent=True)
            reference = conversations.from_dict(row.reference)
            card = self.card(session, message, key)
        return await self._send(reference, message, card)

    async def find_sent(self, recipient: Person | str, key: str, since: datetime) -> str | None:
        # The Bot Connector cannot list what a conversation holds: a send whose outcome is
        # unknown (a crash inside it) is sent again. At least once; see docs/outbox.md.
        return None

    async def link_to(self, ref: str) -> str | None:
        """A Teams deep link to a message posted in a channel (a personal chat has none)."""
        data = json.loads(ref)
        return deep_link(data["reference"], data.get("activity_id") or "")

    async def update(self, ref: str, message: Message, key: str) -> None:
        data = json.loads(ref)
        reference = conversations.from_dict(data["reference"])
        with self.core.session() as session:
            card = self.card(session, message, key)
        activity = _activity(message, card)
        activity.id = data["activity_id"]

        async def edit(turn: TurnContext) -> None:
            _connector(turn)
            await turn.update_activity(activity)

        await self._continue(reference, edit)

    def card(
        self, session: Session, message: Message, key: str, viewer: int | None = None
    ) -> dict[str, Any]:
        """The card as everyone sees it; the actors get their buttons by refresh.

        Its buttons carry the outbox key, so a press says which message it came from.
        """
        people = mentions.for_message(session, message, ("teams", "aad"))
        files = chat_files.links(
            session, self.core.settings, self.core.now(), key, self.platform, message.attachments
        )
        if not message.actors or (viewer is not None and viewer in message.actors):
            # No one else reads a person's 1:1 chat: its actor gets the buttons at once,
            # also on clients without Universal Actions (no refresh needed).
            return cards.message_card(message, key=key, people=people, files=files)
        return cards.message_card(
            message,
            show_buttons=False,
            refresh_user_ids=teams_ids(session, message.actors),
            key=key,
            people=people,
            files=files,
        )

    async def send_files(self, ref: str, message: Message, key: str) -> None:
        # The card itself shows the pictures and links the files (see `card`).
        return None

    async def _send(
        self, reference: ConversationReference, message: Message, card: dict[str, Any]
    ) -> str:
        sent: dict[str, str] = {}

        async def post(turn: TurnContext) -> None:
            # A new message in the conversation (not a reply to the continuation activity).
            activity = TurnContext.apply_conversation_reference(_activity(message, card), reference)
            activity.reply_to_id = None
            connector = _connector(turn)
            response = await connector.conversations.send_to_conversation(
                activity.conversation.id, activity
            )
            sent["id"] = response.id if response else ""

        await self._continue(reference, post)
        return json.dumps(
            {"reference": conversations.to_dict(reference), "activity_id": sent["id"]}
        )

    async def _open_chat(
        self, person: Person, tenant_id: str | None, team: ConversationReference
    ) -> ConversationReference | None:
        member_id = self._member_id(person)
        parameters = ConversationParameters(
            is_group=False,
            bot=team.bot,
            members=[ChannelAccount(id=member_id)],
            tenant_id=tenant_id,
            channel_data={"tenant": {"id": tenant_id}} if tenant_id else None,
        )
        opened: dict[str, ConversationReference] = {}

        async def remember(turn: TurnContext) -> None:
            opened["reference"] = TurnContext.get_conversation_reference(turn.activity)

        try:
            await self.adapter.create_conversation(
                self.app_id,
                remember,
                parameters,
                team.channel_id or "msteams",
                team.service_url,
                None,
            )
        except HttpOperationError as error:
            status = _status(error)
            if status in PERMANENT_STATUSES:
                log.info("Teams: cannot open a chat in this team (%s)", status)
                return None
            raise _send_error(error) from None
        except (ClientRequestError, OSError) as error:
            raise SendError(f"Teams kunde inte nås: {type(error).__name__}") from None
        reference = opened["reference"]
        reference.user = ChannelAccount(id=member_id)
        with self.core.session() as session:
            conversations.save(
                session,
                conversations.PERSONAL,
                member_id or "",
                reference,
                self.core.now(),
                person_id=person.id,
                tenant_id=tenant_id,
            )
        return reference

    async def _continue(self, reference: ConversationReference, logic) -> None:  # type: ignore[no-untyped-def]
        try:
            await self.adapter.continue_conversation(reference, logic, self.app_id)
        except HttpOperationError as error:
            raise _send_error(error) from None
        except (ClientRequestError, OSError) as error:
            raise SendError(f"Teams kunde inte nås: {type(error).__name__}") from None

    def _forget(self, key: tuple[str, str] | None) -> None:
        if key is None:
            return
        with self.core.session() as session:
            row = conversations.find(session, *key)
            if row is not None:
                session.delete(row)

    def _record_unreachable(self, person: Person, message: Message) -> None:
        with self.core.session() as session:
            audit.record(
                session,
                self.core.now(),
                "teams.unreachable",
                actor_id=None,
                person_id=person.id,
                message=message.title or message.text[:80],
            )


def teams_ids(session: Session, person_ids: list[int]) -> list[str]:
    found = people.people_on(session, "teams", person_ids)
    return [found[person_id] for person_id in person_ids if person_id in found]


def _connector(turn: TurnContext) -> Any:
    """The turn's connector, without msrest's own retries: the outbox retries with backoff
    and Retry-After, instead of a worker thread sleeping through a Teams outage."""
    connector = turn.turn_state[BotAdapter.BOT_CONNECTOR_CLIENT_KEY]
    policy = connector.config.retry_policy.policy  # a urllib3 Retry
    policy.total = 0
    policy.status_forcelist = frozenset()  # a 5xx comes back to us, with its Retry-After
    return connector


def _activity(message: Message, card: dict[str, Any]) -> Activity:
    return Activity(
        type=ActivityTypes.message,
        text=None,
        summary=cards.teams_text(message.plain_text())[:200],
        attachments=[CardFactory.adaptive_card(card)],
    )


def _status(error: HttpOperationError) -> int:
    response = getattr(error, "response", None)
    return int(getattr(response, "status_code", 0) or 0)


def _send_error(error: HttpOperationError) -> SendError:
    status = _status(error)
    response = getattr(error, "response", None)
    if status == 429 or status >= 500:
        header = (getattr(response, "headers", None) or {}).get("Retry-After")
        try:
            retry_after = float(header) if header else DEFAULT_RETRY_AFTER
        except ValueError:
            retry_after = DEFAULT_RETRY_AFTER
        return SendError(f"Teams: HTTP {status}", retry_after=retry_after)
    if status in PERMANENT_STATUSES:
        return SendError(f"Teams: HTTP {status}", permanent=True)
    return SendError(f"Teams: HTTP {status or 'fel'}")


def deep_link(reference: dict[str, Any], activity_id: str) -> str | None:
    """`https://teams.microsoft.com/l/message/<channel id>/<message id>?…`, Microsoft's deep
    link to a channel message; the channel id is the conversation id without its
    `;messageid=` part (a reply thread's root)."""
    conversation = reference.get("conversation") or {}
    conversation_id = str(conversation.get("id") or "")
    if not activity_id or not conversation_id.startswith("19:"):
        return None  # only channel conversations ("19:…@thread…") have message links
    channel_id = conversation_id.split(";", 1)[0]
    query = {"parentMessageId": activity_id}
    tenant = conversation.get("tenantId") or conversation.get("tenant_id")
    if tenant:
        query["tenantId"] = str(tenant)
    return (
        f"https://teams.microsoft.com/l/message/{quote(channel_id, safe='')}/"
        f"{quote(activity_id, safe='')}?{urlencode(query)}"
    )
