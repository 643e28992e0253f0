"""Button presses: every `action_id` is `<core action>|<n>`, handed to the core."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import router
from handlers.slack.context import SlackContext, answer_key
from handlers.slack.listeners.events import publish_home
from handlers.slack.render import action_name


def register(app: AsyncApp, slack: SlackContext) -> None:
    @app.action(re.compile(r".+"))
    async def any_button(ack: AsyncAck, body: dict, action: dict) -> None:
        await ack()
        user_id = body["user"]["id"]
        press = router.Press(action_name(action["action_id"]), action.get("value", ""))
        reply = await router.handle(slack.core, slack.resolver(user_id), press)
        channel = (body.get("channel") or {}).get("id")
        if reply.form is not None:
            await slack.open_form(body["trigger_id"], reply.form, channel)
        await slack.tell(user_id, reply, answer_key(body), channel)
        if (body.get("view") or {}).get("type") == "home":
            # A press on the App Home: show the tab as it is now (the step is done).
            await publish_home(slack, user_id)
