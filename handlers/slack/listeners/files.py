"""Files sent to the bot in a DM: fetched with the bot token and handed to the core's archive.

Slack announces one upload twice (`file_shared` and a `message` with subtype `file_share`),
so each file id is handled once. The bot token goes only to Slack's own hosts. Slack wants
its answer within 3 s and a large file takes longer to fetch, so the event is answered at
once and the file is fetched and archived in the background; the receipt follows in the DM.
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
from sqlalchemy.exc import IntegrityError

from bot import router, texts
from bot.reply import Reply, UploadedFile
from handlers.slack.context import SlackContext
from handlers.slack.errors import error_code
from handlers.slack.render import message_blocks, plain_text, slack_text
from handlers.slack.settings import slack_settings
from storage.models import InboundEvent

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
    if not user_id or not file_id or not _first_sight(slack, file_id):
        return
    try:
        reply = await _archive(slack, user_id, file_id)
    except Exception:
        # E.g. ARCHIVE_DIR not writable: the uploader hears of it instead of silence.
        log.exception("archiving Slack file %s failed", file_id)
        reply = Reply(notice=texts.common.SOMETHING_WENT_WRONG)
    await _answer(slack, channel, reply)


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


def _first_sight(slack: SlackContext, file_id: str) -> bool:
    try:
        with slack.core.session() as session:
            session.add(
                InboundEvent(source="slack-file", external_id=file_id, received_at=slack.core.now())
            )
    except IntegrityError:
        return False
    return True


async def _answer(slack: SlackContext, channel: str, reply: Reply) -> None:
    if reply.message is not None:
        text, blocks = plain_text(reply.message), message_blocks(reply.message)
    else:
        text, blocks = slack_text(reply.notice or ""), None
    try:
        await slack.client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    except SlackApiError as error:
        log.warning("could not answer an upload: %s", error_code(error))
