"""audit chain: each audit entry hashes its content and the previous entry's hash

Existing entries are hashed in id order here, so the chain covers the whole log.

Revision ID: 0011_audit_chain
Revises: 0010_outbox_message_key
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from storage.models.audit import entry_digest

revision: str = "0011_audit_chain"
down_revision: str | Sequence[str] | None = "0010_outbox_message_key"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("entry_hash", sa.String(length=64), nullable=True))
    _hash_existing()
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.alter_column("entry_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_auditentry_prev_hash"), ["prev_hash"], unique=True)


def _hash_existing() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, at, actor_id, account_id, action, detail FROM auditentry ORDER BY id")
    ).all()
    prev: str | None = None
    for row in rows:
        digest = entry_digest(
            prev, _aware(row.at), row.actor_id, row.account_id, row.action, _json(row.detail)
        )
        connection.execute(
            sa.text("UPDATE auditentry SET prev_hash = :prev, entry_hash = :hash WHERE id = :id"),
            {"prev": prev, "hash": digest, "id": row.id},
        )
        prev = digest


def _aware(value: datetime | str) -> datetime:
    # Raw SQL on SQLite hands back the stored text; the model's type would make it aware UTC.
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _json(value: object) -> dict:
    return json.loads(value) if isinstance(value, str) else dict(value or {})  # type: ignore[call-overload]


def downgrade() -> None:
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auditentry_prev_hash"))
        batch_op.drop_column("entry_hash")
        batch_op.drop_column("prev_hash")
