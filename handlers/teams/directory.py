"""Who a Teams user is: their Person (member lookup on first sight) and whether they communicate.

A communicator in Teams is someone named in COMMUNICATORS (e-mail or any platform id, e.g.
AAD object id or Teams user id) or a member of the team whose channel was registered as the
communicators' channel (standard channels have the team's members, so team membership is
channel membership).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import ChannelAccount
from botbuilder.schema.teams import TeamsChannelAccount
from sqlmodel import Session

from bot import people
from bot.core import Core
from bot.platforms import COMMUNICATORS
from bot.router import Resolve, Who
from handlers.teams import conversations
from storage.models import Person

log = logging.getLogger(__name__)

MEMBERS_CACHE_SECONDS = 60.0


class TeamsDirectory:
    def __init__(self, core: Core) -> None:
        self.core = core
        # (team id, Teams user id) → (is member, when looked up)
        self._membership: dict[tuple[str, str], tuple[bool, float]] = {}

    def resolver(self, turn: TurnContext) -> Resolve:
        """How the core finds out who sent this turn (a look-up, maybe over Teams' API)."""

        async def resolve() -> Who:
            return await self.resolve(turn)

        return resolve

    async def resolve(self, turn: TurnContext) -> Who:
        """Who the sender is, without holding a transaction across Teams' API.

        Reads first, then the network look-ups outside any session, then a short unit of
        work to save a new person: on SQLite an open write would block every other request.
        """
        user = turn.activity.from_property
        with self.core.session() as session:
            person = people.find_by_identity(session, "teams", user.id)
            channel = conversations.find(session, conversations.CHANNEL, COMMUNICATORS)
            team_id = channel.team_id if channel is not None else None
        if person is None or not (person.name and person.email):
            member = await self._lookup(turn, user.id)
            with self.core.session() as session:
                person = self._save(session, user, member)
        assert person.id is not None
        return Who(person.id, await self._communicates(turn, person, user.id, team_id))

    async def _communicates(
        self, turn: TurnContext, person: Person, teams_id: str, team_id: str | None
    ) -> bool:
        with self.core.session() as session:
            if people.named_communicator(session, self.core.settings.communicators, person):
                return True
        if not team_id:
            return False
        return await self._is_member(turn, team_id, teams_id)

    def _save(self, session: Session, user: ChannelAccount, member: Any) -> Person:
        return people.get_or_create(
            session,
            "teams",
            user.id,
            self.core.now(),
            name=_get(member, "name") or user.name or "",
            email=_get(member, "email") or _get(member, "user_principal_name"),
            also=_aad(_get(member, "aad_object_id") or user.aad_object_id),
        )

    async def resolve_aad(self, turn: TurnContext, aad_id: str) -> int:
        """The person id of someone chosen in a people picker (an AAD object id).

        Looked up before the form's unit of work, like `resolve`: reads, network, short write.
        """
        with self.core.session() as session:
            known = people.find_by_identity(session, "aad", aad_id)
            in_teams = (
                known is not None
                and known.id is not None
                and people.identity_of(session, known.id, "teams")
            )
            tenant = conversations.tenant_of(turn.activity)
            team_ids = [team.key for team in conversations.teams(session, tenant)]
        if known is not None and known.id is not None and in_teams:
            return known.id
        member = await self._lookup(turn, aad_id) or await self._lookup_in_teams(
            turn, team_ids, aad_id
        )
        with self.core.session() as session:
            person = self._save_picked(session, aad_id, member)
            assert person.id is not None
            return person.id

    def _save_picked(self, session: Session, aad_id: str, member: Any) -> Person:
        teams_id = _get(member, "id")
        email = _get(member, "email") or _get(member, "user_principal_name")
        if teams_id:
            return people.get_or_create(
                session,
                "teams",
                teams_id,
                self.core.now(),
                name=_get(member, "name") or "",
                email=email,
                also=_aad(aad_id),
            )
        # Not in this conversation: remember the AAD id; the sender opens a chat later.
        return people.get_or_create(session, "aad", aad_id, self.core.now(), home_platform="teams")

    async def _is_member(self, turn: TurnContext, team_id: str, user_id: str) -> bool:
        cached = self._membership.get((team_id, user_id))
        if cached and time.monotonic() - cached[1] < MEMBERS_CACHE_SECONDS:
            return cached[0]
        connector = turn.turn_state.get(BotAdapter.BOT_CONNECTOR_CLIENT_KEY)
        try:
            await connector.conversations.get_conversation_member(team_id, user_id)
            member = True
        except Exception as error:  # 404 MemberNotFoundInConversation, or Teams unreachable
            log.info("team member lookup %s failed: %s", team_id, type(error).__name__)
            member = False
        self._membership[(team_id, user_id)] = (member, time.monotonic())
        return member

    async def _lookup_in_teams(self, turn: TurnContext, team_ids: list[str], user_id: str) -> Any:
        """Someone outside this chat (a person picked in a form): ask the teams the bot is in."""
        connector = turn.turn_state.get(BotAdapter.BOT_CONNECTOR_CLIENT_KEY)
        for team_id in team_ids:
            try:
                member = await connector.conversations.get_conversation_member(team_id, user_id)
            except Exception as error:  # not in that team, or looked up by an id it won't take
                log.info("Teams team member lookup failed: %s", type(error).__name__)
                member = await self._scan_team(connector, team_id, user_id)
            if member is not None:
                return _teams_account(member)
        return None

    async def _scan_team(self, connector: Any, team_id: str, aad_id: str) -> Any:
        """The member with this AAD object id, from the team's member list (some Bot Framework
        services look members up by Teams id only)."""
        try:
            members = await connector.conversations.get_conversation_members(team_id)
        except Exception as error:
            log.info("Teams team member list failed: %s", type(error).__name__)
            return None
        for member in members:
            extra = member.additional_properties or {}
            if aad_id in (member.aad_object_id, extra.get("aadObjectId"), extra.get("objectId")):
                return member
        return None

    async def _lookup(self, turn: TurnContext, user_id: str) -> Any:
        try:
            return await TeamsInfo.get_member(turn, user_id)
        except Exception as error:  # the user is not in this conversation, or lookup failed
            log.info("Teams member lookup failed: %s", type(error).__name__)
            return None


def _teams_account(member: Any) -> TeamsChannelAccount:
    return TeamsChannelAccount().deserialize(
        dict(member.serialize(), **(member.additional_properties or {}))
    )


def _aad(object_id: str | None) -> dict[str, str]:
    """The AAD object id as an identity: the same person in every tool of the tenant."""
    return {"aad": object_id} if object_id else {}


def _get(member: Any, name: str) -> str | None:
    value = getattr(member, name, None) if member is not None else None
    return value or None
