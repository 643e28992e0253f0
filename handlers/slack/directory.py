"""Who a Slack user is: their Person (users.info on first sight) and whether they communicate."""

from __future__ import annotations

import logging
import time

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from bot import people
from bot.core import Core
from bot.router import Who
from handlers.slack.errors import error_code
from handlers.slack.settings import slack_settings
from storage.models import Person

log = logging.getLogger(__name__)

MEMBERS_CACHE_SECONDS = 60.0


class SlackDirectory:
    def __init__(self, core: Core, client: AsyncWebClient) -> None:
        self.core = core
        self.client = client
        self._members: frozenset[str] = frozenset()
        self._members_at = float("-inf")

    def _save(self, session: Session, user_id: str, profile: dict) -> Person:
        person = people.get_or_create(
            session,
            "slack",
            user_id,
            self.core.now(),
            name=profile.get("real_name") or profile.get("display_name") or "",
            email=profile.get("email"),
        )
        if profile.get("title") and not person.title:
            person.title = profile["title"]
        return person

    async def resolve(self, user_id: str) -> Who:
        """Who a Slack user is, without holding a transaction across Slack's API.

        The network calls (users.info, conversations.members) happen outside any session;
        a new person is saved in its own short unit of work. On SQLite an open write
        transaction would otherwise block every other request for the HTTP call's duration.
        """
        with self.core.session() as session:
            known = people.find_by_identity(session, "slack", user_id)
        if known is None or not known.name:
            profile = await self._profile(user_id)
            with self.core.session() as session:
                known = self._save(session, user_id, profile)
        assert known.id is not None
        return Who(known.id, await self.is_communicator(known, user_id))

    async def resolve_ids(self, user_ids: list[str]) -> list[int]:
        return [(await self.resolve(user_id)).person_id for user_id in user_ids]

    async def is_communicator(self, person: Person, slack_id: str) -> bool:
        with self.core.session() as session:
            if people.named_communicator(session, self.core.settings.communicators, person):
                return True
        return slack_id in await self._channel_members()

    async def _profile(self, user_id: str) -> dict:
        try:
            response = await self.client.users_info(user=user_id)
        except SlackApiError as error:
            log.warning("users.info %s failed: %s", user_id, error_code(error))
            return {}
        user = response.get("user") or {}
        profile = dict(user.get("profile") or {})
        profile.setdefault("real_name", user.get("real_name") or user.get("name") or "")
        return profile

    async def _channel_members(self) -> frozenset[str]:
        channel = slack_settings(self.core).slack_communicators_channel
        if not channel:
            return frozenset()
        if time.monotonic() - self._members_at < MEMBERS_CACHE_SECONDS:
            return self._members
        members: set[str] = set()
        cursor = None
        try:
            while True:
                response = await self.client.conversations_members(
                    channel=channel, cursor=cursor, limit=200
                )
                members.update(response.get("members") or [])
                cursor = (response.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    break
        except SlackApiError as error:
            log.warning("conversations.members failed: %s", error_code(error))
            return self._members
        self._members = frozenset(members)
        self._members_at = time.monotonic()
        return self._members

    def forget_members(self) -> None:
        self._members_at = float("-inf")
