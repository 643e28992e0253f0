"""reply checks and confidential steps: the reply as posted, the tone choice, the channel

Revision ID: 0021_reply_checks
Revises: 0020_guideline_acks_and_guided
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from storage.models._types import UTCDateTime

revision: str = "0021_reply_checks"
down_revision: str | Sequence[str] | None = "0020_guideline_acks_and_guided"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString()


def upgrade() -> None:
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply_text", TEXT, nullable=True))
        batch_op.add_column(sa.Column("reply_link", TEXT, nullable=True))
        batch_op.add_column(sa.Column("reply_remarks", TEXT, nullable=True))
        batch_op.add_column(sa.Column("reply_choice", TEXT, nullable=True))
        batch_op.add_column(sa.Column("confidential_channel", TEXT, nullable=True))
        batch_op.add_column(sa.Column("confidential_moved_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("confidential_moved_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_comment_confidential_moved_by_id_person",
            "person",
            ["confidential_moved_by_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_constraint("fk_comment_confidential_moved_by_id_person", type_="foreignkey")
        for column in (
            "confidential_moved_by_id",
            "confidential_moved_at",
            "confidential_channel",
            "reply_choice",
            "reply_remarks",
            "reply_link",
            "reply_text",
        ):
            batch_op.drop_column(column)
