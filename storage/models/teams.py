from datetime import datetime
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel, UniqueConstraint

from storage.models._types import UTCDateTime


class TeamsConversation(SQLModel, table=True):
    """A Teams conversation the bot may write to later (a Bot Framework conversation reference).

    kind "personal": the 1:1 chat with a person (key = their Teams user id);
    kind "team": a team the bot is installed in (key = team id), used to open 1:1 chats;
    kind "channel": a named channel such as "communicators" (key = that name).
    """

    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    key: str
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    team_id: str | None = None
    tenant_id: str | None = None
    # ConversationReference as Bot Framework serialises it (serviceUrl, conversation, bot, user).
    reference: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
