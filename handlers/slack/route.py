"""`POST /slack/events`: verify the signature over the raw body, de-duplicate, then hand to bolt.

Bolt parses the body before it verifies, and answers some unsigned garbage with 500;
so nothing reads the body here until its signature has been checked.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier
from sqlalchemy.exc import IntegrityError

from bot.core import Core
from bot.http_guard import loads_json
from storage.models import InboundEvent

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024


def make_route(
    core: Core, bolt: AsyncApp, signing_secret: str
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    # Checked against wall time, not the core's (movable) clock: Slack signs with real time.
    verifier = SignatureVerifier(signing_secret)

    async def slack_events(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        if len(raw) > MAX_BODY:
            return web.json_response({"error": "för stor"}, status=413)
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        # slack_sdk raises on a non-numeric timestamp; a missing one is simply unsigned.
        if not timestamp.isdigit() or not verifier.is_valid(raw, timestamp, signature):
            return web.json_response({"error": "ogiltig signatur"}, status=401)
        try:
            body = raw.decode("utf-8")
            payload = _peek(body, request.content_type)
        except (UnicodeDecodeError, ValueError):
            return web.json_response({"error": "ogiltig begäran"}, status=400)
        if payload.get("type") == "url_verification":
            return web.json_response({"challenge": payload.get("challenge", "")})
        event_id = payload.get("event_id")
        if isinstance(event_id, str) and not _first_delivery(core, event_id):
            return web.Response(status=200)
        bolt_request = AsyncBoltRequest(
            body=body, query=request.query_string, headers=dict(request.headers)
        )
        try:
            bolt_response = await bolt.async_dispatch(bolt_request)
        except Exception:
            log.exception("slack request failed")
            return web.json_response({"error": "internt fel"}, status=500)
        return await to_aiohttp_response(bolt_response)

    return slack_events


def _peek(body: str, content_type: str) -> dict:
    """The fields we need before bolt: type, event_id. Raises ValueError on garbage."""
    if content_type == "application/json":
        data = loads_json(body)
    else:
        form = parse_qs(body, keep_blank_values=True, strict_parsing=bool(body))
        data = (
            loads_json(form["payload"][0])
            if "payload" in form
            else {key: values[0] for key, values in form.items()}
        )
    if not isinstance(data, dict):
        raise ValueError("body is not an object")
    return data


def _first_delivery(core: Core, event_id: str) -> bool:
    """Slack retries events (X-Slack-Retry-Num) with the same event_id: handle each once."""
    try:
        with core.session() as session:
            session.add(InboundEvent(source="slack", external_id=event_id, received_at=core.now()))
    except IntegrityError:
        log.info("slack event %s already handled; ignoring the retry", event_id)
        return False
    return True
