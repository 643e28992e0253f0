"""Plain text written to the bot in a DM: the core hears it (a guided application under
way, "nytt konto", a question for the guideline; else help)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot import router
from handlers.slack.context import SlackContext
from handlers.slack.render import message_blocks, plain_text, slack_text


def register(app: AsyncApp, slack: SlackContext) -> None:
    # Only plain messages (no subtype): edits, joins and file shares have their own handling.
    @app.event({"type": "message", "subtype": None})
    async def direct_message(event: dict) -> None:
        text = str(event.get("text") or "").strip()
        if event.get("channel_type") != "im" or event.get("bot_id") or not text:
            return
        # No command reading here: in Slack the commands are slash commands.
        request = router.Say(text)
        reply = await router.handle(slack.core, slack.resolver(event.get("user", "")), request)
        if reply.message is not None:
            out, blocks = plain_text(reply.message), message_blocks(reply.message)
        elif reply.notice:
            out, blocks = slack_text(reply.notice), None
        else:
            return
        await slack.client.chat_postMessage(channel=event["channel"], text=out, blocks=blocks)
