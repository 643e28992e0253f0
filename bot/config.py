"""Settings from the environment and `.env` (DESIGN.md §4 names them)."""

from __future__ import annotations

from datetime import date, time
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

SECRET_FIELDS = (
    "slack_bot_token",
    "slack_signing_secret",
    "slack_app_token",
    "microsoft_app_password",
    "meta_app_secret",
    "meta_verify_token",
)


def _split_csv(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    # env_ignore_empty: `SLACK_APP_TOKEN=` (as in .env.example) means "not set", not "set to empty".
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    database_url: str = "sqlite:///smbot.db"
    host: str = "0.0.0.0"
    port: int = 3000
    org_name: str = "Forshaga kommun"
    timezone: str = "Europe/Stockholm"
    log_level: str = "INFO"

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    # The Slack channel where communicators work (id, e.g. C0123ABCD).
    slack_communicators_channel: str | None = None
    # Communicators named explicitly: Slack user ids or e-mail addresses.
    communicators: Annotated[list[str], NoDecode] = Field(default_factory=list)

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

    meta_app_secret: SecretStr | None = None
    meta_verify_token: SecretStr | None = None

    archive_dir: Path = Path("archive")

    # Rule numbers (DESIGN.md §2); all configurable.
    office_day_end: time = time(17, 0)
    morning_reminder_time: time = time(9, 0)
    days_without_post_before_escalation: int = 3
    documentation_interval_months: int = 6
    documentation_first_reminder_days: int = 14
    # Screenshot uploads: the largest file taken, and how long a `skarmdump` request stays open.
    documentation_max_upload_bytes: int = 50 * 1024 * 1024
    documentation_upload_window_hours: int = 24
    disposal_after_days: int = 90
    min_admins: int = 2
    # A pending application: remind whoever holds it up after this many working days,
    # and tell the communicators (an escalation) after the second number.
    opening_reminder_after_working_days: int = 2
    opening_escalation_after_working_days: int = 5
    local_closure_days: Annotated[list[date], NoDecode] = Field(default_factory=list)
    # Titles a reply's signature may end with, besides the built-in list (bot/rules/signature.py).
    signature_titles: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("communicators", "local_closure_days", "signature_titles", mode="before")
    @classmethod
    def _csv(cls, value: Any) -> Any:
        return _split_csv(value)

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token and self.slack_signing_secret) or bool(
            self.slack_bot_token and self.slack_app_token
        )

    def missing_slack_settings(self) -> list[str]:
        missing = []
        if not self.slack_bot_token:
            missing.append("SLACK_BOT_TOKEN")
        if not self.slack_signing_secret and not self.slack_app_token:
            missing.append("SLACK_SIGNING_SECRET (eller SLACK_APP_TOKEN för Socket Mode)")
        return missing

    def masked(self) -> dict[str, str]:
        """The effective configuration, safe to print: secrets show only that they are set."""
        shown: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name in SECRET_FIELDS:
                shown[name.upper()] = "(satt, dold)" if value else "(saknas)"
            elif name == "database_url":
                shown[name.upper()] = mask_url_password(str(value))
            elif isinstance(value, list):
                shown[name.upper()] = ",".join(str(v) for v in value)
            else:
                shown[name.upper()] = str(value)
        return shown


def mask_url_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(ogiltig URL)"
