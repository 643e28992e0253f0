"""Events API: the App Home tab, and an acknowledgement for everything else."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncApp

from bot import router, texts
from bot.flows.help import start_message
from handlers.slack.context import SlackContext
from handlers.slack.render import message_blocks

HOME_COMMAND = "mina-konton"
OVERVIEW_COMMAND = "översikt"


def register(app: AsyncApp, slack: SlackContext) -> None:
    @app.event("app_home_opened")
    async def home_opened(event: dict) -> None:
        if event.get("tab", "home") != "home":
            return
        await publish_home(slack, event["user"])


def register_fallback(app: AsyncApp) -> None:
    """Registered last: events nobody handles are still answered 200, so Slack won't retry."""

    @app.event(re.compile(r".*"))
    async def ignore(event: dict) -> None:
        return None


async def publish_home(slack: SlackContext, user_id: str) -> None:
    home = router.Command(HOME_COMMAND)
    reply = await router.handle(slack.core, slack.resolver(user_id), home)
    message = reply.message or router.help_message(slack.core.registry)
    # Every visit starts with the two things people come for, and how an application goes.
    start = start_message(slack.core, texts.common.HOME_TITLE, texts.common.HOME_INTRO)
    blocks = [*message_blocks(start), {"type": "divider"}, *message_blocks(message)]
    # A communicator also sees what waits for the communicators (`översikt`); anyone else
    # gets the command's refusal, which is not shown.
    overview = await router.handle(
        slack.core, slack.resolver(user_id), router.Command(OVERVIEW_COMMAND)
    )
    if overview.message is not None:
        blocks += [{"type": "divider"}, *message_blocks(overview.message)]
    await slack.client.views_publish(user_id=user_id, view={"type": "home", "blocks": blocks})
