"""Files a person sends in the 1:1 chat (screenshots): downloaded, then handed to the core.

Teams delivers uploaded files as `file.download.info` attachments with a short-lived,
pre-authorised download URL, and pasted images as inline attachments whose URL needs
the bot's token.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import aiohttp
from botbuilder.core import BotAdapter, TurnContext
from botbuilder.schema import Attachment

from bot.router import UploadedFile

log = logging.getLogger(__name__)

FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
TIMEOUT = aiohttp.ClientTimeout(total=60)


@dataclass
class FileRef:
    name: str
    url: str
    content_type: str
    needs_token: bool


def file_refs(attachments: list[Attachment] | None) -> list[FileRef]:
    found: list[FileRef] = []
    for index, attachment in enumerate(attachments or []):
        content_type = attachment.content_type or ""
        content = attachment.content if isinstance(attachment.content, dict) else {}
        if content_type == FILE_DOWNLOAD_INFO and content.get("downloadUrl"):
            kind = str(content.get("fileType") or "")
            found.append(
                FileRef(
                    name=attachment.name or f"fil-{index + 1}.{kind or 'bin'}",
                    url=content["downloadUrl"],
                    content_type=_mime(kind),
                    needs_token=False,
                )
            )
        elif content_type.startswith("image/") and attachment.content_url:
            extension = content_type.split("/", 1)[1].split(";")[0]
            found.append(
                FileRef(
                    name=attachment.name or f"bild-{index + 1}.{extension}",
                    url=attachment.content_url,
                    content_type=content_type,
                    needs_token=True,
                )
            )
    return found


async def download(
    turn: TurnContext, refs: list[FileRef], limit: int
) -> tuple[list[UploadedFile], list[str]]:
    """The files' bytes (at most `limit` + 1 each: enough for the core to see a file is too
    large and say so), and the names of those that could not be fetched."""
    token = await _bot_token(turn) if any(ref.needs_token for ref in refs) else None
    files: list[UploadedFile] = []
    failed: list[str] = []
    async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
        for ref in refs:
            headers = {"Authorization": f"Bearer {token}"} if ref.needs_token and token else {}
            try:
                async with http.get(ref.url, headers=headers) as response:
                    response.raise_for_status()
                    content = await _read(response, limit + 1)
            except (aiohttp.ClientError, TimeoutError) as error:
                log.warning("Teams file download failed: %s", type(error).__name__)
                failed.append(ref.name)
                continue
            files.append(
                UploadedFile(name=ref.name, content=content, content_type=ref.content_type)
            )
    return files, failed


async def _read(response: aiohttp.ClientResponse, most: int) -> bytes:
    chunks, size = [], 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size >= most:
            break
    return b"".join(chunks)[:most]


async def _bot_token(turn: TurnContext) -> str | None:
    connector = turn.turn_state.get(BotAdapter.BOT_CONNECTOR_CLIENT_KEY)
    credentials = getattr(getattr(connector, "config", None), "credentials", None)
    if credentials is None or not getattr(credentials, "microsoft_app_id", None):
        return None  # authentication off (local): nothing to present
    # MSAL is synchronous; keep it off the event loop.
    return await asyncio.get_running_loop().run_in_executor(None, credentials.get_access_token)


def _mime(kind: str) -> str:
    known = {
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "pdf": "application/pdf",
    }
    return known.get(kind.lower(), "application/octet-stream")
