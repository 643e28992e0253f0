"""Bolt listeners, one module per kind, each with `register(app, slack)`."""

from slack_bolt.async_app import AsyncApp

from handlers.slack.context import SlackContext
from handlers.slack.listeners import actions, commands, events, shortcuts, views


def register(app: AsyncApp, slack: SlackContext) -> None:
    for module in (commands, actions, views, shortcuts, events):
        module.register(app, slack)
    events.register_fallback(app)
