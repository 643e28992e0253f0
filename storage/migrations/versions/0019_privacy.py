"""privacy: /gdpr requests, comments erased on request, private messages

Revision ID: 0019_privacy
Revises: 0018_people_change
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models._types

revision: str = "0019_privacy"
down_revision: str | Sequence[str] | None = "0018_people_change"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = storage.models._types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "gdprrequest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("key_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("comment_ids", sa.JSON(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", UTC_TIME, nullable=False),
        sa.Column("exported_at", UTC_TIME, nullable=True),
        sa.Column("exports_cleared_at", UTC_TIME, nullable=True),
        sa.Column("erased_at", UTC_TIME, nullable=True),
        sa.Column("erased_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["requested_by_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["erased_by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="comment",
            )
        )
        batch_op.add_column(sa.Column("erased_request_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_comment_erased_request_id", "gdprrequest", ["erased_request_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_constraint("fk_comment_erased_request_id", type_="foreignkey")
        batch_op.drop_column("erased_request_id")
        batch_op.drop_column("kind")
    op.drop_table("gdprrequest")
