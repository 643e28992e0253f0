"""The webhooks' settings: Meta's app secret (signatures) and verify token (subscription)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import SecretStr

from bot.config import EnvSettings, setting
from bot.core import Core


class WebhookSettings(EnvSettings):
    secret_fields: ClassVar[tuple[str, ...]] = ("meta_app_secret", "meta_verify_token")

    platform: ClassVar[str] = "webhooks"
    section: ClassVar[str] = "Meta webhooks (Facebook pages, Instagram)"

    meta_app_secret: SecretStr | None = setting(
        doc="Meta app secret: every delivery to `/webhooks/meta` is checked against "
        "`X-Hub-Signature-256`.",
        allowed="Meta-appens hemlighet",
    )
    meta_verify_token: SecretStr | None = setting(
        doc="The verify token given when subscribing the webhook in Meta.",
        allowed="en valfri hemlig sträng",
    )

    def missing(self) -> list[str]:
        """What the Meta webhooks need; the generic webhook needs nothing here."""
        missing = [
            name
            for name in ("META_APP_SECRET", "META_VERIFY_TOKEN")
            if not getattr(self, name.lower())
        ]
        if missing:
            missing[-1] += " (för /webhooks/meta; /webhooks/comments fungerar ändå)"
        return missing


def webhook_settings(core: Core) -> WebhookSettings:
    return core.settings.for_platform(WebhookSettings)
