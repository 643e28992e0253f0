"""person identity: platform ids move from Person's columns into their own table

Revision ID: 0009_person_identity
Revises: 0008
Create Date: 2026-11-25 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009_person_identity"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Person's old column → the identity's platform.
COLUMNS = {"slack_user_id": "slack", "teams_user_id": "teams", "aad_object_id": "aad"}


def upgrade() -> None:
    op.create_table(
        "person_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("platform", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("platform", "external_id"),
    )
    with op.batch_alter_table("person_identity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_identity_person_id"), ["person_id"])
    for column, platform in COLUMNS.items():
        op.execute(
            sa.text(
                "INSERT INTO person_identity (person_id, platform, external_id) "
                f"SELECT id, :platform, {column} FROM person WHERE {column} IS NOT NULL"
            ).bindparams(platform=platform)
        )
    with op.batch_alter_table("person", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.drop_column(column)


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.add_column(
                sa.Column(column, sqlmodel.sql.sqltypes.AutoString(), nullable=True)
            )
            batch_op.create_unique_constraint(f"person_{column}_key", [column])
    for column, platform in COLUMNS.items():
        # A person with several ids on one platform keeps the lowest (the columns hold one).
        op.execute(
            sa.text(
                f"UPDATE person SET {column} = (SELECT MIN(external_id) FROM person_identity "
                "WHERE person_identity.person_id = person.id AND platform = :platform)"
            ).bindparams(platform=platform)
        )
    with op.batch_alter_table("person_identity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_identity_person_id"))
    op.drop_table("person_identity")
