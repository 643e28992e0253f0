"""Reading the guideline file: every error one line that names the key and what is allowed."""

from __future__ import annotations

import logging
import tomllib
import warnings
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.config import Settings
from bot.guideline.model import Guideline, Rules

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Environment names that held rule numbers before the guideline file; they still override
# the file for one release (deprecated in 0.2, removed in 0.3).
DEPRECATED_ENV = {
    "office_day_end": "office_day_end",
    "min_admins": "min_admins",
    "days_without_post_before_escalation": "working_days_without_post",
    "documentation_interval_months": "documentation_interval_months",
    "documentation_first_reminder_days": "documentation_first_reminder_days",
    "disposal_after_days": "disposal_after_days",
    "opening_reminder_after_working_days": "opening_reminder_after_working_days",
    "opening_escalation_after_working_days": "opening_escalation_after_working_days",
    "account_review_interval_months": "account_review_interval_months",
    "password_change_within_working_days": "password_change_within_working_days",
}


class GuidelineError(Exception):
    """The guideline file cannot be used; `lines` holds one message per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def resolve_path(path: Path) -> Path:
    """A relative GUIDELINE_FILE is looked up from the working directory, then the project."""
    if path.is_absolute() or path.exists():
        return path
    shipped = PROJECT_ROOT / path
    return shipped if shipped.exists() else path


def load_guideline(path: Path) -> Guideline:
    path = resolve_path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GuidelineError([f"{path}: filen finns inte (GUIDELINE_FILE)"]) from None
    except tomllib.TOMLDecodeError as error:
        raise GuidelineError([f"{path}: inte giltig TOML: {error}"]) from None
    try:
        return Guideline.model_validate(raw)
    except ValidationError as error:
        raise GuidelineError([f"{path}: {_line(e)}" for e in error.errors()]) from None


def guideline_in_force(settings: Settings) -> Guideline:
    """The file GUIDELINE_FILE names, with any deprecated environment rule numbers on top."""
    guideline = load_guideline(settings.guideline_file)
    overrides = _deprecated_overrides(settings)
    if not overrides:
        return guideline
    try:
        rules = Rules.model_validate(guideline.rules.model_dump() | overrides)
    except ValidationError as error:
        raise GuidelineError([f"miljövariabel: {_line(e)}" for e in error.errors()]) from None
    return guideline.model_copy(update={"rules": rules})


def _deprecated_overrides(settings: Settings) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for env_name, rule in DEPRECATED_ENV.items():
        value = getattr(settings, env_name)
        if value is None:
            continue
        message = (
            f"{env_name.upper()} är föråldrad och tas bort i nästa version: "
            f"ange rules.{rule} i riktlinjefilen ({settings.guideline_file}) i stället"
        )
        warnings.warn(message, DeprecationWarning, stacklevel=2)
        log.warning(message)
        overrides[rule] = value
    return overrides


def _line(error: Any) -> str:
    loc = ".".join(str(part) for part in error["loc"]) or "(filen)"
    given = "" if error["type"] in ("missing", "extra_forbidden") else f" (fick {error['input']!r})"
    return f"{loc}: {_allowed(error)}{given}"


def _allowed(error: Any) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "missing":
        return "saknas"
    if kind == "extra_forbidden":
        allowed = _fields_at(error["loc"][:-1])
        return "okänd nyckel; tillåtna: " + ", ".join(allowed)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "måste vara ett heltal"
    if kind == "greater_than_equal":
        return f"måste vara ett heltal ≥ {ctx['ge']}"
    if kind == "literal_error":
        return f"tillåtna värden: {ctx['expected']}"
    if kind.startswith("date"):
        return "måste vara ett datum, t.ex. 2027-03-31"
    if kind.startswith("time"):
        return "måste vara en tid, t.ex. 17:00"
    if kind == "string_pattern_mismatch":
        if error["loc"][-1] == "link":
            return "måste vara en webbadress som börjar med https://"
        return "får bara innehålla små bokstäver a–z, siffror och _"
    if kind in ("too_short", "string_too_short"):
        return "får inte vara tom"
    if kind == "list_type":
        return "måste vara en lista ([[...]] i TOML)"
    if kind in ("string_type", "model_type", "dict_type"):
        return "fel typ: " + error["msg"]
    return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = Guideline
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            break
        model = inner
    return list(model.model_fields)
