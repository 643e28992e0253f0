"""Files sent to the bot in a DM: fetched with the bot token and handed to the core's archive.

Slack announces one upload twice (`file_shared` and a `message` with subtype `file_share`),
so each file id is handled once. The bot token goes only to Slack's own hosts. Slack wants
its answer within 3 s and a large file takes longer to fetch, so the event is answered at
once and the file is fetched and archived in the background; the receipt follows in the DM,
through the outbox.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any
from urllib.parse import urlparse

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from bot import deliveries, router, texts
from bot.deliveries import Delivery, Taken
from bot.messages import Message
from bot.reply import Reply, UploadedFile
from handlers.slack.context import SlackContext
from handlers.slack.errors import error_code
from handlers.slack.settings import slack_settings

log = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT = aiohttp.ClientTimeout(total=120)
SLACK_FILE_HOSTS = ("slack.com", "slack-files.com", "slack-edge.com")


# Uploads being fetched and archived; kept so the tasks are not collected mid-way.
_running: set[asyncio.Task[None]] = set()


def register(app: AsyncApp, slack: SlackContext) -> None:
    @app.event("file_shared")
    async def file_shared(event: dict) -> None:
        channel = str(event.get("channel_id") or "")
        if channel.startswith("D"):
            _in_background(
                handle_file(slack, event.get("user_id", ""), event.get("file_id", ""), channel)
            )

    @app.event({"type": "message", "subtype": "file_share"})
    async def file_message(event: dict) -> None:
        if event.get("channel_type") != "im":
            return
        for file in event.get("files") or []:
            _in_background(
                handle_file(slack, event.get("user", ""), file.get("id", ""), event["channel"])
            )


def _in_background(work: Coroutine[Any, Any, None]) -> None:
    task = asyncio.create_task(work)
    _running.add(task)
    task.add_done_callback(_running.discard)


async def settle() -> None:
    """Wait until every upload under way has been archived and answered (tests, shutdown)."""
    while _running:
        await asyncio.gather(*list(_running), return_exceptions=True)


async def handle_file(slack: SlackContext, user_id: str, file_id: str, channel: str) -> None:
    """Archive one file and answer with a receipt, once per file id.

    The receipt goes through the outbox (keyed by the file id) in the same transaction
    that marks the file handled; if anything before that fails, the file is released so
    Slack's other announcement of it (or a retry) archives it after all.
    """
    if not user_id or not file_id:
        return
    delivery = Delivery("slack-file", file_id)
    if deliveries.take(slack.core, delivery) is not Taken.NEW:
        return
    token = deliveries.current.set(delivery)
    try:
        try:
            await slack.directory.resolve(user_id)
            reply = await _archive(slack, user_id, file_id)
        except Exception:
            # E.g. ARCHIVE_DIR not writable: the uploader hears of it instead of silence.
            log.exception("archiving Slack file %s failed", file_id)
            reply = Reply(notice=texts.common.SOMETHING_WENT_WRONG)
        await _answer(slack, user_id, file_id, reply)
    except Exception:
        log.exception("answering Slack file %s failed", file_id)
        deliveries.release(slack.core, delivery)
    finally:
        deliveries.current.reset(token)


async def _archive(slack: SlackContext, user_id: str, file_id: str) -> Reply:
    try:
        info = (await slack.client.files_info(file=file_id))["file"]
    except SlackApiError as error:
        log.warning("files.info %s failed: %s", file_id, error_code(error))
        return Reply(notice=texts.documentation.DOWNLOAD_FAILED.format(filename=file_id))
    name = str(info.get("name") or info.get("title") or file_id)
    mimetype = info.get("mimetype")
    offer = router.Offer(name, int(info.get("size") or 0), mimetype)
    refusal = await router.handle(slack.core, slack.resolver(user_id), offer)
    if refusal.notice or refusal.message:
        return refusal
    limit = slack.core.settings.documentation_max_upload_bytes
    content = await _download(slack, str(info.get("url_private_download") or ""), limit)
    if content is None:
        return Reply(notice=texts.documentation.DOWNLOAD_FAILED.format(filename=name))
    upload = router.Upload([UploadedFile(name, content, mimetype or "application/octet-stream")])
    return await router.handle(slack.core, slack.resolver(user_id), upload)


async def _download(slack: SlackContext, url: str, limit: int) -> bytes | None:
    """At most `limit` + 1 bytes: enough for the core to see that a file is too large."""
    if not _is_slack_url(slack, url):
        log.warning("refusing to send the bot token to %s", urlparse(url).hostname)
        return None
    token = slack_settings(slack.core).slack_bot_token
    headers = {"Authorization": f"Bearer {token.get_secret_value()}"} if token else {}
    try:
        async with (
            aiohttp.ClientSession(timeout=DOWNLOAD_TIMEOUT) as http,
            http.get(url, headers=headers) as response,
        ):
            if response.status != 200:
                log.warning("file download answered %s", response.status)
                return None
            chunks, size = [], 0
            async for chunk in response.content.iter_chunked(64 * 1024):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    break
            return b"".join(chunks)
    except (aiohttp.ClientError, TimeoutError) as error:
        log.warning("file download failed: %s", type(error).__name__)
        return None


def _is_slack_url(slack: SlackContext, url: str) -> bool:
    parsed = urlparse(url)
    host = parsed.hostname or ""
    if parsed.scheme == "https" and any(
        host == known or host.endswith("." + known) for known in SLACK_FILE_HOSTS
    ):
        return True
    # SLACK_API_URL pointed elsewhere (a proxy, the tests' fake): its host is trusted too.
    api = urlparse(slack_settings(slack.core).slack_api_url)
    return bool(host) and host == api.hostname and parsed.port == api.port


async def _answer(slack: SlackContext, user_id: str, file_id: str, reply: Reply) -> None:
    """The receipt, through the outbox: a Slack outage right now delays it, loses nothing."""
    message = reply.message or Message(text=reply.notice or texts.common.SOMETHING_WENT_WRONG)
    await slack.answer(user_id, f"slack-file-receipt:{file_id[:200]}", message)
