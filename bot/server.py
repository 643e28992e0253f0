"""The one asyncio process: an aiohttp server for every platform plus the scheduler."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from urllib.parse import quote

from aiohttp import web

from bot import chat_files
from bot.core import Core
from bot.http_guard import body_guard
from bot.messages import IMAGE_TYPES
from bot.outbox.admin import status_counts
from bot.outbox.dispatcher import dispatch_due
from bot.platforms import Platform
from bot.scheduler import start_scheduler

log = logging.getLogger(__name__)

CORE_KEY = web.AppKey("core", Core)


async def healthz(request: web.Request) -> web.Response:
    core = request.app[CORE_KEY]
    try:
        with core.session() as session:
            session.connection().exec_driver_sql("SELECT 1")
            counts = status_counts(session)
    except Exception:
        return web.json_response({"status": "error", "database": "unreachable"}, status=503)
    # Failed messages do not make the process unhealthy, but monitoring should see them.
    outbox = {state: counts.get(state, 0) for state in ("pending", "sending", "failed")}
    return web.json_response(
        {
            "status": "ok",
            "platforms": sorted(core.senders),
            "time": core.now().isoformat(),
            "outbox": outbox,
        }
    )


async def serve_file(request: web.Request) -> web.Response:
    """A file of a Teams message, behind its signed, expiring link (bot/chat_files.py).

    Any failure is the same 404: a wrong signature, an expired link and a disposed file
    must not tell a guesser which one it met.
    """
    core = request.app[CORE_KEY]
    token = request.match_info["token"]
    now = core.now()
    if not chat_files.verified(
        core.settings, token, request.query.get("exp", ""), request.query.get("sig", ""), now
    ):
        return web.Response(status=404, text="Länken är ogiltig eller har gått ut.")
    with core.session() as session:
        row = chat_files.servable(session, token, now)
        if row is None or row.data is None:
            return web.Response(status=404, text="Länken är ogiltig eller har gått ut.")
        data, name, content_type = row.data, row.name, row.content_type
    disposition = "inline" if content_type in IMAGE_TYPES else "attachment"
    return web.Response(
        body=data,
        content_type=content_type,
        headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(name)}",
            # Personal data: never kept by a proxy or the browser's cache.
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def make_app(core: Core, platforms: list[Platform], *, background: bool = True) -> web.Application:
    """The web application. `background` starts the scheduler and the outbox loop."""
    app = web.Application(client_max_size=2 * 1024 * 1024, middlewares=[body_guard])
    app[CORE_KEY] = core
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/files/{token}", serve_file)
    for platform in platforms:
        platform.attach(core, app)
    if background:
        app.cleanup_ctx.append(_background_tasks)
    return app


async def _background_tasks(app: web.Application):  # type: ignore[no-untyped-def]
    core = app[CORE_KEY]
    core.outbox_wakeup = asyncio.Event()
    core.outbox_loop = asyncio.get_running_loop()
    scheduler = start_scheduler(core)
    loop_task = asyncio.create_task(outbox_loop(core))
    yield
    scheduler.shutdown(wait=False)
    loop_task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await loop_task


async def outbox_loop(core: Core, idle_seconds: float = 30.0) -> None:
    """Send soon after something is enqueued; otherwise look again every little while."""
    assert core.outbox_wakeup is not None
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(core.outbox_wakeup.wait(), timeout=idle_seconds)
        core.outbox_wakeup.clear()
        try:
            await dispatch_due(core)
        except Exception:
            log.exception("outbox dispatch failed; trying again shortly")
            await asyncio.sleep(5)
