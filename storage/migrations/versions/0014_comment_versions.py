"""comment versions: every text a comment had, deletion events, removal deadlines

Each existing comment gets its current text as version 1 (what it had when it arrived,
as far as anyone can tell now), so evidence can name a version for every comment.

Revision ID: 0014_comment_versions
Revises: 0013_account_lifecycle
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models._types

revision: str = "0014_comment_versions"
down_revision: str | Sequence[str] | None = "0013_account_lifecycle"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = storage.models._types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "commentversion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.Column("said", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["comment_id"], ["comment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("comment_id", "number"),
    )
    with op.batch_alter_table("commentversion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commentversion_comment_id"), ["comment_id"])
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_on_platform_at", UTC_TIME, nullable=True))
        batch_op.add_column(sa.Column("removal_due", UTC_TIME, nullable=True))
        batch_op.add_column(
            sa.Column("threat_terms", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.add_column(sa.Column("batched_at", UTC_TIME, nullable=True))
        batch_op.create_index(batch_op.f("ix_comment_removal_due"), ["removal_due"])
        batch_op.create_index(batch_op.f("ix_comment_batched_at"), ["batched_at"])
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version_number", sa.Integer(), nullable=True))
    op.execute(
        "INSERT INTO commentversion (comment_id, number, kind, text, at) "
        "SELECT id, 1, 'received', text, received_at FROM comment WHERE purged_at IS NULL"
    )
    # Comments from before the same-day batch are not sent again as "new".
    op.execute("UPDATE comment SET batched_at = received_at")


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("version_number")
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comment_batched_at"))
        batch_op.drop_index(batch_op.f("ix_comment_removal_due"))
        batch_op.drop_column("batched_at")
        batch_op.drop_column("threat_terms")
        batch_op.drop_column("removal_due")
        batch_op.drop_column("deleted_on_platform_at")
    with op.batch_alter_table("commentversion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commentversion_comment_id"))
    op.drop_table("commentversion")
