"""A fake Slack Web API on loopback: records every call and answers like Slack.

Failures can be queued per method: `fail("chat.postMessage", status=429, retry_after=1)`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
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
        return app

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _arguments(request)
        delay = self.latency + (self.latency_for(method, args) if self.latency_for else 0.0)
        if delay:
            await asyncio.sleep(delay)
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
        return web.json_response(self._answer(method, args))

    async def _download(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        self.downloads.append((file_id, request.headers.get("Authorization", "")))
        content = self.files.get(file_id)
        if content is None:
            return web.Response(status=404)
        return web.Response(body=content, content_type="application/octet-stream")

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(args.get("users", ""))}}
        if method in ("chat.postMessage", "chat.update"):
            ts = args.get("ts") or f"{1700000000 + next(self._ts)}.000100"
            return {"ok": True, "channel": args.get("channel"), "ts": ts}
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
