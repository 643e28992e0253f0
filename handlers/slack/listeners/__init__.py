"""Bolt listeners, one module per kind, each with `register(app, slack)`."""

from slack_bolt.async_app import AsyncApp

from handlers.slack.context import SlackContext
from handlers.slack.listeners import (
    actions,
    commands,
    events,
    files,
    messages,
    people,
    shortcuts,
    views,
)


def register(app: AsyncApp, slack: SlackContext) -> None:
    # Bolt runs the first listener that matches: specific events before generic ones.
    for module in (commands, actions, views, shortcuts, files, messages, people, events):
        module.register(app, slack)
    events.register_fallback(app)
