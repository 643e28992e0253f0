"""Settings from the environment and `.env`.

Only what every installation shares lives here. Each platform declares its own settings
class (`handlers/<platform>/settings.py`, an `EnvSettings`) read from the same environment
and `.env`, and gets it through `Settings.for_platform`.
"""

from __future__ import annotations

from datetime import date, time
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PrivateAttr, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
UNSET = "(ej satt)"


def setting(
    default: Any = None,
    *,
    doc: str,
    allowed: str,
    factory: Any = None,
    example: str | None = None,
    **constraints: Any,
) -> Any:
    """A field that explains itself: `doc` for the generated docs (README, `.env.example`),
    `allowed` for the one-line error an operator sees when the value is wrong."""
    extra: dict[str, Any] = {"allowed": allowed}
    if example is not None:
        extra["example"] = example
    if factory is not None:
        return Field(
            default_factory=factory, description=doc, json_schema_extra=extra, **constraints
        )
    return Field(default, description=doc, json_schema_extra=extra, **constraints)


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
    # The heading these settings get in the generated docs.
    section: ClassVar[str] = ""

    def masked(self) -> dict[str, str]:
        """The effective values, safe to print: secrets show only that they are set."""
        shown: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name in self.secret_fields:
                shown[name.upper()] = "(satt, dold)" if value else UNSET
            elif name == "database_url":
                shown[name.upper()] = mask_url_password(str(value))
            elif isinstance(value, list):
                shown[name.upper()] = as_env(value) or UNSET
            elif value is None or value == "":
                shown[name.upper()] = UNSET
            else:
                shown[name.upper()] = as_env(value)
        return shown


def as_env(value: Any) -> str:
    """A value as it is written in `.env`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list):
        return ",".join(as_env(v) for v in value)
    return str(value)


S = TypeVar("S", bound=EnvSettings)


def problems_of(kind: type[EnvSettings], error: ValidationError) -> list[str]:
    """One line per wrong value: the setting, the value as given and what is allowed."""
    lines = []
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else ""
        field = kind.model_fields.get(name)
        allowed = (field.json_schema_extra or {}).get("allowed") if field else None  # type: ignore[union-attr]
        given = problem.get("input")
        if name in kind.secret_fields:
            shown = "(dold)"
        elif name == "database_url" and isinstance(given, str):
            shown = repr(mask_url_password(given, keep_invalid=True))
        elif isinstance(given, (list, dict)) or given is None:
            shown = repr(given)
        else:
            shown = repr(str(given))
        where = f" (värde {problem['loc'][1] + 1})" if len(problem["loc"]) > 1 else ""
        rule = f"tillåtet är {allowed}" if allowed else problem["msg"]
        lines.append(f"Felaktig inställning {name.upper()}={shown}{where}: {rule}.")
    return lines


def settings_classes() -> list[type[EnvSettings]]:
    """The core's settings class and every platform's (those whose modules are loaded)."""
    found: list[type[EnvSettings]] = []
    pending = list(EnvSettings.__subclasses__())
    while pending:
        kind = pending.pop()
        pending.extend(kind.__subclasses__())
        if not kind.__module__.startswith("tests"):
            found.append(kind)
    found.sort(key=lambda k: (k is not Settings, k.__module__, k.__name__))
    return found


def check_all(**sources: Any) -> tuple[dict[type[EnvSettings], EnvSettings], list[str]]:
    """Read every settings class; what could be read, and every problem at once."""
    read: dict[type[EnvSettings], EnvSettings] = {}
    problems: list[str] = []
    for kind in settings_classes():
        try:
            read[kind] = kind(**sources)
        except ValidationError as error:
            problems.extend(problems_of(kind, error))
    return read, problems


class Settings(EnvSettings):
    """The core's settings. Keyword arguments it has no field for are kept for the platforms
    (tests give every setting in one place): `for_platform` passes them on."""

    section: ClassVar[str] = "General"
    secret_fields: ClassVar[tuple[str, ...]] = ("file_link_secret",)

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

    database_url: str = setting(
        "sqlite:///smbot.db",
        doc="SQLAlchemy URL. SQLite for one process; `postgresql://user@host/db` for several "
        "replicas.",
        allowed="en databas-URL, t.ex. sqlite:///smbot.db eller postgresql://användare@värd/db",
    )
    host: str = setting(
        "0.0.0.0",
        doc="Where `smbot serve` listens. With `TEAMS_LOCAL=true` and no `HOST`: 127.0.0.1.",
        allowed="en adress att lyssna på, t.ex. 0.0.0.0 eller 127.0.0.1",
        min_length=1,
    )
    port: int = setting(
        3000, doc="The port `smbot serve` listens on.", allowed="ett heltal 1–65535", ge=1, le=65535
    )
    org_name: str = setting(
        "Forshaga kommun",
        doc="The organisation shown as sender in texts.",
        allowed="organisationens namn",
        min_length=1,
    )
    guideline_url: str = setting(
        "",
        doc="Where people read the organisation's guideline for social media (linked from the "
        "start message and the App Home).",
        allowed="en webbadress, t.ex. https://www.forshaga.se/riktlinjer",
    )
    timezone: str = setting(
        "Europe/Stockholm",
        doc="The office time zone; all rules run in it (times are stored in UTC).",
        allowed="en IANA-tidszon, t.ex. Europe/Stockholm",
    )
    log_level: str = setting(
        "INFO",
        doc="Python logging level.",
        allowed="DEBUG, INFO, WARNING, ERROR eller CRITICAL",
    )

    public_url: str = setting(
        "",
        doc="Where `smbot serve` is reached from outside (https://smbot.example.se). Teams "
        "shows a message's pictures and files through signed links to `/files/…` under it; "
        "empty: Teams names the files without a link.",
        allowed="en https-adress, t.ex. https://smbot.forshaga.se",
    )
    file_link_secret: SecretStr | None = setting(
        doc="The key that signs download links to files in Teams messages (long and random, "
        "the same on every replica). Without it Teams names the files without a link.",
        allowed="en lång slumpmässig sträng",
    )
    file_link_hours: int = setting(
        24,
        doc="How long a download link to a file with personal data (the account register) "
        "works; then the stored file is deleted.",
        allowed="ett heltal ≥ 1 (timmar)",
        ge=1,
    )
    file_link_days: int = setting(
        90,
        doc="How long a download link to a file without personal data (a monthly report's "
        "charts and PDF) works; then the stored file is deleted.",
        allowed="ett heltal ≥ 1 (dagar)",
        ge=1,
    )

    communicators: Annotated[list[str], NoDecode] = setting(
        factory=list,
        doc="Comma-separated platform user ids or e-mail addresses that count as communicators "
        "(besides the members of a communicators' channel).",
        allowed="kommaseparerade användar-id eller e-postadresser",
    )

    archive_dir: Path = setting(
        Path("archive"),
        doc="Where uploaded screenshots are archived (put it on backed-up storage).",
        allowed="en katalog",
    )

    guideline_file: Path = setting(
        Path("guideline/forshaga.toml"),
        doc="The municipality's guideline (TOML): its text, version and rule numbers.",
        allowed="en sökväg till en TOML-fil, t.ex. guideline/forshaga.toml",
    )
    morning_reminder_time: time = setting(
        time(9, 0),
        doc="When the morning DMs and the communicators' digest go out on working days.",
        allowed="en tid TT:MM, t.ex. 09:00",
    )
    documentation_max_upload_bytes: int = setting(
        50 * 1024 * 1024,
        doc="Largest documentation file taken, in bytes (50 MB).",
        allowed="ett heltal ≥ 1 (byte)",
        ge=1,
    )
    documentation_upload_window_hours: int = setting(
        24,
        doc="How long after `/skarmdump` files are taken for the chosen account.",
        allowed="ett heltal ≥ 1 (timmar)",
        ge=1,
    )
    # Deprecated: rule numbers now live in the guideline file. When set they override it, with
    # a warning, for one release (bot/guideline/loader.py DEPRECATED_ENV).
    office_day_end: time | None = setting(
        doc="Deprecated (guideline rules.office_day_end): comment deadline time.",
        allowed="en tid TT:MM, t.ex. 17:00",
    )
    days_without_post_before_escalation: int | None = setting(
        doc="Deprecated (guideline rules.working_days_without_post).",
        allowed="ett heltal ≥ 1",
        ge=1,
    )
    documentation_interval_months: int | None = setting(
        doc="Deprecated (guideline rules.documentation_interval_months).",
        allowed="ett heltal 1–120",
        ge=1,
        le=120,
    )
    documentation_first_reminder_days: int | None = setting(
        doc="Deprecated (guideline rules.documentation_first_reminder_days).",
        allowed="ett heltal ≥ 1",
        ge=1,
    )
    disposal_after_days: int | None = setting(
        doc="Deprecated (guideline rules.disposal_after_days).",
        allowed="ett heltal ≥ 1 (dagar)",
        ge=1,
    )
    min_admins: int | None = setting(
        doc="Deprecated (guideline rules.min_admins).",
        allowed="ett heltal ≥ 1",
        ge=1,
    )
    opening_reminder_after_working_days: int | None = setting(
        doc="Deprecated (guideline rules.opening_reminder_after_working_days).",
        allowed="ett heltal ≥ 1",
        ge=1,
    )
    opening_escalation_after_working_days: int | None = setting(
        doc="Deprecated (guideline rules.opening_escalation_after_working_days).",
        allowed="ett heltal ≥ 1",
        ge=1,
    )
    account_review_interval_months: int | None = setting(
        doc="Deprecated (guideline rules.account_review_interval_months).",
        allowed="ett heltal 1–120",
        ge=1,
        le=120,
    )
    password_change_within_working_days: int | None = setting(
        doc="Deprecated (guideline rules.password_change_within_working_days).",
        allowed="ett heltal ≥ 1",
        ge=1,
    )
    local_closure_days: Annotated[list[date], NoDecode] = setting(
        factory=list,
        doc="Comma-separated ISO dates of local closure days (not working days).",
        allowed="kommaseparerade datum ÅÅÅÅ-MM-DD, t.ex. 2026-12-28,2026-12-29",
    )
    signature_titles: Annotated[list[str], NoDecode] = setting(
        factory=list,
        doc="Extra job titles (comma-separated) a reply's signature may end with, besides the "
        "built-in list.",
        allowed="kommaseparerade titlar",
        example="badmästare,djurskötare",
    )
    office_day_start: time = setting(
        time(8, 0),
        doc="Office hours start (same-day batches of new comments, removal deadlines).",
        allowed="en tid TT:MM, t.ex. 08:00",
    )
    new_comment_batch_minutes: int = setting(
        10,
        doc="A batch of new comments goes to the admins when its oldest has waited this long.",
        allowed="ett heltal ≥ 1 (minuter)",
        ge=1,
    )
    illegal_removal_within_hours: int = setting(
        2,
        doc="Office hours within which illegal content must be marked removed after evidence.",
        allowed="ett heltal ≥ 1 (timmar)",
        ge=1,
    )
    threat_words: Annotated[list[str], NoDecode] = setting(
        factory=list,
        doc="Extra words and phrases (comma-separated) that suggest a threat or hatred.",
        allowed="kommaseparerade ord eller fraser",
    )

    @field_validator("threat_words", mode="before")
    @classmethod
    def _threat_words_csv(cls, value: Any) -> Any:
        return _split_csv(value)

    @field_validator("communicators", "local_closure_days", "signature_titles", mode="before")
    @classmethod
    def _csv(cls, value: Any) -> Any:
        return _split_csv(value)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ValueError, ZoneInfoNotFoundError) as error:
            raise ValueError("okänd tidszon") from error
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _level(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().upper() in LOG_LEVELS:
            return value.strip().upper()
        raise ValueError("okänd loggnivå")

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError

        try:
            make_url(value).get_dialect()
        except (ArgumentError, NoSuchModuleError, ValueError) as error:
            raise ValueError("okänd databas-URL") from error
        return value

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def mask_url_password(url: str, *, keep_invalid: bool = False) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        # An unparsable URL holds no recognisable password; showing it helps find the typo.
        return url if keep_invalid and "@" not in url else "(ogiltig URL)"
