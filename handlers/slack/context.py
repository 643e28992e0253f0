"""What every Slack listener needs: the core, the Web API client and the directory."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import deliveries, people
from bot.core import Core
from bot.messages import Form, Message
from bot.outbox.dispatcher import send_now
from bot.outbox.queue import enqueue_answer
from bot.router import Reply, Resolve, Who
from handlers.slack.directory import SlackDirectory
from handlers.slack.errors import error_code
from handlers.slack.render import message_blocks, modal_view, plain_text, slack_text

log = logging.getLogger(__name__)


def answer_key(body: dict) -> str:
    """The outbox key of the answer to one interaction: Slack's trigger_id is unique to it."""
    trigger = body.get("trigger_id")
    if isinstance(trigger, str) and trigger:
        return f"slack-answer:{trigger[:200]}"
    return f"slack-answer:{uuid.uuid4()}"  # nothing to de-duplicate against


@dataclass
class SlackContext:
    core: Core
    client: AsyncWebClient
    directory: SlackDirectory

    def resolver(self, user_id: str) -> Resolve:
        """How the core finds out who a Slack user is (a directory look-up, maybe over the API)."""

        async def resolve() -> Who:
            return await self.directory.resolve(user_id)

        return resolve

    async def open_form(self, trigger_id: str, form: Form, channel: str | None = None) -> None:
        """Open a modal; opened from a channel (not the DM), its answer is shown there."""
        origin = channel if channel and not channel.startswith("D") else None
        await self.client.views_open(trigger_id=trigger_id, view=self.modal(form, origin))

    def modal(self, form: Form, channel: str | None = None) -> dict:
        return modal_view(form, self._slack_ids(form), channel)

    def _slack_ids(self, form: Form) -> dict[int, str]:
        wanted: set[int] = set()
        for field in form.fields:
            if field.kind in ("user", "users") and field.initial:
                values = field.initial if isinstance(field.initial, list) else [field.initial]
                wanted.update(int(v) for v in values if str(v).isdigit())
        if not wanted:
            return {}
        with self.core.session() as session:
            return people.people_on(session, "slack", wanted)

    async def tell(self, user_id: str, reply: Reply, key: str, channel: str | None = None) -> None:
        """Show a reply's notice or message to one user: ephemeral where they are, else a DM.

        The DM goes through the outbox under `key` (from the interaction), so a Slack outage
        at this moment delays it instead of losing it. An ephemeral note cannot be sent
        later (Slack shows it only to someone in the channel, now): it is tried at once,
        and when Slack does not take it the same words follow as a DM through the outbox.
        """
        if reply.message is not None:
            message = reply.message
        elif reply.notice:
            message = Message(text=reply.notice)
        else:
            return
        # A message answering a press in the person's DM with the bot (a guided
        # application's next question) stays in that conversation; notices stay private.
        in_dm = bool(channel) and channel.startswith("D") and reply.message is not None
        if channel and not in_dm and await self._ephemeral(channel, user_id, reply):
            return
        await self.answer(user_id, key, message)

    async def _ephemeral(self, channel: str, user_id: str, reply: Reply) -> bool:
        if reply.message is not None:
            text, blocks = plain_text(reply.message), message_blocks(reply.message)
        else:
            text, blocks = slack_text(reply.notice or ""), None
        try:
            await self.client.chat_postEphemeral(
                channel=channel, user=user_id, text=text, blocks=blocks
            )
        except SlackApiError as error:
            log.warning("ephemeral notice failed (%s); sent as a DM", error_code(error))
            return False
        except (ClientError, TimeoutError) as error:
            log.warning("ephemeral notice failed (%s); sent as a DM", type(error).__name__)
            return False
        return True

    async def answer(self, user_id: str, key: str, message: Message) -> None:
        """A DM to the user through the outbox, sent at once if Slack takes it.

        Marks the delivery being handled, if any, in the same transaction as the enqueue.
        """
        with self.core.session() as session:
            deliveries.mark_handled(session, self.core, deliveries.current.get())
            person = people.find_by_identity(session, "slack", user_id)
            if person is None or person.id is None:
                log.warning("no person for Slack user %s; answer dropped", user_id[:40])
                return
            enqueue_answer(session, self.core, key, person.id, "slack", message)
        await send_now(self.core, key)
