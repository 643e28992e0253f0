"""A message's files into a Slack conversation, each shared exactly once.

Slack's upload is three steps (files.getUploadURLExternal, the bytes to the URL it gives,
files.completeUploadExternal into the channel). Each file's progress is recorded
(`ChatFile`: its Slack id once known, `uploaded` once the bytes are there, `shared_at`
once it is in the channel), committed between the steps, so a send retried after a crash
goes on where it stopped: a file whose completion is in doubt is looked up
(files.info: is it shared into the channel?) before it is completed again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from bot import chat_files
from bot.core import Core
from bot.messages import Attachment, Message
from bot.platforms import SendError
from storage.models import ChatFile

PLATFORM = "slack"
UPLOAD_TIMEOUT_SECONDS = 120

Call = Callable[..., Awaitable[Any]]


async def send_files(core: Core, call: Call, channel: str, message: Message, key: str) -> None:
    """Every attachment of the message into `channel`, skipping those already shared."""
    waiting: list[tuple[int, str, str]] = []  # (row id, Slack file id, title)
    for position, attachment in enumerate(message.attachments):
        row = _row(core, key, channel, position, attachment)
        if row.shared_at is not None:
            continue
        if row.uploaded and row.platform_file_id and await _shared(call, row, channel):
            _mark(core, row.id, shared=True)
            continue
        if not row.uploaded or not row.platform_file_id:
            file_id = await _upload(core, call, row, attachment)
        else:
            file_id = row.platform_file_id
        waiting.append((row.id or 0, file_id, attachment.name))
    if not waiting:
        return
    await call(
        "files_completeUploadExternal",
        files=[{"id": file_id, "title": title} for _, file_id, title in waiting],
        channel_id=channel,
    )
    for row_id, _, _ in waiting:
        _mark(core, row_id, shared=True)


def _row(core: Core, key: str, channel: str, position: int, attachment: Attachment) -> ChatFile:
    now = core.now()
    with core.session() as session:
        return chat_files.slot(
            session,
            now,
            key,
            PLATFORM,
            channel,
            position,
            attachment,
            keep_until=chat_files.upload_record_until(now),
        )


async def _upload(core: Core, call: Call, row: ChatFile, attachment: Attachment) -> str:
    """A new Slack file with the bytes in it (not yet in any channel); its id."""
    content = attachment.content
    started = await call(
        "files_getUploadURLExternal", filename=attachment.name, length=len(content)
    )
    file_id = str(started["file_id"])
    _record(core, row.id, file_id=file_id)
    try:
        timeout = aiohttp.ClientTimeout(total=UPLOAD_TIMEOUT_SECONDS)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(started["upload_url"], data=content) as response,
        ):
            if response.status != 200:
                raise SendError(f"Slack: uppladdningen svarade {response.status}")
    except (aiohttp.ClientError, TimeoutError) as error:
        raise SendError(f"Slack: uppladdningen misslyckades: {type(error).__name__}") from None
    _mark(core, row.id, uploaded=True)
    return file_id


async def _shared(call: Call, row: ChatFile, channel: str) -> bool:
    """Whether an earlier completion (whose answer was lost) put the file in the channel."""
    info = await call("files_info", file=row.platform_file_id)
    file = info.get("file") or {}
    shares = file.get("shares") or {}
    places = {
        *(shares.get("public") or {}),
        *(shares.get("private") or {}),
        *(file.get("channels") or []),
        *(file.get("groups") or []),
        *(file.get("ims") or []),
    }
    return channel in places


def _record(core: Core, row_id: int | None, *, file_id: str) -> None:
    with core.session() as session:
        row = session.get(ChatFile, row_id)
        if row is not None:
            row.platform_file_id = file_id
            row.uploaded = False
            session.add(row)


def _mark(core: Core, row_id: int | None, *, uploaded: bool = False, shared: bool = False) -> None:
    with core.session() as session:
        row = session.get(ChatFile, row_id)
        if row is None:
            return
        if uploaded:
            row.uploaded = True
        if shared:
            row.uploaded = True
            row.shared_at = core.now()
        session.add(row)
