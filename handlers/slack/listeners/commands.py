"""Slash commands: `/nytt-konto` → the core's `nytt-konto` command, and so on."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import router
from handlers.slack.context import SlackContext
from handlers.slack.render import message_blocks, plain_text, slack_text


def register(app: AsyncApp, slack: SlackContext) -> None:
    @app.command(re.compile(r"^/.+"))
    async def any_command(ack: AsyncAck, command: dict) -> None:
        request = router.Command(command["command"].lstrip("/"), command.get("text", ""))
        reply = await router.handle(slack.core, slack.resolver(command["user_id"]), request)
        if reply.form is not None:
            # The trigger_id lives 3 s: acknowledge, then open the modal at once.
            await ack()
            await slack.open_form(command["trigger_id"], reply.form, command.get("channel_id"))
        elif reply.message is not None:
            await ack(text=plain_text(reply.message), blocks=message_blocks(reply.message))
        else:
            await ack(text=slack_text(reply.notice or ""))
