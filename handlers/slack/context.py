"""What every Slack listener needs: the core, the Web API client and the directory."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.web.async_client import AsyncWebClient

from bot import people
from bot.core import Core
from bot.messages import Form
from bot.router import Reply, Resolve, Who
from handlers.slack.directory import SlackDirectory
from handlers.slack.render import message_blocks, modal_view, plain_text, slack_text


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

    async def open_form(self, trigger_id: str, form: Form) -> None:
        await self.client.views_open(trigger_id=trigger_id, view=self.modal(form))

    def modal(self, form: Form) -> dict:
        return modal_view(form, self._slack_ids(form))

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

    async def tell(self, user_id: str, reply: Reply, channel: str | None = None) -> None:
        """Show a reply's notice or message to one user: ephemeral where they are, else a DM."""
        if reply.message is not None:
            text, blocks = plain_text(reply.message), message_blocks(reply.message)
        elif reply.notice:
            text, blocks = slack_text(reply.notice), None
        else:
            return
        if channel and channel.startswith("D") and reply.message is not None:
            # A message answering a press in the person's DM with the bot (a guided
            # application's next question) stays in the conversation; notices stay private.
            await self.client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        elif channel:
            await self.client.chat_postEphemeral(
                channel=channel, user=user_id, text=text, blocks=blocks
            )
        else:
            await self.client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
