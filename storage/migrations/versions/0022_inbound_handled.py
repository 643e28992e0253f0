"""inbound handled: a delivery is taken first and marked handled with its effects

Revision ID: 0022_inbound_handled
Revises: 0021_reply_checks
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models._types

revision: str = "0022_inbound_handled"
down_revision: str | Sequence[str] | None = "0021_reply_checks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inboundevent", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("handled_at", storage.models._types.UTCDateTime(timezone=True), nullable=True)
        )
    # Every delivery recorded before this revision was recorded as handled.
    op.execute("UPDATE inboundevent SET handled_at = received_at")


def downgrade() -> None:
    with op.batch_alter_table("inboundevent", schema=None) as batch_op:
        batch_op.drop_column("handled_at")
