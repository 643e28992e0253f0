from datetime import datetime
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel

from storage.models._types import UTCDateTime


class GuidedConversation(SQLModel, table=True):
    """A person's step-by-step application in the chat, before it is sent.

    One per person (the primary key): the answers so far and the step they are at, kept
    between messages, restarts and days. Deleted when the application is sent or `avbryt`.
    Nothing here is an application; no account row exists until Skicka ansökan.
    """

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    step: str
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
