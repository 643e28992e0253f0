from datetime import datetime

from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from storage.models._types import UTCDateTime


class Person(SQLModel, table=True):
    """One human, whichever chat tool they use (matched by e-mail or a shared identity)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = ""
    title: str = ""
    email: str | None = Field(default=None, index=True)
    # Where a DM to this person goes first ("slack" or "teams").
    home_platform: str = "slack"
    # Set when the platform says the person left (Slack user_change deleted).
    departed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), index=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class PersonIdentity(SQLModel, table=True):
    """Who a person is on one platform: ("slack", user id), ("teams", user id), ("aad", object id).

    The platform is free text so a new platform needs no schema change; an identity belongs
    to exactly one person.
    """

    __tablename__ = "person_identity"
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    platform: str
    external_id: str
