"""outbox exactly once: claim tokens, sends in doubt; one open shortage per account

Revision ID: 0012_outbox_exactly_once
Revises: 0011_audit_chain
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models._types

revision: str = "0012_outbox_exactly_once"
down_revision: str | Sequence[str] | None = "0011_audit_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outboxmessage", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("claim_token", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "in_doubt_since", storage.models._types.UTCDateTime(timezone=True), nullable=True
            )
        )
    _end_duplicate_open_shortages()
    with op.batch_alter_table("adminshortage", schema=None) as batch_op:
        batch_op.add_column(sa.Column("open_account_id", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint("uq_adminshortage_open_account_id", ["open_account_id"])
    op.execute("UPDATE adminshortage SET open_account_id = account_id WHERE ended_at IS NULL")


def _end_duplicate_open_shortages() -> None:
    # Races before this revision may have opened two for one account: keep the oldest open.
    op.execute(
        "UPDATE adminshortage SET ended_at = started_at WHERE ended_at IS NULL AND id NOT IN "
        "(SELECT MIN(id) FROM adminshortage WHERE ended_at IS NULL GROUP BY account_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("adminshortage", schema=None) as batch_op:
        batch_op.drop_constraint("uq_adminshortage_open_account_id", type_="unique")
        batch_op.drop_column("open_account_id")
    with op.batch_alter_table("outboxmessage", schema=None) as batch_op:
        batch_op.drop_column("in_doubt_since")
        batch_op.drop_column("claim_token")
