"""guideline versions: each guideline version smbot has enforced

Revision ID: 0015_guideline_versions
Revises: 0014_comment_versions
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models._types import UTCDateTime

revision: str = "0015_guideline_versions"
down_revision: str | Sequence[str] | None = "0014_comment_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "guidelineversion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("decided_by_role", sa.String(), nullable=False),
        sa.Column("decided_by_name", sa.String(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("took_effect_at", UTCDateTime(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version"),
    )


def downgrade() -> None:
    op.drop_table("guidelineversion")
