"""Slack's settings: the bot token, how Slack reaches us, and the communicators' channel."""

from __future__ import annotations

from typing import ClassVar

from pydantic import SecretStr

from bot.config import EnvSettings, setting
from bot.core import Core


class SlackSettings(EnvSettings):
    secret_fields: ClassVar[tuple[str, ...]] = (
        "slack_bot_token",
        "slack_signing_secret",
        "slack_app_token",
    )

    platform: ClassVar[str] = "slack"
    section: ClassVar[str] = (
        "Slack (HTTP: bot token + signing secret; Socket Mode: bot token + app token)"
    )

    slack_bot_token: SecretStr | None = setting(
        doc="Bot token (`xoxb-…`).", allowed="en bot-token xoxb-…"
    )
    slack_signing_secret: SecretStr | None = setting(
        doc="Verifies every request to `/slack/events`.", allowed="appens signeringshemlighet"
    )
    slack_app_token: SecretStr | None = setting(
        doc="App-level token (`xapp-…`): when set, Slack is reached over Socket Mode.",
        allowed="en app-token xapp-…",
    )
    slack_api_url: str = setting(
        "https://slack.com/api/",
        doc="Web API base URL (tests point it at a fake).",
        allowed="en http(s)-URL som slutar med /",
        pattern=r"^https?://.+/$",
    )
    # The Slack channel where communicators work (id, e.g. C0123ABCD).
    slack_communicators_channel: str | None = setting(
        doc="Channel id of the communicators (escalations, reviews). Its members count as "
        "communicators.",
        allowed="ett kanal-id, t.ex. C0123ABCD",
    )
    slack_rate_scale: float = setting(
        1.0,
        doc="Sending is shaped to Slack's documented rate limits times this; 0 turns shaping "
        "off (a fake Slack in tests, or a Slack grid with raised limits).",
        allowed="ett tal ≥ 0",
        ge=0,
    )

    def missing(self) -> list[str]:
        """What Slack needs and lacks: the bot token, and a way in (HTTP or Socket Mode)."""
        missing = []
        if not self.slack_bot_token:
            missing.append("SLACK_BOT_TOKEN")
        if not self.slack_signing_secret and not self.slack_app_token:
            missing.append("SLACK_SIGNING_SECRET (eller SLACK_APP_TOKEN för Socket Mode)")
        return missing


def slack_settings(core: Core) -> SlackSettings:
    return core.settings.for_platform(SlackSettings)
