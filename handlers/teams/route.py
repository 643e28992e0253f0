"""`POST /api/messages`: parse, authenticate, de-duplicate, run the turn, answer.

Our own route rather than `CloudAdapter.process`: botbuilder 4.17.1 answers invoke
activities with 500 there, and lets garbage reach the SDK. Here the body is parsed first
(garbage → 400), the token checked before anything happens (→ 401), and the invoke
response written by us.

A message activity is taken before its turn runs and marked handled after it
(`bot/deliveries.py`); a turn that fails (the connector down while answering) releases
it, so the channel's retry of the same activity is handled instead of ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from aiohttp import web
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot import deliveries, texts
from bot.core import Core
from bot.deliveries import Delivery, Taken
from bot.http_guard import loads_json
from handlers.teams.bot import SmbotTeamsBot
from handlers.teams.replies import message_body

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
        delivery = _delivery(activity)
        if delivery is not None:
            taken = deliveries.take(core, delivery)
            if taken is Taken.HANDLED:
                log.info("Teams activity %s already handled; ignoring the retry", activity.id)
                return web.Response(status=200)
            if taken is Taken.BUSY:
                return _error(409, "hanteras redan")
        token = deliveries.current.set(delivery)
        try:
            response = await adapter.process_activity(authenticated, activity, bot.on_turn)
        except Exception:
            log.exception("Teams activity %s failed", activity.type)
            if delivery is not None:
                deliveries.release(core, delivery)
            if activity.type == ActivityTypes.invoke:
                # Teams shows an invoke's answer to the person who pressed: say it in Swedish.
                return web.json_response(message_body(texts.common.SOMETHING_WENT_WRONG))
            return _error(500, "internt fel")
        finally:
            deliveries.current.reset(token)
        if delivery is not None:
            deliveries.handled(core, delivery)
        if response is not None:
            return web.json_response(response.body, status=int(response.status))
        return web.Response(status=200)

    return messages


class _Account(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)
    id: Annotated[str, Field(min_length=1, max_length=512)]
    name: str | None = None
    aadObjectId: str | None = None


class _Conversation(_Account):
    conversationType: str | None = None
    tenantId: str | None = None


class _ActivityShape(BaseModel):
    """The fields of an activity the bot reads, with the types it reads them as; checked
    before msrest or a handler sees the activity (extra fields pass: Teams adds some)."""

    model_config = ConfigDict(extra="allow", strict=True)
    type: Annotated[str, Field(min_length=1, max_length=64)]
    id: str | None = None
    serviceUrl: Annotated[str, Field(pattern=r"^https?://", max_length=2048)]
    from_: _Account = Field(alias="from")
    recipient: _Account
    conversation: _Conversation
    channelData: dict[str, Any] | None = None
    text: str | None = None
    name: str | None = None
    action: str | None = None
    value: dict[str, Any] | None = None
    attachments: list[dict[str, Any]] | None = None
    membersAdded: list[_Account] | None = None


# Numbers beyond this are nothing the bot or Teams puts in an activity (ids are strings);
# refused rather than carried into int columns and JSON that other tools read as doubles.
_LARGEST = 2**53


def _parse(raw: bytes) -> Activity | None:
    try:
        body = loads_json(raw)
        if not isinstance(body, dict) or _has_huge_number(body):
            return None
        _ActivityShape.model_validate(body)
        activity = Activity().deserialize(body)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        log.info("Teams activity refused: %s %s", where, first.get("type"))
        return None
    except Exception:  # not JSON, or not an activity msrest can read
        return None
    if not activity.type or not activity.service_url or activity.conversation is None:
        return None
    if activity.from_property is None or activity.recipient is None:
        return None
    return activity


def _has_huge_number(data: Any) -> bool:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _LARGEST:
            return True
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def _delivery(activity: Activity) -> Delivery | None:
    """A message delivered twice (a retry) is handled once. Invokes answer every time."""
    if activity.type != ActivityTypes.message or not activity.id:
        return None
    return Delivery("teams", f"{activity.conversation.id}|{activity.id}")


def _error(status: int, text: str) -> web.Response:
    return web.json_response({"error": text}, status=status)
