"""Teams' settings: the Azure Bot registration, or local mode without authentication."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import SecretStr

from bot.config import EnvSettings
from bot.core import Core


class TeamsSettings(EnvSettings):
    secret_fields: ClassVar[tuple[str, ...]] = ("microsoft_app_password",)

    microsoft_app_id: str = ""
    microsoft_app_password: SecretStr | None = None
    microsoft_app_tenant_id: str = ""
    microsoft_app_type: Literal["SingleTenant", "MultiTenant", "UserAssignedMSI"] = "SingleTenant"
    # Teams without Bot Framework authentication, for a local client (Agents Playground).
    # Only honoured while MICROSOFT_APP_ID is empty; `serve` warns loudly.
    teams_local: bool = False
    # Where Bot Framework publishes its signing keys (OpenID metadata) and the token issuer.
    # Defaults are Microsoft's public cloud; tests point them at their own keys.
    microsoft_openid_metadata_url: str = ""
    microsoft_token_issuer: str = "https://api.botframework.com"

    def missing(self) -> list[str]:
        if not self.microsoft_app_id:
            if self.teams_local:
                return []
            return [
                "MICROSOFT_APP_ID (eller TEAMS_LOCAL=true för lokal provkörning utan inloggning)"
            ]
        missing = []
        if self.microsoft_app_type != "UserAssignedMSI" and not self.microsoft_app_password:
            missing.append("MICROSOFT_APP_PASSWORD")
        if self.microsoft_app_type != "MultiTenant" and not self.microsoft_app_tenant_id:
            missing.append("MICROSOFT_APP_TENANT_ID")
        return missing


def teams_settings(core: Core) -> TeamsSettings:
    return core.settings.for_platform(TeamsSettings)
