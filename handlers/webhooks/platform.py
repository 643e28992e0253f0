"""The webhooks as a platform entry point: routes only, no sender (it reaches no one).

It needs no settings to start: the Meta routes answer 503 until META_APP_SECRET and
META_VERIFY_TOKEN are set, and the generic route needs only per-account secrets.
"""

from __future__ import annotations

import argparse

from aiohttp import web

from bot.core import Core
from handlers.webhooks import generic, meta
from handlers.webhooks.settings import webhook_settings


class WebhookPlatform:
    name = "webhooks"
    is_chat = False

    def missing_settings(self, core: Core) -> list[str]:
        return []

    def masked_settings(self, core: Core) -> dict[str, str]:
        return webhook_settings(core).masked()

    def attach(self, core: Core, app: web.Application | None) -> None:
        if app is None:
            return
        verify, receive = meta.make_routes(core)
        app.router.add_get("/webhooks/meta", verify)
        app.router.add_post("/webhooks/meta", receive)
        app.router.add_post("/webhooks/comments", generic.make_route(core))

    def add_cli(self, commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        return None


platform = WebhookPlatform()
