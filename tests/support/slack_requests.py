"""Signed Slack requests, shaped like the ones Slack sends, posted over HTTP to `/slack/events`."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp

_ids = itertools.count(1)


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    base = b"v0:" + stamp.encode() + b":" + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class SlackRequests:
    base_url: str
    secret: str
    team_id: str = "T1"
    last_response: dict[str, Any] = field(default_factory=dict)

    async def post(
        self,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
        *,
        signed: bool = True,
        timestamp: int | None = None,
    ) -> tuple[int, str]:
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if signed:
            all_headers.update(sign(self.secret, body, timestamp))
        async with (
            aiohttp.ClientSession() as session,
            session.post(
                self.base_url + "/slack/events", data=body, headers=all_headers
            ) as response,
        ):
            return response.status, await response.text()

    async def command(self, user: str, command: str, text: str = "", channel: str = "C0GEN"):
        form = {
            "token": "x",
            "team_id": self.team_id,
            "channel_id": channel,
            "user_id": user,
            "command": command,
            "text": text,
            "trigger_id": f"trig.{next(_ids)}",
            "response_url": self.base_url + "/unused",
            "api_app_id": "A1",
        }
        return await self.post(urlencode(form).encode(), "application/x-www-form-urlencoded")

    async def interactive(self, payload: dict[str, Any], **kwargs: Any) -> tuple[int, str]:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return await self.post(body, "application/x-www-form-urlencoded", **kwargs)

    async def press(
        self,
        user: str,
        action_id: str,
        value: str = "",
        *,
        channel: str | None = None,
        message_ts: str = "1700000000.000100",
    ) -> tuple[int, str]:
        """Press a button (`action_id` as rendered, e.g. "opening.approve|0")."""
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": {"id": self.team_id},
            "user": {"id": user, "team_id": self.team_id},
            "api_app_id": "A1",
            "trigger_id": f"trig.{next(_ids)}",
            "container": {"type": "message", "message_ts": message_ts},
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b",
                    "value": value,
                    "action_ts": "1700000000.1",
                }
            ],
        }
        if channel:
            payload["channel"] = {"id": channel}
            payload["message"] = {"ts": message_ts}
        return await self.interactive(payload)

    async def submit(
        self, user: str, view: dict[str, Any], state_values: dict[str, Any]
    ) -> tuple[int, str]:
        """Submit a modal as Slack would: the view as opened, with `state.values` filled in."""
        payload = {
            "type": "view_submission",
            "team": {"id": self.team_id},
            "user": {"id": user, "team_id": self.team_id},
            "api_app_id": "A1",
            "trigger_id": f"trig.{next(_ids)}",
            "view": {
                "id": "V1",
                "type": "modal",
                "callback_id": view["callback_id"],
                "private_metadata": view.get("private_metadata", ""),
                "state": {"values": state_values},
                "blocks": view.get("blocks", []),
            },
        }
        return await self.interactive(payload)

    async def shortcut(
        self,
        user: str,
        callback_id: str,
        *,
        message_text: str | None = None,
        channel: str = "C0GEN",
    ) -> tuple[int, str]:
        """A global shortcut, or a message shortcut when `message_text` is given."""
        payload: dict[str, Any] = {
            "type": "shortcut" if message_text is None else "message_action",
            "team": {"id": self.team_id},
            "user": {"id": user, "team_id": self.team_id},
            "api_app_id": "A1",
            "token": "x",
            "callback_id": callback_id,
            "trigger_id": f"trig.{next(_ids)}",
            "action_ts": "1700000000.2",
        }
        if message_text is not None:
            payload["channel"] = {"id": channel, "name": "allmant"}
            payload["message"] = {
                "type": "message",
                "user": "UOTHER",
                "ts": "1700000000.000300",
                "text": message_text,
            }
            payload["message_ts"] = "1700000000.000300"
            payload["response_url"] = self.base_url + "/unused"
        return await self.interactive(payload)

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None
    ) -> tuple[int, str]:
        envelope = {
            "token": "x",
            "team_id": self.team_id,
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_ids)}",
            "event_time": int(time.time()),
            "event": event,
        }
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post(json.dumps(envelope).encode(), "application/json", headers)


def text_value(text: str) -> dict[str, Any]:
    return {"value": {"type": "plain_text_input", "value": text}}


def datetime_value(seconds: Any) -> dict[str, Any]:
    """A datetimepicker's state: the instant picked as epoch seconds (None: nothing picked)."""
    return {"value": {"type": "datetimepicker", "selected_date_time": seconds}}


def select_value(value: str) -> dict[str, Any]:
    return {"value": {"type": "static_select", "selected_option": {"value": value}}}


def checkboxes_value(values: list[str]) -> dict[str, Any]:
    return {"value": {"type": "checkboxes", "selected_options": [{"value": v} for v in values]}}


def user_value(user: str) -> dict[str, Any]:
    return {"value": {"type": "users_select", "selected_user": user}}


def users_value(users: list[str]) -> dict[str, Any]:
    return {"value": {"type": "multi_users_select", "selected_users": users}}
