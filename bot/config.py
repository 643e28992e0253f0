"""Settings from the environment and `.env` (DESIGN.md §4 names them).

Only what every installation shares lives here. Each platform declares its own settings
class (`handlers/<platform>/settings.py`, an `EnvSettings`) read from the same environment
and `.env`, and gets it through `Settings.for_platform`.
"""

from __future__ import annotations

from datetime import date, time
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar
from zoneinfo import ZoneInfo

from pydantic import Field, PrivateAttr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _split_csv(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class EnvSettings(BaseSettings):
    """Settings read from the environment, then `.env`; the core's and each platform's."""

    # env_ignore_empty: `SLACK_APP_TOKEN=` (as in .env.example) means "not set", not "set to empty".
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )
    # Fields shown only as set or missing, never their value.
    secret_fields: ClassVar[tuple[str, ...]] = ()

    def masked(self) -> dict[str, str]:
        """The effective values, safe to print: secrets show only that they are set."""
        shown: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name in self.secret_fields:
                shown[name.upper()] = "(satt, dold)" if value else "(saknas)"
            elif name == "database_url":
                shown[name.upper()] = mask_url_password(str(value))
            elif isinstance(value, list):
                shown[name.upper()] = ",".join(str(v) for v in value)
            else:
                shown[name.upper()] = str(value)
        return shown


S = TypeVar("S", bound=EnvSettings)


class Settings(EnvSettings):
    """The core's settings. Keyword arguments it has no field for are kept for the platforms
    (tests give every setting in one place): `for_platform` passes them on."""

    _platform_values: dict[str, Any] = PrivateAttr(default_factory=dict)
    _sources: dict[str, Any] = PrivateAttr(default_factory=dict)
    _platforms: dict[type, EnvSettings] = PrivateAttr(default_factory=dict)

    def __init__(self, **values: Any) -> None:
        sources = {k: v for k, v in values.items() if k.startswith("_")}
        own = {k: v for k, v in values.items() if k in type(self).model_fields}
        super().__init__(**sources, **own)
        self._sources = sources
        self._platform_values = {k: v for k, v in values.items() if k not in own | sources}

    def for_platform(self, kind: type[S]) -> S:
        """A platform's settings, from the same sources as these (values given, environment,
        the same `.env`); read once."""
        if kind not in self._platforms:
            given = {k: v for k, v in self._platform_values.items() if k in kind.model_fields}
            self._platforms[kind] = kind(**self._sources, **given)
        return self._platforms[kind]  # type: ignore[return-value]

    database_url: str = "sqlite:///smbot.db"
    host: str = "0.0.0.0"
    port: int = 3000
    org_name: str = "Forshaga kommun"
    # Where people read the organisation's guideline for social media (linked from the start).
    guideline_url: str = ""
    timezone: str = "Europe/Stockholm"
    log_level: str = "INFO"

    # Communicators named explicitly: e-mail addresses or platform user ids (any platform).
    communicators: Annotated[list[str], NoDecode] = Field(default_factory=list)

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


def mask_url_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(ogiltig URL)"
