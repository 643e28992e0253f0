"""Conversation references: where the bot can write to someone later (proactive messages)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ConversationReference
from sqlmodel import Session, select

from storage.models import TeamsConversation

PERSONAL = "personal"
TEAM = "team"
CHANNEL = "channel"


def reference_of(activity: Activity) -> ConversationReference:
    return TurnContext.get_conversation_reference(activity)


def to_dict(reference: ConversationReference) -> dict[str, Any]:
    return reference.serialize()


def from_dict(data: dict[str, Any]) -> ConversationReference:
    return ConversationReference().deserialize(data)


def is_personal(activity: Activity) -> bool:
    """A 1:1 chat with the bot."""
    kind = getattr(activity.conversation, "conversation_type", None)
    # The Agents Playground and the Emulator leave the type out of a 1:1 chat.
    return kind in (None, PERSONAL)


def tenant_of(activity: Activity) -> str | None:
    channel_data = activity.channel_data or {}
    tenant = (
        (channel_data.get("tenant") or {}).get("id") if isinstance(channel_data, dict) else None
    )
    if tenant:
        return tenant
    return getattr(activity.conversation, "tenant_id", None) if activity.conversation else None


def team_of(activity: Activity) -> str | None:
    channel_data = activity.channel_data
    if isinstance(channel_data, dict):
        return (channel_data.get("team") or {}).get("id")
    return None


def save(
    session: Session,
    kind: str,
    key: str,
    reference: ConversationReference,
    now: datetime,
    *,
    person_id: int | None = None,
    team_id: str | None = None,
    tenant_id: str | None = None,
) -> TeamsConversation:
    """Insert or refresh a reference (Teams may move a chat to another service URL)."""
    row = find(session, kind, key)
    if row is None:
        row = TeamsConversation(kind=kind, key=key, reference={}, updated_at=now)
    # Without the triggering activity's id: later posts start a new message, not a reply.
    reference.activity_id = None
    row.reference = to_dict(reference)
    row.updated_at = now
    row.person_id = person_id if person_id is not None else row.person_id
    row.team_id = team_id or row.team_id
    row.tenant_id = tenant_id or row.tenant_id
    session.add(row)
    session.flush()
    return row


def find(session: Session, kind: str, key: str) -> TeamsConversation | None:
    return session.exec(
        select(TeamsConversation).where(
            TeamsConversation.kind == kind, TeamsConversation.key == key
        )
    ).first()


def personal_for(session: Session, person_id: int) -> TeamsConversation | None:
    return session.exec(
        select(TeamsConversation)
        .where(TeamsConversation.kind == PERSONAL, TeamsConversation.person_id == person_id)
        .order_by(TeamsConversation.updated_at.desc())  # type: ignore[attr-defined]
    ).first()


def teams(session: Session, tenant_id: str | None = None) -> list[TeamsConversation]:
    """Teams the bot is installed in, same tenant first."""
    rows = list(session.exec(select(TeamsConversation).where(TeamsConversation.kind == TEAM)))
    return sorted(rows, key=lambda row: row.tenant_id != tenant_id)


def channel_conversation_id(conversation_id: str) -> str:
    """A channel message's conversation id names its thread; posts go to the channel itself."""
    return conversation_id.split(";messageid=", 1)[0]
