"""sweep runs: once-a-morning sweeps marked done per day; indexes on what minutely sweeps ask

Revision ID: 0023_sweep_runs
Revises: 0022_inbound_handled
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models._types

revision: str = "0023_sweep_runs"
down_revision: str | Sequence[str] | None = "0022_inbound_handled"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What the every-minute sweeps filter on ("due at" columns and the admins-check's changes).
INDEXES = [
    ("ix_account_pause_until", "account", "pause_until"),
    ("ix_pendingupload_expires_at", "pendingupload", "expires_at"),
    ("ix_gdprrequest_exported_at", "gdprrequest", "exported_at"),
    ("ix_person_departed_at", "person", "departed_at"),
    ("ix_accountadmin_decided_at", "accountadmin", "decided_at"),
    ("ix_adminshortage_ended_at", "adminshortage", "ended_at"),
]

# The dispatcher's claim: only rows still to send (partial), not every row ever sent.
OUTBOX_PARTIAL = [
    ("ix_outboxmessage_pending_due", "next_attempt_at", "pending"),
    ("ix_outboxmessage_sending_claimed", "claimed_at", "sending"),
]


def upgrade() -> None:
    op.create_table(
        "sweep_run",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("done_at", storage.models._types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", "day"),
    )
    for name, table, column in INDEXES:
        op.create_index(name, table, [column])
    for name, column, status in OUTBOX_PARTIAL:
        where = sa.text(f"status = '{status}'")
        op.create_index(name, "outboxmessage", [column], postgresql_where=where, sqlite_where=where)


def downgrade() -> None:
    for name, _column, _status in OUTBOX_PARTIAL:
        op.drop_index(name, table_name="outboxmessage")
    for name, table, _column in INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_table("sweep_run")
