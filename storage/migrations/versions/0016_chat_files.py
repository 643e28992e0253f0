"""chat files: files the bot put into a chat (upload progress; bytes behind a download link)

Revision ID: 0016_chat_files
Revises: 0015_guideline_versions
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models._types import UTCDateTime

revision: str = "0016_chat_files"
down_revision: str | Sequence[str] | None = "0015_guideline_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chatfile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("message_key", sa.String(length=255), nullable=False),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=255), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("platform_file_id", sa.String(length=64), nullable=True),
        sa.Column("uploaded", sa.Boolean(), nullable=False),
        sa.Column("shared_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
        sa.UniqueConstraint(
            "message_key", "platform", "target", "position", name="uq_chatfile_slot"
        ),
    )
    op.create_index("ix_chatfile_expires_at", "chatfile", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_chatfile_expires_at", table_name="chatfile")
    op.drop_table("chatfile")
