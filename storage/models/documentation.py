from datetime import date, datetime

from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from storage.models._types import UTCDateTime


class DocumentationFile(SQLModel, table=True):
    """One archived screenshot or PDF documenting an account. The newest sets the next deadline."""

    # The same file for the same account is archived once.
    __table_args__ = (UniqueConstraint("account_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    # The name the uploader gave (sanitised); the archived copy's path is relative to ARCHIVE_DIR.
    filename: str = Field(max_length=255)
    path: str = Field(max_length=500)
    content_type: str = Field(max_length=100)
    sha256: str = Field(max_length=64)
    size: int
    uploaded_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    uploader_id: int = Field(foreign_key="person.id")


class PendingUpload(SQLModel, table=True):
    """Someone said they will upload screenshots for an account (`skarmdump`); valid a while."""

    __table_args__ = (UniqueConstraint("person_id", "account_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    account_id: int = Field(foreign_key="account.id")
    # Asked as a communicator (may upload for any account), not as the account's admin.
    as_communicator: bool = False
    requested_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class MajorChangeKind:
    CHANGE = "change"  # a planned major change (`storre-andring`)
    CLOSING = "closing"  # the account is about to be closed


class MajorChange(SQLModel, table=True):
    """A planned major change (or closing): documentation is due before `planned_for`.

    Whether it is documented is derived: any archived file for the account since `created_at`.
    """

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    kind: str = Field(default=MajorChangeKind.CHANGE, max_length=20)
    description: str
    planned_for: date
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
