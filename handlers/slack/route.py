"""`POST /slack/events`: verify the signature over the raw body, de-duplicate, then hand to bolt.

Bolt parses the body before it verifies, and answers some unsigned garbage with 500;
so nothing reads the body here until its signature has been checked.

An Events API delivery is taken before bolt runs and marked handled once it is
(`bot/deliveries.py`); a failed one is released and answered 500, so Slack's retry of
the same `event_id` is handled. A copy arriving while another process still handles it
is answered 409: Slack counts that as a failed delivery and tries again later.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot import deliveries
from bot.core import Core
from bot.deliveries import Delivery, Taken
from bot.http_guard import check_json, loads_json
from handlers.slack import shapes

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
# Slack's own limit: a request signed longer ago is refused (a replay).
SIGNATURE_MAX_AGE_SECONDS = 60 * 5


def make_route(
    core: Core, bolt: AsyncApp, signing_secret: str
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    secret = signing_secret.encode()

    async def slack_events(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        if len(raw) > MAX_BODY:
            return web.json_response({"error": "för stor"}, status=413)
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not _signed(secret, raw, timestamp, signature):
            return web.json_response({"error": "ogiltig signatur"}, status=401)
        try:
            body = raw.decode("utf-8")
            payload, is_interaction = _peek(body, request.content_type)
            if payload.get("type") == "url_verification":
                return web.json_response({"challenge": str(payload.get("challenge", ""))})
            shapes.check(payload, is_interaction=is_interaction)
        except (UnicodeDecodeError, ValueError) as error:
            log.info("slack request refused: %s", str(error)[:200])
            return web.json_response({"error": "ogiltig begäran"}, status=400)
        event_id = payload.get("event_id")
        delivery = Delivery("slack", event_id) if isinstance(event_id, str) and event_id else None
        if delivery is not None:
            taken = deliveries.take(core, delivery)
            if taken is Taken.HANDLED:
                log.info("slack event %s already handled; ignoring the retry", event_id[:80])
                return web.Response(status=200)
            if taken is Taken.BUSY:
                return web.json_response({"error": "hanteras redan"}, status=409)
        try:
            bolt_request = AsyncBoltRequest(
                body=body, query=request.query_string, headers=dict(request.headers)
            )
        except (TypeError, AttributeError, KeyError) as error:
            # Bolt reads its context (channel, user, team) from the payload before any
            # listener; a shape the typed check let through and bolt cannot read is bad input.
            log.info("slack request refused by bolt's parsing: %s", type(error).__name__)
            if delivery is not None:
                deliveries.handled(core, delivery)  # refused for good: a retry is refused too
            return web.json_response({"error": "ogiltig begäran"}, status=400)
        token = deliveries.current.set(delivery)
        try:
            bolt_response = await bolt.async_dispatch(bolt_request)
        except Exception:
            log.exception("slack request failed")
            bolt_response = None
        finally:
            deliveries.current.reset(token)
        if bolt_response is None or bolt_response.status >= 500:
            if delivery is not None:
                deliveries.release(core, delivery)
            return web.json_response({"error": "internt fel"}, status=500)
        if delivery is not None:
            deliveries.handled(core, delivery)
        return await to_aiohttp_response(bolt_response)

    return slack_events


def _signed(secret: bytes, raw: bytes, timestamp: str, signature: str) -> bool:
    """Slack's v0 signature over the raw bytes (slack_sdk's verifier decodes the body first,
    and raises on bytes that are not UTF-8). Checked against wall time, not the core's
    movable clock: Slack signs with real time."""
    if not timestamp.isascii() or not timestamp.isdigit() or not signature.isascii():
        return False
    if abs(time.time() - int(timestamp)) > SIGNATURE_MAX_AGE_SECONDS:
        return False
    base = b"v0:" + timestamp.encode() + b":" + raw
    expected = "v0=" + hmac.new(secret, base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def _peek(body: str, content_type: str) -> tuple[dict, bool]:
    """The payload, and whether it is an interaction (a `payload` form field). Raises
    ValueError on garbage."""
    is_interaction = False
    if content_type == "application/json":
        data = loads_json(body)
    else:
        form = parse_qs(body, keep_blank_values=True, strict_parsing=bool(body))
        is_interaction = "payload" in form
        data = (
            loads_json(form["payload"][0])
            if is_interaction
            else {key: values[0] for key, values in form.items()}
        )
    if not isinstance(data, dict):
        raise ValueError("body is not an object")
    # A NUL or lone surrogate in a form field is refused like in JSON (PostgreSQL can't hold it).
    check_json(data)
    return data, is_interaction
