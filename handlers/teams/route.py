"""`POST /api/messages`: parse, authenticate, de-duplicate, run the turn, answer.

Our own route rather than `CloudAdapter.process`: botbuilder 4.17.1 answers invoke
activities with 500 there, and lets garbage reach the SDK. Here the body is parsed first
(garbage → 400), the token checked before anything happens (→ 401), and the invoke
response written by us.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes
from sqlalchemy.exc import IntegrityError

from bot import texts
from bot.core import Core
from bot.http_guard import loads_json
from handlers.teams.bot import SmbotTeamsBot
from handlers.teams.replies import message_body
from storage.models import InboundEvent

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024


def make_route(
    core: Core, adapter: CloudAdapter, bot: SmbotTeamsBot, *, auth_required: bool
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def messages(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        if len(raw) > MAX_BODY:
            return _error(413, "för stor")
        activity = _parse(raw)
        if activity is None:
            return _error(400, "ogiltig begäran")
        header = request.headers.get("Authorization") or None
        if auth_required and (header is None or not header.startswith("Bearer ")):
            return _error(401, "saknar giltig token")
        try:
            authenticated = await adapter.bot_framework_authentication.authenticate_request(
                # Local mode (no app id): any header is ignored, nothing is validated.
                activity,
                header if auth_required else None,
            )
        except Exception as error:  # PermissionError, a malformed JWT, an unknown key
            log.info("Teams request refused: %s", type(error).__name__)
            return _error(401, "ogiltig token")
        if not _first_delivery(core, activity):
            return web.Response(status=200)
        try:
            response = await adapter.process_activity(authenticated, activity, bot.on_turn)
        except Exception:
            log.exception("Teams activity %s failed", activity.type)
            if activity.type == ActivityTypes.invoke:
                # Teams shows an invoke's answer to the person who pressed: say it in Swedish.
                return web.json_response(message_body(texts.common.SOMETHING_WENT_WRONG))
            return _error(500, "internt fel")
        if response is not None:
            return web.json_response(response.body, status=int(response.status))
        return web.Response(status=200)

    return messages


def _parse(raw: bytes) -> Activity | None:
    try:
        body = loads_json(raw)
        if not isinstance(body, dict):
            return None
        activity = Activity().deserialize(body)
    except Exception:  # not JSON, or not an activity msrest can read
        return None
    if not activity.type or not activity.service_url or activity.conversation is None:
        return None
    if activity.from_property is None or activity.recipient is None:
        return None
    return activity


def _first_delivery(core: Core, activity: Activity) -> bool:
    """A message delivered twice (a retry) is handled once. Invokes answer every time."""
    if activity.type != ActivityTypes.message or not activity.id:
        return True
    key = f"{activity.conversation.id}|{activity.id}"
    try:
        with core.session() as session:
            session.add(InboundEvent(source="teams", external_id=key, received_at=core.now()))
    except IntegrityError:
        log.info("Teams activity %s already handled; ignoring the retry", activity.id)
        return False
    return True


def _error(status: int, text: str) -> web.Response:
    return web.json_response({"error": text}, status=status)
