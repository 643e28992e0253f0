"""opening flow: platform_other, revision, decision times, nominated_by

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 04:33:07.183315
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models._types

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FK_COMPLETION = "fk_account_completion_requested_by_id_person"
FK_NOMINATED_BY = "fk_accountadmin_nominated_by_id_person"


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("platform_other", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "rejected_at", storage.models._types.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(sa.Column("completion_requested_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "completion_requested_at",
                storage.models._types.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(
            sa.Column(
                "withdrawn_at", storage.models._types.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.create_foreign_key(FK_COMPLETION, "person", ["completion_requested_by_id"], ["id"])
    with op.batch_alter_table("accountadmin", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nominated_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(FK_NOMINATED_BY, "person", ["nominated_by_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("accountadmin", schema=None) as batch_op:
        batch_op.drop_constraint(FK_NOMINATED_BY, type_="foreignkey")
        batch_op.drop_column("nominated_by_id")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_constraint(FK_COMPLETION, type_="foreignkey")
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("revision")
        batch_op.drop_column("completion_requested_at")
        batch_op.drop_column("completion_requested_by_id")
        batch_op.drop_column("rejected_at")
        batch_op.drop_column("platform_other")
