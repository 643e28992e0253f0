"""Plain text written to the bot in a DM: a question is answered from the guideline."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot import router
from bot.guideline.answers import looks_like_question
from handlers.slack.context import SlackContext

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
        user_id = str(event.get("user") or "")
        reply = await router.handle(slack.core, slack.resolver(user_id), request)
        # Keyed by the message answered: a retried event enqueues no second answer.
        key = f"slack-answer:{event.get('channel')}:{event.get('ts')}"
        await slack.tell(user_id, reply, key)
