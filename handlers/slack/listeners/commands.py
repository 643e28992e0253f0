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
        name = command["command"].lstrip("/")
        who = await slack.directory.resolve(command["user_id"])
        with slack.core.session() as session:
            actor = who.actor(session)
            reply = router.dispatch_command(
                slack.core, session, actor, name, command.get("text", "")
            )
        if reply.form is not None:
            # The trigger_id lives 3 s: acknowledge, then open the modal at once.
            await ack()
            await slack.open_form(command["trigger_id"], reply.form)
        elif reply.message is not None:
            await ack(text=plain_text(reply.message), blocks=message_blocks(reply.message))
        else:
            await ack(text=slack_text(reply.notice or ""))
