from datetime import datetime

from sqlmodel import Column, Field, SQLModel

from storage.models._types import UTCDateTime


class Person(SQLModel, table=True):
    """One human, whichever chat tool they use (matched by e-mail / AAD object id)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = ""
    title: str = ""
    email: str | None = Field(default=None, index=True)
    slack_user_id: str | None = Field(default=None, unique=True)
    teams_user_id: str | None = Field(default=None, unique=True)
    aad_object_id: str | None = Field(default=None, unique=True)
    # Where a DM to this person goes first ("slack" or "teams").
    home_platform: str = "slack"
    # Set when the platform says the person left (Slack user_change deleted).
    departed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
