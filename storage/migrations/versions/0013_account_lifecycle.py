"""account lifecycle: registration, pause, closing, confirmed logins

Revision ID: 0013_account_lifecycle
Revises: 0012_outbox_exactly_once
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models._types

revision: str = "0013_account_lifecycle"
down_revision: str | Sequence[str] | None = "0012_outbox_exactly_once"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = ("registered_at", "pause_requested_at", "closing_started_at")
TEXT = ("pause_reason", "closing_reason")
PEOPLE = (
    "registered_by_id",
    "pause_requested_by_id",
    "pause_approved_by_id",
    "closing_started_by_id",
    "closed_by_id",
)


def _fk(column: str) -> str:
    return f"fk_account_{column}_person"


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        for column in WHEN:
            batch_op.add_column(
                sa.Column(column, storage.models._types.UTCDateTime(timezone=True), nullable=True)
            )
        for column in TEXT:
            batch_op.add_column(
                sa.Column(column, sqlmodel.sql.sqltypes.AutoString(), nullable=True)
            )
        batch_op.add_column(sa.Column("documented_before_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("pause_until", sa.Date(), nullable=True))
        for column in PEOPLE:
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch_op.create_foreign_key(_fk(column), "person", [column], ["id"])
    with op.batch_alter_table("accountadmin", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "login_confirmed_at",
                storage.models._types.UTCDateTime(timezone=True),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("accountadmin", schema=None) as batch_op:
        batch_op.drop_column("login_confirmed_at")
    with op.batch_alter_table("account", schema=None) as batch_op:
        for column in PEOPLE:
            batch_op.drop_constraint(_fk(column), type_="foreignkey")
            batch_op.drop_column(column)
        for column in (*WHEN, *TEXT, "documented_before_on", "pause_until"):
            batch_op.drop_column(column)
