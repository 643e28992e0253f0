"""guideline acknowledgements (one per person and version) and guided conversations

Numbered 0022 by its brief; it runs after 0018_people_change, the head when it was merged.

Revision ID: 0020_guideline_acks_and_guided
Revises: 0019_privacy
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models._types import UTCDateTime

revision: str = "0020_guideline_acks_and_guided"
down_revision: str | Sequence[str] | None = "0019_privacy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "guidelineacknowledgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("acknowledged_at", UTCDateTime(), nullable=False),
        sa.Column("how", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "version", name="uq_ack_person_version"),
    )
    op.create_index(
        "ix_guidelineacknowledgement_person_id", "guidelineacknowledgement", ["person_id"]
    )
    op.create_table(
        "guidedconversation",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("person_id"),
    )


def downgrade() -> None:
    op.drop_table("guidedconversation")
    op.drop_index("ix_guidelineacknowledgement_person_id", "guidelineacknowledgement")
    op.drop_table("guidelineacknowledgement")
