"""What both webhooks share: body limits, JSON parsing, time parsing, answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

MAX_BODY = 1024 * 1024


class BadPayload(ValueError):
    """The body is not what the contract says (answered 400, nothing stored)."""


def parse_json_object(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadPayload("ogiltig JSON") from error
    if not isinstance(data, dict):
        raise BadPayload("kroppen ska vara ett JSON-objekt")
    return data


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


def text_field(data: dict[str, Any], key: str, *, limit: int = 20000) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise BadPayload(f"{key} ska vara text")
    return value[:limit]


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)
