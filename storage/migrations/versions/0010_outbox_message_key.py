"""outbox message key; the messages sent about each comment

Every outbox row names the message it belongs to (`message_key`, the flow's key), so
the queue finds a message's copies and edits by exact key. `comment_message` records
which messages were sent about which comment, so the comment flows stop reading the
outbox by key prefix. Both are filled from the rows already there.

Revision ID: 0010_outbox_message_key
Revises: 0009_person_identity
Create Date: 2026-11-26 13:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010_outbox_message_key"
down_revision: str | Sequence[str] | None = "0009_person_identity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

outbox = sa.table(
    "outboxmessage",
    sa.column("id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("replaces_key", sa.String),
    sa.column("message_key", sa.String),
)
comment_message = sa.table(
    "commentmessage",
    sa.column("comment_id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("refreshed", sa.Boolean),
)


def _message_key(row_key: str) -> str:
    # Row keys were `key`, `key@platform` and either of those + `#updateN`; flows' keys
    # use neither `@` nor `#`.
    return row_key.split("#", 1)[0].split("@", 1)[0]


def upgrade() -> None:
    op.add_column(
        "outboxmessage",
        sa.Column("message_key", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(outbox.c.id, outbox.c.key)).all()
    for row_id, key in rows:
        connection.execute(
            outbox.update().where(outbox.c.id == row_id).values(message_key=_message_key(key))
        )
    with op.batch_alter_table("outboxmessage") as batch:
        batch.alter_column(
            "message_key",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=255),
            nullable=False,
        )
        batch.create_index(batch.f("ix_outboxmessage_message_key"), ["message_key"], unique=False)

    op.create_table(
        "commentmessage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("refreshed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index(
        op.f("ix_commentmessage_comment_id"), "commentmessage", ["comment_id"], unique=False
    )
    keys = connection.execute(
        sa.select(outbox.c.message_key).where(outbox.c.replaces_key.is_(None)).distinct()
    ).scalars()
    comments = set(connection.execute(sa.text("SELECT id FROM comment")).scalars())
    found = []
    for key in keys:
        # comment:<id>:<kind>:<person> (alerts, refreshed) and
        # comment-unsigned:<id>:<reply>:<person> (notices, only redacted).
        prefix, _, rest = key.partition(":")
        comment_id = rest.split(":", 1)[0]
        known = comment_id.isdigit() and int(comment_id) in comments
        if prefix in ("comment", "comment-unsigned") and known:
            found.append(
                {"comment_id": int(comment_id), "key": key, "refreshed": prefix == "comment"}
            )
    if found:
        connection.execute(comment_message.insert(), found)


def downgrade() -> None:
    op.drop_index(op.f("ix_commentmessage_comment_id"), table_name="commentmessage")
    op.drop_table("commentmessage")
    with op.batch_alter_table("outboxmessage") as batch:
        batch.drop_index(batch.f("ix_outboxmessage_message_key"))
        batch.drop_column("message_key")
