"""Microsoft Teams as a platform of the core: CloudAdapter, `/api/messages`, the sender, CLI.

Teams runs when MICROSOFT_APP_ID is set (Bot Framework authentication on), or when
TEAMS_LOCAL=true and no app id is set (authentication off, for the Agents Playground):
`serve` then says loudly that anyone who can reach the port can talk as anyone.

botbuilder takes seconds to import: it is imported only when Teams is attached, so every
other `smbot` command (and a Slack-only installation) starts without it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from aiohttp import web

from bot.core import Core
from handlers.teams.settings import TeamsSettings, teams_settings

if TYPE_CHECKING:
    from botbuilder.integration.aiohttp import CloudAdapter

log = logging.getLogger(__name__)

AUTH_OFF_WARNING = (
    "\n"
    "!!! Teams körs UTAN autentisering (TEAMS_LOCAL=true, MICROSOFT_APP_ID saknas).\n"
    "!!! Vem som helst som når /api/messages kan uppträda som vilken användare som helst.\n"
    "!!! Använd bara lokalt (Agents Playground). Sätt MICROSOFT_APP_ID m.fl. i drift.\n"
)


def bot_framework_configuration(settings: TeamsSettings) -> SimpleNamespace:
    """The names ConfigurationBotFrameworkAuthentication reads, from our settings."""
    password = settings.microsoft_app_password
    config = SimpleNamespace(
        APP_ID=settings.microsoft_app_id or None,
        APP_PASSWORD=password.get_secret_value() if password else None,
        APP_TENANTID=settings.microsoft_app_tenant_id or None,
        # Without an app id only MultiTenant lets the SDK run with authentication off.
        APP_TYPE=settings.microsoft_app_type if settings.microsoft_app_id else "MultiTenant",
    )
    if settings.microsoft_openid_metadata_url:
        from botframework.connector.auth import AuthenticationConstants

        # Someone else's signing keys (tests; a sovereign cloud): every endpoint explicit.
        config.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL = settings.microsoft_openid_metadata_url
        config.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER = settings.microsoft_token_issuer
        config.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL = settings.microsoft_openid_metadata_url
        config.TO_CHANNEL_FROM_BOT_LOGIN_URL = AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL
        config.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE = (
            AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
        )
        config.OAUTH_URL = AuthenticationConstants.OAUTH_URL
        config.VALIDATE_AUTHORITY = True
    return config


def make_adapter(settings: TeamsSettings) -> CloudAdapter:
    from botbuilder.integration.aiohttp import (
        CloudAdapter,
        ConfigurationBotFrameworkAuthentication,
    )

    auth = ConfigurationBotFrameworkAuthentication(bot_framework_configuration(settings))
    return CloudAdapter(auth)


class TeamsPlatform:
    name = "teams"
    is_chat = True

    def missing_settings(self, core: Core) -> list[str]:
        return teams_settings(core).missing()

    def masked_settings(self, core: Core) -> dict[str, str]:
        return teams_settings(core).masked()

    def attach(self, core: Core, app: web.Application | None) -> None:
        from handlers.teams.bot import SmbotTeamsBot
        from handlers.teams.directory import TeamsDirectory
        from handlers.teams.route import make_route
        from handlers.teams.sender import TeamsSender

        settings = teams_settings(core)
        adapter = make_adapter(settings)
        core.register_sender(TeamsSender(core, adapter, settings.microsoft_app_id))
        if app is None:
            return
        auth_required = bool(settings.microsoft_app_id)
        if not auth_required:
            log.warning(AUTH_OFF_WARNING)
            print(AUTH_OFF_WARNING, file=sys.stderr)
        bot = SmbotTeamsBot(core, TeamsDirectory(core))
        app.router.add_post(
            "/api/messages", make_route(core, adapter, bot, auth_required=auth_required)
        )

    def add_cli(self, commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        from handlers.teams.package import add_cli

        add_cli(commands)


platform = TeamsPlatform()
