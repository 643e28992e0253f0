"""The webhooks' settings: Meta's app secret (signatures) and verify token (subscription)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import SecretStr

from bot.config import EnvSettings
from bot.core import Core


class WebhookSettings(EnvSettings):
    secret_fields: ClassVar[tuple[str, ...]] = ("meta_app_secret", "meta_verify_token")

    meta_app_secret: SecretStr | None = None
    meta_verify_token: SecretStr | None = None


def webhook_settings(core: Core) -> WebhookSettings:
    return core.settings.for_platform(WebhookSettings)
