"""The outbox's way into Slack: DMs, the communicators' channel, and edits in place.

Each message carries its outbox key as Slack message metadata (`smbot_outbox`), so a
message whose fate is in doubt after a crash is found in the conversation's history
(`find_sent`) instead of being posted twice. Calls are shaped to Slack's documented
rate limits (`SLACK_RATES`) so 429s stay the exception.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator
from datetime import datetime

import aiohttp
from aiohttp import ClientConnectorError, ClientError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import mentions, people
from bot.core import Core
from bot.markup import People
from bot.messages import Message
from bot.outbox.rate import Rate, Shaper
from bot.platforms import COMMUNICATORS, SendError
from handlers.slack import uploads
from handlers.slack.errors import error_code
from handlers.slack.render import message_blocks, message_ref, parse_ref, plain_text
from handlers.slack.settings import slack_settings
from storage.models import Person

log = logging.getLogger(__name__)

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
    "cannot_dm_bot",
}
# Errors that say the person cannot be reached at all: no message to them will arrive.
UNDELIVERABLE_ERRORS = {"user_not_found", "account_inactive", "user_disabled", "cannot_dm_bot"}
METADATA_EVENT = "smbot_outbox"
# Pages of history read when looking for a message in doubt (200 messages a page).
HISTORY_PAGES = 5
DM_CACHE_SIZE = 50_000
# How long a person's Slack id is trusted before it is read again (an identity linked or
# removed meanwhile is seen within this time).
SLACK_ID_TTL_SECONDS = 300.0


def slack_rates(scale: float = 1.0) -> Shaper:
    """Slack's documented limits (api.slack.com/apis/rate-limits), `scale` times faster.

    chat.postMessage: about one a second per channel, short bursts allowed, and a
    workspace-wide limit of several hundred a minute; the others are Tier 3 (50+ a minute).
    """
    tier3 = Rate(50 / 60 * scale, burst=5)
    return Shaper(
        per_method={
            "chat_postMessage": Rate(300 / 60 * scale, burst=10),
            "chat_update": tier3,
            "conversations_open": tier3,
            "conversations_history": tier3,
            # Tier 4 (100+ a minute); a report or the register brings a few files at a time.
            "files_getUploadURLExternal": Rate(100 / 60 * scale, burst=5),
            "files_completeUploadExternal": Rate(100 / 60 * scale, burst=5),
            "files_info": Rate(100 / 60 * scale, burst=5),
        },
        per_channel={"chat_postMessage": Rate(1.0 * scale, burst=3)},
    )


class SlackSender:
    platform = "slack"

    def __init__(self, core: Core, client: AsyncWebClient, shaper: Shaper | None = None) -> None:
        self.core = core
        self.client = client
        self.shaper = shaper or slack_rates()
        # A person's DM channel never changes: opened once per process, not per message.
        self._dm_channels: dict[str, str] = {}
        # Person id -> (Slack id or None, when read): a morning's DMs read each person's
        # identity once, not twice a message (a session each); re-read after a while.
        self._slack_ids: dict[int, tuple[str, float]] = {}
        # The HTTP session kept open while the outbox sends (`connections`), and its users.
        self._http: aiohttp.ClientSession | None = None
        self._http_users = 0

    @contextlib.asynccontextmanager
    async def connections(self) -> AsyncIterator[None]:
        """Keep HTTP connections to Slack open while the outbox sends: one connection (and
        TLS handshake) for a morning of messages, not one a message (slack_sdk opens a
        session per call unless it is given one). Nested users share it; the last closes it."""
        if self._http is None:
            # No cap on connections (aiohttp's default is 100): the shaper sets the pace,
            # and a slow Slack must not make calls queue for a connection inside their timeout.
            self._http = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.client.timeout),
                connector=aiohttp.TCPConnector(limit=0),
            )
            self.client.session = self._http
        self._http_users += 1
        try:
            yield
        finally:
            self._http_users -= 1
            if not self._http_users and self._http is not None:
                session, self._http = self._http, None
                self.client.session = None
                await session.close()

    def can_reach(self, person: Person) -> bool:
        return bool(self._slack_id(person)) and person.departed_at is None

    def _slack_id(self, person: Person) -> str | None:
        if person.id is None:
            return None
        now = time.monotonic()
        cached = self._slack_ids.get(person.id)
        if cached is not None and now - cached[1] < SLACK_ID_TTL_SECONDS:
            return cached[0]
        with self.core.session() as session:
            found = people.identity_of(session, person.id, "slack")
        if found is None:
            return None  # not kept: a person linked to Slack a moment later is reached
        if len(self._slack_ids) >= DM_CACHE_SIZE:
            self._slack_ids.clear()
        self._slack_ids[person.id] = (found, now)
        return found

    def has_channel(self, channel: str) -> bool:
        return channel == COMMUNICATORS and bool(
            slack_settings(self.core).slack_communicators_channel
        )

    async def send_to_person(self, person: Person, message: Message, key: str) -> str:
        return await self._post(await self._dm_channel(person), message, key)

    async def send_to_channel(self, channel: str, message: Message, key: str) -> str:
        return await self._post(self._channel(channel), message, key)

    async def find_sent(self, recipient: Person | str, key: str, since: datetime) -> str | None:
        channel = (
            await self._dm_channel(recipient)
            if isinstance(recipient, Person)
            else self._channel(recipient)
        )
        cursor = ""
        for _ in range(HISTORY_PAGES):
            page = await self._call(
                "conversations_history",
                channel=channel,
                oldest=f"{since.timestamp():.6f}",
                include_all_metadata=True,
                limit=200,
                cursor=cursor or None,
            )
            for found in page.get("messages") or []:
                metadata = found.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if metadata.get("event_type") == METADATA_EVENT and payload.get("key") == key:
                    return message_ref(channel, found["ts"])
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or ""
            if not cursor:
                break
        return None

    async def _dm_channel(self, person: Person) -> str:
        slack_id = self._slack_id(person)
        if not slack_id:
            raise SendError("Slack: personen saknar Slack-id", undeliverable=True)
        channel = self._dm_channels.get(slack_id)
        if channel is None:
            opened = await self._call("conversations_open", users=slack_id)
            channel = opened["channel"]["id"]
            if len(self._dm_channels) >= DM_CACHE_SIZE:
                self._dm_channels.clear()
            self._dm_channels[slack_id] = channel
        return channel

    def _channel(self, channel: str) -> str:
        slack_channel = slack_settings(self.core).slack_communicators_channel
        if channel != COMMUNICATORS or not slack_channel:
            raise SendError(f"kanalen {channel!r} finns inte i Slack", permanent=True)
        return slack_channel

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

    async def link_to(self, ref: str) -> str | None:
        """Slack's permalink to the message (`chat.getPermalink`), None if Slack will not say."""
        channel, ts = parse_ref(ref)
        try:
            answer = await self._call("chat_getPermalink", channel=channel, message_ts=ts)
        except SendError as error:
            log.info("no permalink for a message in %s: %s", channel, error)
            return None
        permalink = answer.get("permalink")
        if isinstance(permalink, str) and permalink.startswith("https://"):
            return permalink
        return None

    async def send_files(self, ref: str, message: Message, key: str) -> None:
        """The files right after the message, in the same conversation (pictures inline)."""
        channel, _ = parse_ref(ref)
        await uploads.send_files(self.core, self._call, channel, message, key)

    def _people(self, message: Message) -> People:
        """Mentions as `<@U…>`: the people a message names, with their Slack ids."""
        if not mentions.mentioned_ids(message):
            return lambda person_id: None  # most messages name nobody: no session
        with self.core.session() as session:
            return mentions.for_message(session, message, ("slack",))

    async def _post(self, channel: str, message: Message, key: str) -> str:
        people = self._people(message)
        posted = await self._call(
            "chat_postMessage",
            channel=channel,
            text=plain_text(message, people),
            blocks=message_blocks(message, people),
            unfurl_links=False,
            metadata={"event_type": METADATA_EVENT, "event_payload": {"key": key}},
        )
        return message_ref(posted["channel"], posted["ts"])

    async def _call(self, method: str, **kwargs):  # type: ignore[no-untyped-def]
        await self.shaper.acquire(method, str(kwargs.get("channel") or ""))
        try:
            return await getattr(self.client, method)(**kwargs)
        except SlackApiError as error:
            raise _send_error(error) from None
        except ClientConnectorError as error:
            # Never connected: the request cannot have reached Slack.
            raise SendError(f"Slack kunde inte nås: {type(error).__name__}") from None
        except (ClientError, TimeoutError) as error:
            # Sent, but no answer: Slack may have acted on it.
            raise SendError(
                f"Slack kunde inte nås: {type(error).__name__}", maybe_sent=True
            ) from None


def _send_error(error: SlackApiError) -> SendError:
    response = error.response
    code = error_code(error)
    if response.status_code == 429:
        retry_after = float(response.headers.get("Retry-After", 30) or 30)
        return SendError("Slack: rate limited", retry_after=retry_after)
    if code in UNDELIVERABLE_ERRORS:
        return SendError(f"Slack: {code}", undeliverable=True)
    if code in PERMANENT_ERRORS:
        return SendError(f"Slack: {code}", permanent=True)
    # A 5xx may come after Slack acted on the call (a proxy's timeout): look before resending.
    return SendError(
        f"Slack: {code or response.status_code}", maybe_sent=response.status_code >= 500
    )
