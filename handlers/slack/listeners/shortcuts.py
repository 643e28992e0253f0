"""Shortcuts (global and message): `callback_id` → the core command of that name.

`registrera_kommentar` → core command `registrera-kommentar` (underscores become dashes,
since Slack callback ids cannot hold dashes in some tools). A message shortcut hands the
message's text to the command; a global shortcut hands it nothing.
"""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import router
from handlers.slack.context import SlackContext, answer_key


def command_name(callback_id: str) -> str:
    return callback_id.replace("_", "-")


def register(app: AsyncApp, slack: SlackContext) -> None:
    @app.shortcut(re.compile(r".+"))
    async def any_shortcut(ack: AsyncAck, body: dict) -> None:
        await ack()
        user_id = body["user"]["id"]
        message = body.get("message") or {}
        text = message.get("text", "") if isinstance(message, dict) else ""
        request = router.Command(command_name(body.get("callback_id", "")), text)
        reply = await router.handle(slack.core, slack.resolver(user_id), request)
        if reply.form is not None:
            await slack.open_form(body["trigger_id"], reply.form)
        # A DM: the bot need not be a member of the channel the message is in.
        await slack.tell(user_id, reply, answer_key(body))
