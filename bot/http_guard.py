"""What every HTTP front door shares: a bounded, timed body read and a safe JSON parser.

`body_guard` (an aiohttp middleware, installed by bot/server.py for every route) reads a
request's body once, before any handler: too slow a body gets 408, one over the app's size
limit 413, and a client that goes away mid-body one log line instead of a traceback.
`loads_json` is `json.loads` for untrusted bodies: too deep a nesting, a NUL character or
a lone surrogate (neither of which PostgreSQL can store) is a ValueError, so the caller's
400 path takes it like any other bad JSON.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import ClientError, web
from aiohttp.http_exceptions import HttpProcessingError

log = logging.getLogger(__name__)

BODY_TIMEOUT_SECONDS = 10.0
MAX_DEPTH = 32
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class UnsafeJson(ValueError):
    """Valid JSON, but nothing the bot should hold: too deep, or text PostgreSQL refuses."""


@web.middleware
async def body_guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.method in _BODY_METHODS and request.body_exists:
        try:
            # Cached by aiohttp: the handler's own request.read() gets these bytes.
            await asyncio.wait_for(request.read(), BODY_TIMEOUT_SECONDS)
        except TimeoutError:
            log.warning(
                "%s %s: body not received within %ss",
                request.method,
                request.path,
                BODY_TIMEOUT_SECONDS,
            )
            return _error(408, "begäran kom inte fram i tid")
        except web.HTTPRequestEntityTooLarge:
            log.warning("%s %s: body over the size limit", request.method, request.path)
            return _error(413, "för stor")
        except (
            ConnectionError,
            ClientError,
            HttpProcessingError,
            asyncio.IncompleteReadError,
        ) as gone:
            log.warning(
                "%s %s: client went away mid-body (%s)",
                request.method,
                request.path,
                type(gone).__name__,
            )
            return _error(400, "ofullständig begäran")
    return await handler(request)


def loads_json(raw: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse untrusted JSON; raises ValueError (UnsafeJson for the new cases)."""
    try:
        data = json.loads(raw)
    except RecursionError as error:
        raise UnsafeJson("för djupt nästlad JSON") from error
    check_json(data, max_depth=max_depth)
    return data


def check_json(data: Any, *, max_depth: int = MAX_DEPTH) -> None:
    """Iterative, so a deep value cannot exhaust the stack here either."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            _check_text(value)
        elif isinstance(value, dict | list):
            if depth > max_depth:
                raise UnsafeJson("för djupt nästlad JSON")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str):
                    _check_text(key)
                stack.append((item, depth + 1))


def _check_text(text: str) -> None:
    if "\x00" in text:
        raise UnsafeJson("texten innehåller ett NUL-tecken")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise UnsafeJson("texten innehåller ogiltig Unicode") from error


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)
