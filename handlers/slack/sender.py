"""The outbox's way into Slack: DMs, the communicators' channel, and edits in place.

Slack tells a press's message by its channel and ts, so the outbox key is not carried.
"""

from __future__ import annotations

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import mentions, people
from bot.core import Core
from bot.markup import People
from bot.messages import Message
from bot.platforms import COMMUNICATORS, SendError
from handlers.slack.errors import error_code
from handlers.slack.render import message_blocks, message_ref, parse_ref, plain_text
from handlers.slack.settings import slack_settings
from storage.models import Person

# Slack errors that will not get better by trying again.
PERMANENT_ERRORS = {
    "channel_not_found",
    "user_not_found",
    "account_inactive",
    "user_disabled",
    "is_archived",
    "not_in_channel",
    "invalid_blocks",
    "msg_too_long",
    "cant_update_message",
    "message_not_found",
    "invalid_auth",
    "not_authed",
    "token_revoked",
}


class SlackSender:
    platform = "slack"

    def __init__(self, core: Core, client: AsyncWebClient) -> None:
        self.core = core
        self.client = client

    def can_reach(self, person: Person) -> bool:
        return bool(self._slack_id(person)) and person.departed_at is None

    def _slack_id(self, person: Person) -> str | None:
        with self.core.session() as session:
            return people.identity_of(session, person.id, "slack") if person.id else None

    def has_channel(self, channel: str) -> bool:
        return channel == COMMUNICATORS and bool(
            slack_settings(self.core).slack_communicators_channel
        )

    async def send_to_person(self, person: Person, message: Message, key: str) -> str:
        slack_id = self._slack_id(person)
        assert slack_id
        opened = await self._call("conversations_open", users=slack_id)
        return await self._post(opened["channel"]["id"], message)

    async def send_to_channel(self, channel: str, message: Message, key: str) -> str:
        slack_channel = slack_settings(self.core).slack_communicators_channel
        if channel != COMMUNICATORS or not slack_channel:
            raise SendError(f"kanalen {channel!r} finns inte i Slack", permanent=True)
        return await self._post(slack_channel, message)

    async def update(self, ref: str, message: Message, key: str) -> None:
        channel, ts = parse_ref(ref)
        people = self._people(message)
        await self._call(
            "chat_update",
            channel=channel,
            ts=ts,
            text=plain_text(message, people),
            blocks=message_blocks(message, people),
        )

    def _people(self, message: Message) -> People:
        """Mentions as `<@U…>`: the people a message names, with their Slack ids."""
        with self.core.session() as session:
            return mentions.for_message(session, message, ("slack",))

    async def _post(self, channel: str, message: Message) -> str:
        people = self._people(message)
        posted = await self._call(
            "chat_postMessage",
            channel=channel,
            text=plain_text(message, people),
            blocks=message_blocks(message, people),
            unfurl_links=False,
        )
        return message_ref(posted["channel"], posted["ts"])

    async def _call(self, method: str, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return await getattr(self.client, method)(**kwargs)
        except SlackApiError as error:
            raise _send_error(error) from None
        except (ClientError, TimeoutError) as error:
            raise SendError(f"Slack kunde inte nås: {type(error).__name__}") from None


def _send_error(error: SlackApiError) -> SendError:
    response = error.response
    code = error_code(error)
    if response.status_code == 429:
        retry_after = float(response.headers.get("Retry-After", 30) or 30)
        return SendError("Slack: rate limited", retry_after=retry_after)
    if code in PERMANENT_ERRORS:
        return SendError(f"Slack: {code}", permanent=True)
    return SendError(f"Slack: {code or response.status_code}")
