"""The bot as tests meet it: the real aiohttp app on loopback, a fake Slack behind it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web

from bot.app import build_registry, create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.outbox.dispatcher import DispatchReport, dispatch_due
from bot.platforms import load_platforms
from bot.registry import Registry
from bot.server import make_app
from bot.sweeps import TickReport, tick
from storage.migrate import upgrade
from tests.fakes.slack_api import FakeSlackApi
from tests.support.slack_requests import SlackRequests

SIGNING_SECRET = "test-signing-secret"
META_APP_SECRET = "test-meta-app-secret"
META_VERIFY_TOKEN = "test-meta-verify-token"
COMMUNICATORS_CHANNEL = "CKOMM"


async def start_site(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


class Harness:
    def __init__(
        self,
        database_url: str,
        fake_slack: FakeSlackApi,
        clock: FixedClock,
        registry: Registry | None = None,
        **overrides: Any,
    ) -> None:
        self.database_url = database_url
        # The bot's verbs; a test may run a registry of its own (fewer sweeps, a test flow).
        self.registry = registry or build_registry()
        self.fake_slack = fake_slack
        self.clock = clock
        self.overrides = overrides
        self.runner: web.AppRunner | None = None
        self.url = ""

    def settings(self) -> Settings:
        values: dict[str, Any] = {
            "database_url": self.database_url,
            "slack_bot_token": "xoxb-test",
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": self.fake_slack.url + "/api/",
            "slack_communicators_channel": COMMUNICATORS_CHANNEL,
            # The fake Slack enforces no limits unless a test says so: send unshaped.
            "slack_rate_scale": 0,
            "meta_app_secret": META_APP_SECRET,
            "meta_verify_token": META_VERIFY_TOKEN,
        }
        values.update(self.overrides)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    async def start(self) -> Harness:
        settings = self.settings()
        upgrade(settings.database_url)
        self.core = create_core(settings, self.clock, self.registry)
        platforms = [p for p in load_platforms() if not p.missing_settings(self.core)]
        self.app = make_app(self.core, platforms, background=False)
        self.runner, self.url = await start_site(self.app)
        self.slack = SlackRequests(self.url, SIGNING_SECRET)
        return self

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None
        self.core.engine.dispose()

    async def restart(self) -> None:
        """A new process on the same database: nothing in memory survives."""
        await self.stop()
        await self.start()

    async def dispatch(self) -> DispatchReport:
        return await dispatch_due(self.core)

    async def tick(self, at: datetime | None = None) -> TickReport:
        if at is not None:
            self.clock.set(at)
        return await tick(self.core)
