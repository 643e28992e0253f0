"""Activities as Teams sends them to `/api/messages`, posted over HTTP like the Bot Connector."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from tests.fakes.recorded import record

BOT = {"id": "28:smbot-bot", "name": "smbot"}
TENANT = "tenant-1"


@dataclass(frozen=True)
class TeamsUser:
    id: str  # the Teams user id ("29:…")
    aad: str  # the AAD object id
    name: str
    email: str

    @property
    def chat(self) -> str:
        """The id of this user's 1:1 chat with the bot."""
        return f"a:chat-{self.id}"

    def account(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "aadObjectId": self.aad}


@dataclass
class Answer:
    status: int
    body: Any

    @property
    def card(self) -> dict[str, Any] | None:
        if isinstance(self.body, dict) and self.body.get("type", "").endswith("card.adaptive"):
            return self.body["value"]
        return None

    @property
    def text(self) -> str | None:
        if isinstance(self.body, dict) and self.body.get("type", "").endswith("activity.message"):
            return self.body["value"]
        return None


def button(card: dict[str, Any], label: str) -> dict[str, Any]:
    """The card's button with this title. A button that asks first (Action.ShowCard) is
    pressed as a person does: open it, read the question, press the same button inside."""
    action = next(a for a in card.get("actions", []) if a["title"] == label)
    if action["type"] == "Action.ShowCard":
        return next(a for a in action["card"]["actions"] if a["title"] == label)
    return action


class TeamsRequests:
    def __init__(
        self,
        bot_url: Callable[[], str],
        service_url: str,
        token: Callable[[str], str] | None = None,
    ) -> None:
        self.bot_url = bot_url
        self.service_url = service_url
        self.token = token
        self._ids = itertools.count(1)

    def _activity(self, user: TeamsUser, kind: str, conversation: dict[str, Any], **extra: Any):
        return {
            "type": kind,
            "id": f"in-{next(self._ids)}",
            "timestamp": "2026-12-01T08:00:00.000Z",
            "serviceUrl": self.service_url,
            "channelId": "msteams",
            "from": user.account(),
            "recipient": BOT,
            "conversation": conversation,
            "channelData": {"tenant": {"id": TENANT}},
            **extra,
        }

    @staticmethod
    def personal(user: TeamsUser) -> dict[str, Any]:
        return {"id": user.chat, "conversationType": "personal", "tenantId": TENANT}

    async def post(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> Answer:
        headers = {"Content-Type": "application/json", **(headers or {})}
        if self.token is not None and "Authorization" not in headers:
            headers["Authorization"] = "Bearer " + self.token(activity["serviceUrl"])
        return await self.post_raw(json.dumps(activity).encode(), headers)

    async def post_raw(self, body: bytes, headers: dict[str, str]) -> Answer:
        async with (
            aiohttp.ClientSession() as http,
            http.post(self.bot_url() + "/api/messages", data=body, headers=headers) as response,
        ):
            text = await response.text()
            try:
                answer = Answer(response.status, json.loads(text) if text else None)
                if answer.card is not None:
                    record("teams", "invoke", answer.card)
                return answer
            except ValueError:
                return Answer(response.status, text)

    async def message(
        self, user: TeamsUser, text: str = "", *, conversation: dict | None = None, **extra: Any
    ) -> Answer:
        activity = self._activity(
            user, "message", conversation or self.personal(user), text=text, **extra
        )
        return await self.post(activity)

    async def press(
        self, user: TeamsUser, card: dict[str, Any], label: str, *, reply_to: str = "", **inputs
    ) -> Answer:
        """Press a card's button (Action.Execute) as Teams does: an adaptiveCard/action invoke."""
        action = button(card, label)
        return await self.execute(user, action["verb"], {**action["data"], **inputs}, reply_to)

    async def submit_fallback(
        self, user: TeamsUser, card: dict[str, Any], label: str, *, reply_to: str = "", **inputs
    ) -> Answer:
        """The same button from a client without Universal Actions (Action.Submit)."""
        action = button(card, label)
        data = {**action["fallback"]["data"], **inputs}
        return await self.message(user, "", value=data, replyToId=reply_to or None)

    async def execute(
        self,
        user: TeamsUser,
        verb: str,
        data: dict[str, Any],
        reply_to: str = "",
        *,
        conversation: dict | None = None,
        trigger: str = "manual",
    ) -> Answer:
        value = {
            "action": {"type": "Action.Execute", "verb": verb, "data": data},
            "trigger": trigger,
        }
        activity = self._activity(
            user,
            "invoke",
            conversation or self.personal(user),
            name="adaptiveCard/action",
            value=value,
            replyToId=reply_to or None,
        )
        return await self.post(activity)

    async def refresh(self, user: TeamsUser, card: dict[str, Any], reply_to: str = "") -> Answer:
        action = card["refresh"]["action"]
        return await self.execute(
            user, action["verb"], action["data"], reply_to, trigger="automatic"
        )

    async def install(self, user: TeamsUser) -> Answer:
        activity = self._activity(user, "installationUpdate", self.personal(user), action="add")
        return await self.post(activity)

    async def install_in_team(self, user: TeamsUser, team_id: str) -> Answer:
        conversation = {"id": team_id, "conversationType": "channel", "tenantId": TENANT}
        activity = self._activity(
            user,
            "conversationUpdate",
            conversation,
            membersAdded=[BOT],
            channelData={"tenant": {"id": TENANT}, "team": {"id": team_id, "name": "Team"}},
        )
        return await self.post(activity)

    async def in_channel(self, user: TeamsUser, team_id: str, channel_id: str, text: str) -> Answer:
        conversation = {
            "id": f"{channel_id};messageid=17000000",
            "conversationType": "channel",
            "tenantId": TENANT,
        }
        activity = self._activity(
            user,
            "message",
            conversation,
            text=f"<at>smbot</at> {text}",
            channelData={
                "tenant": {"id": TENANT},
                "team": {"id": team_id},
                "channel": {"id": channel_id},
            },
        )
        return await self.post(activity)
