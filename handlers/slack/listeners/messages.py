"""Plain text written to the bot in a DM: a question is answered from the guideline."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot import router
from bot.guideline.answers import looks_like_question
from handlers.slack.context import SlackContext
from handlers.slack.render import message_blocks, plain_text, slack_text

GUIDELINE = "riktlinjer"
HELP = "hjälp"


def register(app: AsyncApp, slack: SlackContext) -> None:
    # Only plain messages (no subtype): edits, joins and file shares have their own handling.
    @app.event({"type": "message", "subtype": None})
    async def direct_message(event: dict) -> None:
        text = str(event.get("text") or "").strip()
        if event.get("channel_type") != "im" or event.get("bot_id") or not text:
            return
        request = (
            router.Command(GUIDELINE, text)
            if looks_like_question(text)
            else router.Command(HELP, "")
        )
        reply = await router.handle(slack.core, slack.resolver(event.get("user", "")), request)
        if reply.message is not None:
            out, blocks = plain_text(reply.message), message_blocks(reply.message)
        else:
            out, blocks = slack_text(reply.notice or ""), None
        await slack.client.chat_postMessage(channel=event["channel"], text=out, blocks=blocks)
