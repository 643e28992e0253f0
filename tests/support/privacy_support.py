"""Shared by the /gdpr and private-message tests: comments straight through the intake,
the files a message carries, and everything the database holds as one searchable text."""

from __future__ import annotations

import base64
import json

from sqlmodel import select

from bot.flows.comments.intake import Incoming, receive
from storage.models import AuditEntry, Comment, CommentVersion, Evidence, OutboxMessage
from tests.support.comments_support import IG_ID, PAGE_ID

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


# --- Messenger and Instagram Direct, as Meta sends them ---------------------------------

PSID = "7100000000000042"  # the sender's page-scoped id (Messenger sends no name)
IGSID = "1790000000000077"
# 2026-12-01 08:30 Stockholm, in milliseconds as messaging events carry it.
SENT_MS = 1796110200 * 1000


def messaging(
    event: dict, *, obj: str = "page", owner: str | None = None, time: int = SENT_MS
) -> dict:
    entry_id = owner or (PAGE_ID if obj == "page" else IG_ID)
    return {"object": obj, "entry": [{"id": entry_id, "time": time, "messaging": [event]}]}


def private_message(
    mid: str,
    text: str | None,
    *,
    obj: str = "page",
    sender: str | None = None,
    owner: str | None = None,
    echo: bool = False,
    deleted: bool = False,
    attachments: list[dict] | None = None,
) -> dict:
    account = owner or (PAGE_ID if obj == "page" else IG_ID)
    person = sender or (PSID if obj == "page" else IGSID)
    message: dict = {"mid": mid}
    if text is not None:
        message["text"] = text
    if echo:
        message["is_echo"] = True
    if deleted:
        message["is_deleted"] = True
    if attachments:
        message["attachments"] = attachments
    sender_id, recipient_id = (account, person) if echo else (person, account)
    event = {
        "sender": {"id": sender_id},
        "recipient": {"id": recipient_id},
        "timestamp": SENT_MS,
        "message": message,
    }
    return messaging(event, obj=obj, owner=account)


def message_edit(mid: str, text: str, *, sender: str = PSID) -> dict:
    event = {
        "sender": {"id": sender},
        "recipient": {"id": PAGE_ID},
        "timestamp": SENT_MS + 60_000,
        "message_edit": {"mid": mid, "text": text, "num_edit": 1},
    }
    return messaging(event)
