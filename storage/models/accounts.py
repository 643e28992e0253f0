from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from storage.models._types import UTCDateTime


class AccountStatus(StrEnum):
    PENDING = "pending"  # application in progress
    REJECTED = "rejected"  # the manager said no
    WITHDRAWN = "withdrawn"  # the applicant took it back
    ACTIVE = "active"
    PAUSED = "paused"  # an active account on a break (no posting reminders) until a date
    CLOSED = "closed"


class AdminStatus(StrEnum):
    NOMINATED = "nominated"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REMOVED = "removed"  # stepped down, left the organisation, or replaced


class Account(SQLModel, table=True):
    """An official social-media account, from application to closing."""

    id: int | None = Field(default=None, primary_key=True)
    platform: str
    # What the platform is when `platform` is "annat" (other).
    platform_other: str | None = None
    name: str
    unit: str
    purpose: str
    audience: str
    resources: str
    owner_id: int = Field(foreign_key="person.id", index=True)
    manager_id: int = Field(foreign_key="person.id", index=True)
    status: str = Field(default=AccountStatus.PENDING, index=True)

    manager_approved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    rejected_reason: str | None = None
    rejected_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    anchored_by_id: int | None = Field(default=None, foreign_key="person.id")
    anchored_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # A communicator asked for more; cleared when the applicant resubmits.
    completion_request: str | None = None
    completion_requested_by_id: int | None = Field(default=None, foreign_key="person.id")
    completion_requested_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # Bumped on every resubmission: the communicators review each revision afresh.
    revision: int = 1
    service_account_url: str | None = None
    credentials_confirmed_by_id: int | None = Field(default=None, foreign_key="person.id")
    credentials_confirmed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # Where the credentials are kept (e.g. a password-manager entry). Never the password.
    credentials_reference: str | None = None

    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    submitted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    activated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    withdrawn_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))

    # An account that existed before smbot: registered (or imported) rather than applied for.
    registered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    registered_by_id: int | None = Field(default=None, foreign_key="person.id")
    # When it was last documented with screenshots before smbot knew it (None: due now).
    documented_before_on: date | None = None
    # A pause: asked for by the owner, approved by a communicator, ends on `pause_until`.
    pause_until: date | None = Field(default=None, index=True)
    pause_reason: str | None = None
    pause_requested_by_id: int | None = Field(default=None, foreign_key="person.id")
    pause_requested_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    pause_approved_by_id: int | None = Field(default=None, foreign_key="person.id")
    # Closing: started with a reason, finished when a communicator confirms removal.
    closing_reason: str | None = None
    closing_started_by_id: int | None = Field(default=None, foreign_key="person.id")
    closing_started_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    closed_by_id: int | None = Field(default=None, foreign_key="person.id")
    # When the last pause ended: posting is counted again from here, not from the last post.
    resumed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


# An account that is still out there on its platform: it keeps its admins, its comments and its
# documentation. A paused account gets no posting reminders; see bot/flows/accounts/pause.py.
LIVE_STATUSES = (AccountStatus.ACTIVE, AccountStatus.PAUSED)


class AccountReview(SQLModel, table=True):
    """The yearly follow-up of one account: asked once per due date (the database holds it),
    done when both the owner and the manager have confirmed."""

    __table_args__ = (UniqueConstraint("account_id", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    due_on: date
    asked_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    owner_confirmed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    owner_confirmed_by_id: int | None = Field(default=None, foreign_key="person.id")
    manager_confirmed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    manager_confirmed_by_id: int | None = Field(default=None, foreign_key="person.id")
    # Both confirmed, or the account went into closing instead.
    done_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class AccountAdmin(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("account_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    is_owner: bool = False
    status: str = Field(default=AdminStatus.NOMINATED)
    nominated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    nominated_by_id: int | None = Field(default=None, foreign_key="person.id")
    decided_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), index=True))
    # When the admin was asked "Jag kan logga in?" (None: never asked, e.g. before smbot asked).
    login_asked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # "Jag kan logga in": the admin confirmed they hold working login details.
    login_confirmed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
