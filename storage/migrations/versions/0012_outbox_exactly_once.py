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


def downgrade() -> None:
    with op.batch_alter_table("outboxmessage", schema=None) as batch_op:
        batch_op.drop_column("in_doubt_since")
        batch_op.drop_column("claim_token")
