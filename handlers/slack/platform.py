"""Slack as a platform of the core: the bolt app, `/slack/events`, the sender, Socket Mode."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import Core
from bot.outbox.rate import Shaper
from handlers.slack import listeners, people_sync
from handlers.slack.context import SlackContext
from handlers.slack.directory import SlackDirectory
from handlers.slack.listeners import files
from handlers.slack.route import make_route
from handlers.slack.sender import SlackSender, slack_rates
from handlers.slack.settings import slack_settings

log = logging.getLogger(__name__)

SLACK_KEY = web.AppKey("slack", SlackContext)
UPLOADS_GRACE_SECONDS = 30.0


# A 429 asking for at most this many seconds is waited out inside the call; a longer
# Retry-After goes back to the outbox, which reschedules the row instead of blocking.
IN_CALL_RETRY_AFTER_MAX = 5


class ShortRateLimitRetryHandler(AsyncRateLimitErrorRetryHandler):
    async def _can_retry_async(self, *, state, request, response=None, error=None) -> bool:  # type: ignore[no-untyped-def, override]
        if response is None or response.status_code != 429:
            return False
        return _retry_after(response.headers) <= IN_CALL_RETRY_AFTER_MAX


def _retry_after(headers: dict[str, list[str]]) -> float:
    for name, values in headers.items():
        if name.lower() == "retry-after":
            try:
                return float(values[0] if isinstance(values, list) else values)
            except (ValueError, IndexError):
                return 1.0
    return 1.0


def make_client(core: Core) -> AsyncWebClient:
    settings = slack_settings(core)
    token = settings.slack_bot_token
    base_url = settings.slack_api_url.rstrip("/") + "/"
    return AsyncWebClient(
        token=token.get_secret_value() if token else None,
        base_url=base_url,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
            ShortRateLimitRetryHandler(max_retry_count=2),
        ],
    )


def make_bolt_app(slack: SlackContext) -> AsyncApp:
    secret = slack_settings(slack.core).slack_signing_secret
    app = AsyncApp(
        client=slack.client,
        signing_secret=secret.get_secret_value() if secret else "unused-in-socket-mode",
        # Our route verifies before bolt parses; bolt checks again (cheap).
        request_verification_enabled=secret is not None,
        # Listeners finish before the HTTP answer: they are quick (no sending inline),
        # and `ack()` errors for modals need it.
        process_before_response=True,
    )
    listeners.register(app, slack)
    return app


class SlackPlatform:
    name = "slack"
    is_chat = True

    def missing_settings(self, core: Core) -> list[str]:
        return slack_settings(core).missing()

    def masked_settings(self, core: Core) -> dict[str, str]:
        return slack_settings(core).masked()

    def attach(self, core: Core, app: web.Application | None) -> None:
        client = make_client(core)
        slack = SlackContext(core=core, client=client, directory=SlackDirectory(core, client))
        scale = slack_settings(core).slack_rate_scale
        shaper = slack_rates(scale) if scale > 0 else Shaper()
        core.register_sender(SlackSender(core, client, shaper))
        if app is None:
            return
        bolt = make_bolt_app(slack)
        app[SLACK_KEY] = slack
        # Departures missed while the bot was down are found by asking, hourly.
        app.cleanup_ctx.append(people_sync.background(slack))
        app.on_shutdown.append(_finish_uploads)
        settings = slack_settings(core)
        secret = settings.slack_signing_secret
        if secret is not None:
            app.router.add_post("/slack/events", make_route(core, bolt, secret.get_secret_value()))
        if settings.slack_app_token is not None:
            app.cleanup_ctx.append(_socket_mode(bolt, settings.slack_app_token.get_secret_value()))

    def add_cli(self, commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        return None


async def _finish_uploads(app: web.Application) -> None:
    """Files being archived get their chance to finish before the process goes."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(files.settle(), timeout=UPLOADS_GRACE_SECONDS)


def _socket_mode(bolt: AsyncApp, app_token: str):  # type: ignore[no-untyped-def]
    async def run(app: web.Application):  # type: ignore[no-untyped-def]
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(bolt, app_token)
        task = asyncio.create_task(handler.start_async())
        log.info("Slack: Socket Mode is on (SLACK_APP_TOKEN is set)")
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await handler.close_async()

    return run


platform = SlackPlatform()
