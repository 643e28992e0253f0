"""Slack's settings: the bot token, how Slack reaches us, and the communicators' channel."""

from __future__ import annotations

from typing import ClassVar

from pydantic import SecretStr

from bot.config import EnvSettings
from bot.core import Core


class SlackSettings(EnvSettings):
    secret_fields: ClassVar[tuple[str, ...]] = (
        "slack_bot_token",
        "slack_signing_secret",
        "slack_app_token",
    )

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    # The Slack channel where communicators work (id, e.g. C0123ABCD).
    slack_communicators_channel: str | None = None
    # Sending is shaped to Slack's documented rate limits times this; 0 turns shaping off
    # (for a fake Slack in tests, or a Slack grid with raised limits).
    slack_rate_scale: float = 1.0

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
