"""Teams' settings: the Azure Bot registration, or local mode without authentication."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import SecretStr

from bot.config import EnvSettings, setting
from bot.core import Core


class TeamsSettings(EnvSettings):
    secret_fields: ClassVar[tuple[str, ...]] = ("microsoft_app_password",)

    platform: ClassVar[str] = "teams"
    section: ClassVar[str] = "Microsoft Teams (Azure Bot registration)"

    microsoft_app_id: str = setting(
        "",
        doc="The Azure Bot registration's app id (a GUID). With an app id, every request to "
        "`/api/messages` must carry a valid Bot Framework token.",
        allowed="Azure Bot-registreringens app-id (ett GUID)",
    )
    microsoft_app_password: SecretStr | None = setting(
        doc="The registration's client secret.", allowed="klienthemligheten"
    )
    microsoft_app_tenant_id: str = setting(
        "",
        doc="The tenant id (needed for `SingleTenant`).",
        allowed="klient-id:t för Entra (ett GUID)",
    )
    microsoft_app_type: Literal["SingleTenant", "MultiTenant", "UserAssignedMSI"] = setting(
        "SingleTenant",
        doc="The registration's type.",
        allowed="SingleTenant, MultiTenant eller UserAssignedMSI",
    )
    # Teams without Bot Framework authentication, for a local client (Agents Playground).
    # Only honoured while MICROSOFT_APP_ID is empty; `serve` warns loudly.
    teams_local: bool = setting(
        False,
        doc="`true` runs `/api/messages` **without authentication** while `MICROSOFT_APP_ID` is "
        "empty, listening on 127.0.0.1 unless `HOST` is set — only for local trials "
        "(Agents Playground). Never in production.",
        allowed="true eller false",
    )
    # Where Bot Framework publishes its signing keys (OpenID metadata) and the token issuer.
    # Defaults are Microsoft's public cloud; tests point them at their own keys.
    microsoft_openid_metadata_url: str = setting(
        "",
        doc="Where Bot Framework publishes its signing keys. Leave empty in Microsoft's public "
        "cloud (the tests point it at their own keys).",
        allowed="en https-URL, eller tomt",
    )
    microsoft_token_issuer: str = setting(
        "https://api.botframework.com",
        doc="The Bot Framework token issuer.",
        allowed="en URL",
    )

    @property
    def unauthenticated(self) -> bool:
        """Local mode: `/api/messages` takes requests without a Bot Framework token."""
        return self.teams_local and not self.microsoft_app_id

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
