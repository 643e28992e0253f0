"""people change: login asks, password changes after departures, owner/manager handovers

Revision ID: 0018_people_change
Revises: 0017_account_reviews
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models._types

revision: str = "0018_people_change"
down_revision: str | Sequence[str] | None = "0017_account_reviews"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, storage.models._types.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("accountadmin", schema=None) as batch_op:
        batch_op.add_column(_when("login_asked_at"))
    op.create_table(
        "password_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        _when("requested_at", nullable=False),
        _when("done_at"),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("open_account_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["done_by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("open_account_id"),
    )
    with op.batch_alter_table("password_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_password_change_account_id"), ["account_id"], unique=False
        )
    op.create_table(
        "account_handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        _when("requested_at", nullable=False),
        _when("decided_at"),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("open_key", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["requested_by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("open_key"),
    )
    with op.batch_alter_table("account_handover", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_handover_account_id"), ["account_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("account_handover", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_handover_account_id"))
    op.drop_table("account_handover")
    with op.batch_alter_table("password_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_password_change_account_id"))
    op.drop_table("password_change")
    with op.batch_alter_table("accountadmin", schema=None) as batch_op:
        batch_op.drop_column("login_asked_at")
