"""A fake Bot Connector (Teams' side of Bot Framework) on loopback: records and answers.

Activities the bot sends, cards it edits, conversations it opens, and member look-ups.
Failures can be queued per operation: `fail("send", status=429, retry_after=2)`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.recorded import record

CARD = "application/vnd.microsoft.card.adaptive"


@dataclass
class Sent:
    operation: str  # "send", "reply", "update", "create"
    conversation_id: str
    activity_id: str
    body: dict[str, Any]

    @property
    def card(self) -> dict[str, Any] | None:
        for attachment in self.body.get("attachments") or []:
            if attachment.get("contentType") == CARD:
                return attachment["content"]
        return None

    @property
    def text(self) -> str:
        """Everything a person would read: the text, or the card's text blocks and facts."""
        if self.card is None:
            return self.body.get("text") or ""
        return card_text(self.card)


def card_text(card: dict[str, Any]) -> str:
    return "\n".join(_element_texts(card.get("body", [])))


def _element_texts(elements: list[dict[str, Any]]) -> list[str]:
    parts: list[str] = []
    for element in elements:
        if element.get("type") == "Container":  # e.g. a quote
            parts.extend(_element_texts(element.get("items", [])))
        elif element.get("type") == "TextBlock":
            parts.append(element["text"])
        elif element.get("type") == "FactSet":
            parts.extend(f"{f['title']}: {f['value']}" for f in element["facts"])
        elif "label" in element:
            parts.append(element["label"])
    return parts


def card_buttons(card: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list((card or {}).get("actions") or [])


@dataclass
class Failure:
    status: int
    retry_after: int | None = None


@dataclass
class FakeBotConnector:
    # Teams user id and AAD object id → member record (as Teams returns it).
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Conversation id → the member ids in it; a conversation not listed finds every member.
    conversation_members: dict[str, set[str]] = field(default_factory=dict)
    # Like the Agents Playground: member look-ups by Teams id only (Teams takes AAD ids too).
    lookup_by_teams_id_only: bool = False
    # Member ids for whom Teams refuses to open a 1:1 chat (e.g. app blocked by policy).
    unreachable: set[str] = field(default_factory=set)
    # Files offered for download (name → bytes), as Teams' file links and inline images.
    files: dict[str, bytes] = field(default_factory=dict)
    downloads: list[tuple[str, str | None]] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    lookups: list[tuple[str, str]] = field(default_factory=list)
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    url: str = ""

    def add_member(self, teams_id: str, aad_id: str, name: str, email: str) -> None:
        record = {
            "id": teams_id,
            "name": name,
            "aadObjectId": aad_id,
            "email": email,
            "userPrincipalName": email,
            "givenName": name.split()[0],
            "surname": name.split()[-1],
            "tenantId": "tenant-1",
            "userRole": "user",
        }
        self.members[teams_id] = record
        self.members[aad_id] = record

    def fail(self, operation: str, status: int, *, times: int = 1, retry_after: int | None = None):
        self.failures.setdefault(operation, []).extend([Failure(status, retry_after)] * times)

    def to(self, conversation_id: str, *operations: str) -> list[Sent]:
        wanted = operations or ("send", "reply")
        return [
            s for s in self.sent if s.conversation_id == conversation_id and s.operation in wanted
        ]

    def of(self, *operations: str) -> list[Sent]:
        return [s for s in self.sent if s.operation in operations]

    def clear(self) -> None:
        self.sent.clear()
        self.lookups.clear()

    def app(self) -> web.Application:
        app = web.Application()
        base = "/v3/conversations"
        app.router.add_post(base, self._create)
        app.router.add_post(base + "/{conversation}/activities", self._send)
        app.router.add_post(base + "/{conversation}/activities/{activity}", self._send)
        app.router.add_put(base + "/{conversation}/activities/{activity}", self._update)
        app.router.add_get(base + "/{conversation}/members/{member}", self._member)
        app.router.add_get(base + "/{conversation}/members", self._members)
        app.router.add_get("/files/{name}", self._download)
        return app

    async def _download(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        self.downloads.append((name, request.headers.get("Authorization")))
        if name not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[name], content_type="application/octet-stream")

    def _failure(self, operation: str) -> web.Response | None:
        pending = self.failures.get(operation)
        if not pending:
            return None
        failure = pending.pop(0)
        self.sent.append(Sent(operation + "!failed", "", "", {}))
        headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
        error = {"error": {"code": "Throttled" if failure.status == 429 else "ServiceError"}}
        return web.json_response(error, status=failure.status, headers=headers)

    async def _create(self, request: web.Request) -> web.Response:
        if (failed := self._failure("create")) is not None:
            return failed
        body = await request.json()
        member = ((body.get("members") or [{}])[0]).get("id", "")
        if member in self.unreachable or member not in self.members:
            error = {"error": {"code": "Forbidden", "message": "Bot is not installed"}}
            return web.json_response(error, status=403)
        conversation_id = f"a:chat-{self.members[member]['id']}"
        self.sent.append(Sent("create", conversation_id, "", body))
        return web.json_response({"id": conversation_id, "serviceUrl": self.url})

    async def _send(self, request: web.Request) -> web.Response:
        if (failed := self._failure("send")) is not None:
            return failed
        body = await request.json()
        conversation = request.match_info["conversation"]
        activity_id = f"act-{next(self._ids)}"
        operation = "reply" if "activity" in request.match_info else "send"
        self._record(Sent(operation, conversation, activity_id, body))
        return web.json_response({"id": activity_id})

    async def _update(self, request: web.Request) -> web.Response:
        if (failed := self._failure("update")) is not None:
            return failed
        body = await request.json()
        conversation, activity_id = (
            request.match_info["conversation"],
            request.match_info["activity"],
        )
        self._record(Sent("update", conversation, activity_id, body))
        return web.json_response({"id": activity_id})

    def _record(self, sent: Sent) -> None:
        self.sent.append(sent)
        if sent.card is not None:
            record("teams", sent.operation, sent.card)

    async def _member(self, request: web.Request) -> web.Response:
        conversation, member = request.match_info["conversation"], request.match_info["member"]
        self.lookups.append((conversation, member))
        record = self.members.get(member)
        if self.lookup_by_teams_id_only and record is not None and record["id"] != member:
            record = None
        allowed = self.conversation_members.get(conversation)
        if record is None or (allowed is not None and not {record["id"], member} & allowed):
            error = {"error": {"code": "MemberNotFoundInConversation", "message": "not found"}}
            return web.json_response(error, status=404)
        return web.json_response(record)

    async def _members(self, request: web.Request) -> web.Response:
        conversation = request.match_info["conversation"]
        allowed = self.conversation_members.get(conversation)
        unique = {r["id"]: r for r in self.members.values()}
        found = [r for i, r in unique.items() if allowed is None or i in allowed]
        return web.json_response(found)
