"""Plain text written to the bot in a DM: the core hears it (a guided application under
way, "nytt konto", a question for the guideline; else help)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot import router
from handlers.slack.context import SlackContext


def register(app: AsyncApp, slack: SlackContext) -> None:
    # Only plain messages (no subtype): edits, joins and file shares have their own handling.
    @app.event({"type": "message", "subtype": None})
    async def direct_message(event: dict) -> None:
        text = str(event.get("text") or "").strip()
        if event.get("channel_type") != "im" or event.get("bot_id") or not text:
            return
        # No command reading here: in Slack the commands are slash commands.
        request = router.Say(text)
        user_id = str(event.get("user") or "")
        reply = await router.handle(slack.core, slack.resolver(user_id), request)
        # Through the outbox, keyed by the message answered: a retried event answers once.
        key = f"slack-answer:{event.get('channel')}:{event.get('ts')}"
        await slack.tell(user_id, reply, key)
