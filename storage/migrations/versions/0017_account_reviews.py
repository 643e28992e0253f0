"""account reviews: the yearly follow-up, and when a pause ended

Revision ID: 0017_account_reviews
Revises: 0016_chat_files
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models._types import UTCDateTime

revision: str = "0017_account_reviews"
down_revision: str | Sequence[str] | None = "0016_chat_files"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "accountreview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("asked_at", UTCDateTime(), nullable=False),
        sa.Column("owner_confirmed_at", UTCDateTime(), nullable=True),
        sa.Column("owner_confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("manager_confirmed_at", UTCDateTime(), nullable=True),
        sa.Column("manager_confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("done_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["owner_confirmed_by_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["manager_confirmed_by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "due_on"),
    )
    op.create_index("ix_accountreview_account_id", "accountreview", ["account_id"])
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resumed_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("resumed_at")
    op.drop_index("ix_accountreview_account_id", table_name="accountreview")
    op.drop_table("accountreview")
