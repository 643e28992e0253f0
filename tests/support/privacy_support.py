"""Shared by the /gdpr and private-message tests: comments straight through the intake,
the files a message carries, and everything the database holds as one searchable text."""

from __future__ import annotations

import base64
import json

from sqlmodel import select

from bot.flows.comments.intake import Incoming, receive
from storage.models import AuditEntry, Comment, CommentVersion, Evidence, OutboxMessage

VERA = {"name": "Vera Väljare", "id": "2900000000000042"}
OLLE = {"name": "Olle Annan", "id": "2900000000000099"}


def received(  # type: ignore[no-untyped-def]
    core, account_id: int, external_id: str, text: str, author: dict[str, str] = VERA
) -> int:
    """A comment as the Meta webhook's intake stores it; its id."""
    with core.session() as session:
        comment = receive(
            session,
            core,
            account_id,
            Incoming(
                platform="facebook",
                external_id=external_id,
                text=text,
                author_name=author["name"],
                author_external_id=author["id"],
                author_profile=f"https://www.facebook.com/{author['id']}",
                permalink=f"https://www.facebook.com/{external_id}",
            ),
        )
        assert comment is not None and comment.id is not None
        return comment.id


def attachments(message) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A message's files by name, decoded as UTF-8 text."""
    return {a.name: base64.b64decode(a.data_base64).decode("utf-8") for a in message.attachments}


def everything_stored(core) -> str:  # type: ignore[no-untyped-def]
    """Every comment, version, evidence, audit detail and outbox payload, as one JSON text."""
    with core.session() as session:
        rows = {
            "comments": [c.model_dump(mode="json") for c in session.exec(select(Comment))],
            "versions": [v.model_dump(mode="json") for v in session.exec(select(CommentVersion))],
            "evidence": [e.record for e in session.exec(select(Evidence))],
            "audit": [e.detail for e in session.exec(select(AuditEntry))],
            "outbox": [r.payload for r in session.exec(select(OutboxMessage))],
        }
    return json.dumps(rows, ensure_ascii=False)


def audit_entries(core, action: str) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with core.session() as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)).all())
