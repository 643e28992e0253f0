"""Checking what people typed: every error is keyed by field id and says what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.flows.opening.common import T
from bot.guideline.words import number
from bot.router import Reply
from bot.secrets_guard import password_reason


def text_error(value: str, *, required: bool = True, max_length: int | None = None) -> str | None:
    """Empty, overlong or password-looking text: the Swedish reason, else None."""
    stripped = value.strip()
    if not stripped:
        return T.ERROR_EMPTY if required else None
    if max_length is not None and len(stripped) > max_length:
        return T.ERROR_TOO_LONG.format(max=max_length, length=len(stripped))
    reason = password_reason(stripped)
    if reason is not None:
        return T.PASSWORD_REASONS[reason] + T.PASSWORD_ADVICE
    return None


def as_text(values: dict[str, Any], field_id: str) -> str:
    value = values.get(field_id)
    return value.strip() if isinstance(value, str) else ""


def checked_text(
    values: dict[str, Any], field_id: str, max_length: int
) -> tuple[str, Reply | None]:
    """A required free-text answer, or the form error that keeps it from being saved."""
    text = as_text(values, field_id)
    error = text_error(text, max_length=max_length)
    return text, Reply(errors={field_id: error}) if error else None


def as_list(values: dict[str, Any], field_id: str) -> list[str]:
    value = values.get(field_id)
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value or [] if str(v)]


def as_person_ids(values: dict[str, Any], field_id: str) -> list[int]:
    return [int(v) for v in as_list(values, field_id) if v.isdigit()]


def check_texts(
    values: dict[str, Any], limits: Iterable[tuple[str, int, bool]], errors: dict[str, str]
) -> dict[str, str]:
    """Check (field id, max length, required) for each text field; returns the clean texts."""
    clean: dict[str, str] = {}
    for field_id, max_length, required in limits:
        text = as_text(values, field_id)
        error = text_error(text, required=required, max_length=max_length)
        if error:
            errors[field_id] = error
        clean[field_id] = text
    return clean


@dataclass
class Application:
    platform: str
    platform_other: str | None
    name: str
    unit: str
    purpose: str
    audience: str
    resources: str
    manager_id: int
    co_admin_ids: list[int]


# field id, max length, required
TEXT_LIMITS = [
    ("name", 80, True),
    ("unit", 120, True),
    ("purpose", 1500, True),
    ("audience", 1000, True),
    ("resources", 500, True),
    ("platform_other", 60, False),
]


def validate_application(
    values: dict[str, Any], applicant_id: int, duties: dict[str, str]
) -> tuple[Application | None, dict[str, str]]:
    errors: dict[str, str] = {}
    texts = check_texts(values, TEXT_LIMITS, errors)
    platform = as_text(values, "platform")
    if platform not in T.PLATFORMS:
        errors["platform"] = T.ERROR_PLATFORM
    elif platform == "annat" and not texts["platform_other"] and "platform_other" not in errors:
        errors["platform_other"] = T.ERROR_PLATFORM_OTHER
    manager = as_person_ids(values, "manager")
    if not manager:
        errors["manager"] = T.ERROR_MANAGER_MISSING
    elif manager[0] == applicant_id:
        errors["manager"] = T.ERROR_MANAGER_IS_APPLICANT
    co_admins = list(dict.fromkeys(as_person_ids(values, "co_admins")))
    if applicant_id in co_admins:
        errors["co_admins"] = T.ERROR_CO_ADMIN_IS_APPLICANT
    elif not co_admins:
        errors["co_admins"] = T.ERROR_CO_ADMINS_MISSING
    confirmed = as_list(values, "duties")
    missing = [label for duty, label in duties.items() if duty not in confirmed]
    if missing:
        errors["duties"] = T.ERROR_DUTIES_MISSING.format(
            total=number(len(duties)), missing=number(len(missing))
        )
    if errors:
        return None, errors
    return (
        Application(
            platform=platform,
            platform_other=texts["platform_other"] if platform == "annat" else None,
            name=texts["name"],
            unit=texts["unit"],
            purpose=texts["purpose"],
            audience=texts["audience"],
            resources=texts["resources"],
            manager_id=manager[0],
            co_admin_ids=co_admins,
        ),
        errors,
    )
