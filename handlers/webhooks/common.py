"""What both webhooks share: body limits, JSON parsing, time parsing, answers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from bot.http_guard import loads_json

MAX_BODY = 1024 * 1024


class BadPayload(ValueError):
    """The body is not what the contract says (answered 400, nothing stored)."""


def parse_json_object(raw: bytes) -> dict[str, Any]:
    try:
        data = loads_json(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadPayload(f"ogiltig JSON: {error}") from error
    if not isinstance(data, dict):
        raise BadPayload("kroppen ska vara ett JSON-objekt")
    return data


S = TypeVar("S", bound=BaseModel)


def parse_as(shape: type[S], data: Any) -> S:
    """`data` as `shape`, or BadPayload naming the first field that does not fit."""
    try:
        return shape.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "kroppen"
        raise BadPayload(f"{where}: {first['msg']}") from None


def clip(text: str | None, limit: int = 20000) -> str | None:
    return text[:limit] if text is not None else None


def parse_time(value: Any) -> datetime | None:
    """Unix seconds (Meta's feed) or ISO 8601 (Meta's "2026-12-01T10:00:00+0000", ours)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise BadPayload("ogiltig tid")
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError) as error:
            raise BadPayload("ogiltig tid") from error
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return parse_time(int(text))
        # Python < 3.12 wants "+00:00", Meta writes "+0000".
        if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
            text = text[:-2] + ":" + text[-2:]
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as error:
            raise BadPayload("ogiltig tid") from error
        if moment.tzinfo is None:
            raise BadPayload("tiden saknar tidszon")
        return moment.astimezone(UTC)
    raise BadPayload("ogiltig tid")


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)
