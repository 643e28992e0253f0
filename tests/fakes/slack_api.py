"""A fake Slack Web API on loopback: records every call and answers like Slack.

Failures can be queued per method: `fail("chat.postMessage", status=429, retry_after=1)`.
Posted messages are kept per channel with their metadata, so `conversations.history`
answers as Slack does. `limit(...)` makes it enforce rate limits as Slack does: beyond
them a call is answered 429 with Retry-After (and not acted on).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web

from tests.fakes.recorded import record


@dataclass
class Call:
    method: str
    args: dict[str, Any]


@dataclass
class Failure:
    status: int
    error: str = "internal_error"
    retry_after: int | None = None


@dataclass
class _Bucket:
    """The fake's own token bucket (independent of the bot's shaping, which it checks)."""

    per_second: float
    burst: float
    tokens: float = -1.0
    stamp: float = 0.0

    def take(self, now: float) -> float:
        """0 when the call is allowed, else the seconds until it would be."""
        if self.tokens < 0:
            self.tokens, self.stamp = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


@dataclass
class FakeSlackApi:
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel_members: dict[str, list[str]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    # Per file: what files.info says beyond the defaults (name, mimetype, a claimed size ...).
    file_meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Every GET /files/{id}: (file id, the Authorization header it came with).
    downloads: list[tuple[str, str]] = field(default_factory=list)
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))
    url: str = ""
    # Seconds every answer waits, to stand in for the network to Slack (benchmarks).
    latency: float = 0.0
    # Per call, when the test wants some answers slower than others: (method, args) -> seconds.
    latency_for: Callable[[str, dict[str, Any]], float] | None = None
    # Per call: seconds the answer is held back *after* Slack acted (a crash or timeout
    # while the message is already posted).
    hold_answer: Callable[[str, dict[str, Any]], float] | None = None
    # What the fake's "now" is for a posted message (conversations.history's `oldest`).
    clock: Callable[[], float] = time.time
    # Messages posted, per channel: {"ts", "text", "metadata", "at"}.
    posted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Rate limits enforced (see `limit`): per method, and per (method, channel).
    _method_limits: dict[str, tuple[float, float]] = field(default_factory=dict)
    _channel_limits: dict[str, tuple[float, float]] = field(default_factory=dict)
    _buckets: dict[tuple[str, str], _Bucket] = field(default_factory=dict)
    # Every call answered 429 by an enforced limit (method, channel).
    limited: list[tuple[str, str]] = field(default_factory=list)
    # Files the bot uploaded (files.getUploadURLExternal → bytes → files.completeUploadExternal):
    # by file id, {"name", "length", "content" (once uploaded), "channels" (once shared)}.
    uploads: dict[str, dict[str, Any]] = field(default_factory=dict)
    _file_ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def limit(
        self, method: str, per_second: float, burst: float = 1, *, per_channel: bool = False
    ) -> None:
        """Enforce a rate limit on a method (workspace-wide, or per channel)."""
        limits = self._channel_limits if per_channel else self._method_limits
        limits[method] = (per_second, burst)

    def add_user(self, user_id: str, name: str, email: str | None = None, title: str = "") -> None:
        self.users[user_id] = {
            "id": user_id,
            "name": name.lower().replace(" ", "."),
            "real_name": name,
            "deleted": False,
            "profile": {
                "real_name": name,
                "display_name": name.split()[0],
                "email": email or f"{name.lower().replace(' ', '.')}@example.se",
                "title": title,
            },
        }

    def add_file(
        self, file_id: str, content: bytes, name: str, mimetype: str = "", **meta: Any
    ) -> None:
        """A file a user uploaded; files.info describes it and /files/{id} serves it."""
        self.files[file_id] = content
        self.file_meta[file_id] = {"name": name, "mimetype": mimetype, **meta}

    def fail(
        self,
        method: str,
        status: int,
        *,
        times: int = 1,
        error: str = "internal_error",
        retry_after: int | None = None,
    ) -> None:
        self.failures.setdefault(method, []).extend([Failure(status, error, retry_after)] * times)

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def messages_to(self, channel: str) -> list[dict[str, Any]]:
        """chat.postMessage calls to a channel (a user's DM channel is "D" + user id)."""
        return [
            c.args for c in self.calls_to("chat.postMessage") if c.args.get("channel") == channel
        ]

    def clear(self) -> None:
        self.calls.clear()

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/api/{method}", self._handle)
        app.router.add_get("/api/{method}", self._handle)
        app.router.add_get("/files/{file_id}", self._download)
        app.router.add_post("/upload/{file_id}", self._upload)
        return app

    def shared_files(self, channel: str) -> list[dict[str, Any]]:
        """The uploaded files shared into a channel, in the order they were shared."""
        return [
            {"id": file_id, **upload}
            for file_id, upload in self.uploads.items()
            if channel in upload.get("channels", [])
        ]

    async def _upload(self, request: web.Request) -> web.Response:
        """The upload URL files.getUploadURLExternal hands out: takes the bytes."""
        file_id = request.match_info["file_id"]
        upload = self.uploads.get(file_id)
        if upload is None:
            return web.Response(status=404)
        upload["content"] = await request.read()
        return web.Response(text=f"OK - {len(upload['content'])}")

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _arguments(request)
        delay = self.latency + (self.latency_for(method, args) if self.latency_for else 0.0)
        if delay:
            await asyncio.sleep(delay)
        retry_after = self._over_limit(method, str(args.get("channel") or ""))
        if retry_after:
            self.calls.append(Call(method + "!limited", args))
            self.limited.append((method, str(args.get("channel") or "")))
            headers = {"Retry-After": str(max(1, round(retry_after)))}
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers=headers
            )
        pending = self.failures.get(method)
        if pending:
            failure = pending.pop(0)
            self.calls.append(Call(method + "!failed", args))
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            body = {"ok": False, "error": "ratelimited" if failure.status == 429 else failure.error}
            return web.json_response(body, status=failure.status, headers=headers)
        self.calls.append(Call(method, args))
        if "blocks" in args or "view" in args:
            record("slack", method, args)
        answer = self._answer(method, args)
        held = self.hold_answer(method, args) if self.hold_answer else 0.0
        if held:
            await asyncio.sleep(held)
        return web.json_response(answer)

    def _over_limit(self, method: str, channel: str) -> float:
        """Seconds to wait when a limit is exceeded (the call is then not acted on)."""
        now = time.monotonic()
        wanted = []
        if method in self._method_limits:
            wanted.append(((method, ""), self._method_limits[method]))
        if channel and method in self._channel_limits:
            wanted.append(((method, channel), self._channel_limits[method]))
        waits = []
        for key, (per_second, burst) in wanted:
            bucket = self._buckets.setdefault(key, _Bucket(per_second, burst))
            waits.append(bucket.take(now))
        return max(waits, default=0.0)

    def history(self, channel: str) -> list[dict[str, Any]]:
        return self.posted.get(channel, [])

    async def _download(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        self.downloads.append((file_id, request.headers.get("Authorization", "")))
        content = self.files.get(file_id)
        if content is None:
            return web.Response(status=404)
        return web.Response(body=content, content_type="application/octet-stream")

    def _permalink(self, args: dict[str, Any]) -> dict[str, Any]:
        """As Slack: only for a message that is there."""
        channel, ts = str(args.get("channel")), str(args.get("message_ts"))
        if not any(m["ts"] == ts for m in self.posted.get(channel, [])):
            return {"ok": False, "error": "message_not_found"}
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"https://forshaga.slack.com/archives/{channel}/p{ts.replace('.', '')}",
        }

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(args.get("users", ""))}}
        if method == "chat.postMessage":
            ts = f"{1700000000 + next(self._ts)}.000100"
            channel = str(args.get("channel"))
            metadata = args.get("metadata")
            self.posted.setdefault(channel, []).append(
                {
                    "ts": ts,
                    "text": args.get("text"),
                    "metadata": metadata if isinstance(metadata, dict) else None,
                    "at": self.clock(),
                }
            )
            return {"ok": True, "channel": channel, "ts": ts}
        if method == "chat.update":
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}
        if method == "chat.getPermalink":
            return self._permalink(args)
        if method == "conversations.history":
            return self._history(args)
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{1700000000 + next(self._ts)}.000200"}
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "conversations.members":
            members = self.channel_members.get(str(args.get("channel")), [])
            return {"ok": True, "members": members, "response_metadata": {"next_cursor": ""}}
        if method in ("views.open", "views.update", "views.push"):
            return {"ok": True, "view": {"id": "V1", **_json_arg(args.get("view"))}}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "VH", **_json_arg(args.get("view"))}}
        if method == "files.getUploadURLExternal":
            file_id = f"FUP{next(self._file_ids)}"
            self.uploads[file_id] = {"name": args.get("filename"), "length": args.get("length")}
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.url}/upload/{file_id}"}
        if method == "files.completeUploadExternal":
            return self._complete(args)
        if method == "files.info" and str(args.get("file")) in self.uploads:
            upload = self.uploads[str(args.get("file"))]
            channels = upload.get("channels", [])
            return {
                "ok": True,
                "file": {
                    "id": args.get("file"),
                    "name": upload["name"],
                    "shares": {"private": {c: [{"ts": "1.0"}] for c in channels}},
                },
            }
        if method == "files.info":
            file_id = str(args.get("file"))
            return {
                "ok": True,
                "file": {
                    "id": file_id,
                    "name": f"{file_id}.png",
                    "size": len(self.files.get(file_id, b"")),
                    "url_private_download": f"{self.url}/files/{file_id}",
                    **self.file_meta.get(file_id, {}),
                },
            }
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"}
        return {"ok": True}

    def _complete(self, args: dict[str, Any]) -> dict[str, Any]:
        """Like Slack: every file must have its bytes; then all are shared in one message."""
        files = args.get("files")
        if isinstance(files, str):
            files = json.loads(files)
        wanted = [self.uploads.get(str(f.get("id"))) for f in files or []]
        if not wanted or any(u is None or "content" not in u for u in wanted):
            return {"ok": False, "error": "file_not_found"}
        channel = args.get("channel_id")
        for upload, given in zip(wanted, files, strict=True):
            assert upload is not None
            upload["title"] = given.get("title")
            if channel:
                upload.setdefault("channels", []).append(channel)
        return {"ok": True, "files": [{"id": f.get("id")} for f in files]}

    def _history(self, args: dict[str, Any]) -> dict[str, Any]:
        """Newest first, from `oldest` on, `limit` a page; metadata only when asked for."""
        oldest = float(args.get("oldest") or 0)
        with_metadata = str(args.get("include_all_metadata")).lower() in ("1", "true")
        found = [m for m in self.history(str(args.get("channel"))) if m["at"] >= oldest]
        found.reverse()
        start = int(args.get("cursor") or 0)
        size = int(args.get("limit") or 100)
        page = found[start : start + size]
        messages = []
        for posted in page:
            message = {"type": "message", "ts": posted["ts"], "text": posted["text"]}
            if with_metadata and posted["metadata"]:
                message["metadata"] = posted["metadata"]
            messages.append(message)
        more = start + size < len(found)
        return {
            "ok": True,
            "messages": messages,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + size) if more else ""},
        }


async def _arguments(request: web.Request) -> dict[str, Any]:
    # slack_sdk sends some methods' arguments (conversations.open) as query parameters.
    args = {key: _maybe_json(value) for key, value in request.query.items()}
    if request.method == "GET":
        return args
    if request.content_type == "application/json":
        data = await request.json()
        args.update({k: _maybe_json(v) for k, v in data.items()})
        return args
    form = parse_qs(await request.text())
    args.update({key: _maybe_json(values[0]) for key, values in form.items()})
    return args


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _json_arg(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
