"""The outbox's write side: enqueue a message, edit it in place, ask about it by key.

A flow names each message with a key (`daily:7:2026-11-26`). Enqueueing is idempotent
on it, so a sweep run twice sends nothing twice. One message can become several rows
(a copy per platform, `key@platform`; an edit, `…#updateN`); every row carries the
flow's key as `message_key`, so the queue finds a message's rows by exact key and the
row keys stay the queue's own business.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from bot.core import Core
from bot.messages import Message
from bot.platforms import COMMUNICATORS
from storage.bulk import insert_many
from storage.models import OutboxMessage, OutboxStatus

# Where `collect_updates` keeps the edits made in a unit of work (a SQLAlchemy session's
# own scratch dict lives exactly as long as the request's unit of work).
_UPDATES = "outbox.updates"
# SQLite's limit on bound parameters is the tightest of the databases we run on.
_CHUNK = 500


def enqueue_to_person(
    session: Session, core: Core, key: str, person_id: int, message: Message
) -> bool:
    return insert(session, core, key, key, "person", str(person_id), None, message)


def enqueue_answer(
    session: Session, core: Core, key: str, person_id: int, platform: str, message: Message
) -> bool:
    """A DM answering what a person just did, on the platform where they did it.

    For notices and receipts a platform used to send directly: through the outbox they
    survive the platform being down at that moment, and the key (from the interaction)
    keeps a retried interaction from answering twice.
    """
    return insert(session, core, key, key, "person", str(person_id), platform, message)


def enqueue_to_communicators(session: Session, core: Core, key: str, message: Message) -> bool:
    """One row per platform that has a communicators' channel; key gets the platform appended."""
    added = False
    for platform, sender in core.senders.items():
        if sender.has_channel(COMMUNICATORS):
            row_key = f"{key}@{platform}"
            added |= insert(
                session, core, row_key, key, "channel", COMMUNICATORS, platform, message
            )
    if not core.senders:
        # No platform wired (e.g. `tick` without credentials): keep it for when one is.
        added = insert(session, core, key, key, "channel", COMMUNICATORS, None, message)
    return added


def enqueue_update(session: Session, core: Core, key: str, message: Message) -> None:
    """Edit a message in place everywhere it went (e.g. remove buttons after a decision).

    One edit per copy of the message, however often it was edited before: earlier edits
    are rows of their own and are never edited themselves.
    """
    copies = session.exec(
        select(OutboxMessage).where(
            OutboxMessage.message_key == key, col(OutboxMessage.replaces_key).is_(None)
        )
    ).all()
    for copy in copies:
        if copy.status == OutboxStatus.SENT and copy.sent_ref is None:
            continue  # a platform-less row that was fanned out; its copies carry the refs
        if copy.status in (OutboxStatus.PENDING, OutboxStatus.FAILED):
            # Not out yet: send the new content instead of sending twice.
            copy.payload = message.model_dump()
            session.add(copy)
            continue
        earlier = session.exec(
            select(func.count()).where(OutboxMessage.replaces_key == copy.key)
        ).one()
        insert(
            session,
            core,
            f"{copy.key}#update{earlier + 1}",
            key,
            copy.recipient_kind,
            copy.recipient,
            copy.sent_platform or copy.platform,
            message,
            replaces_key=copy.key,
        )
    updates = session.info.get(_UPDATES)
    if updates is not None and copies:
        updates[key] = message


@contextmanager
def collect_updates(session: Session) -> Iterator[dict[str, Message]]:
    """The messages edited (`enqueue_update`) inside the block, by key: what a press changed."""
    outer = session.info.get(_UPDATES)
    updates: dict[str, Message] = {}
    session.info[_UPDATES] = updates
    try:
        yield updates
    finally:
        if outer is None:
            session.info.pop(_UPDATES, None)
        else:
            session.info[_UPDATES] = outer
            outer.update(updates)


def enqueued(session: Session, keys: Iterable[str]) -> set[str]:
    """Which of these message keys have been enqueued (sent or not)."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        found.update(
            session.exec(
                select(OutboxMessage.message_key).where(col(OutboxMessage.message_key).in_(chunk))
            ).all()
        )
    return found


def redact(session: Session, keys: Iterable[str], message: Message) -> None:
    """Replace the stored content of these messages (every copy and edit) with `message`.

    For disposal: what was sent must not stay in the database. Rows still waiting are
    left alone; the flow edits them in place with `enqueue_update` if it wants to.
    """
    wanted = list(dict.fromkeys(keys))
    payload = message.model_dump()
    for start in range(0, len(wanted), _CHUNK):
        rows = session.exec(
            select(OutboxMessage).where(
                col(OutboxMessage.message_key).in_(wanted[start : start + _CHUNK]),
                OutboxMessage.status != OutboxStatus.PENDING,
            )
        ).all()
        for row in rows:
            row.payload = payload
            session.add(row)


def insert(
    session: Session,
    core: Core,
    key: str,
    message_key: str,
    recipient_kind: str,
    recipient: str,
    platform: str | None,
    message: Message,
    *,
    replaces_key: str | None = None,
) -> bool:
    """Add one row unless its key is taken; True when added (and the dispatcher woken)."""
    now = core.now()
    values: dict[str, Any] = {
        "key": key,
        "message_key": message_key,
        "recipient_kind": recipient_kind,
        "recipient": recipient,
        "platform": platform,
        "replaces_key": replaces_key,
        "payload": message.model_dump(),
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }
    # One statement, no savepoint: a key enqueued before (by this or another process,
    # even concurrently) is left alone. Sweeps enqueue thousands of rows a morning.
    statement = (
        _insert_for(session)(OutboxMessage)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(OutboxMessage.id)  # type: ignore[arg-type]
    )
    if session.execute(statement).first() is None:
        return False
    core.wake_outbox()
    return True


def enqueue_many_to_people(
    session: Session, core: Core, messages: Iterable[tuple[str, int, Message]]
) -> int:
    """Many `enqueue_to_person` at once: (key, person id, message) each, thousands of rows
    an INSERT … ON CONFLICT DO NOTHING (`storage.bulk`), so a morning of tens of thousands
    of DMs costs a handful of statements. Keys enqueued before are left alone; returns how
    many rows were added."""
    return _insert_many(
        session,
        core,
        (
            _row(core, key, key, "person", str(person_id), None, message)
            for key, person_id, message in messages
        ),
    )


def enqueue_many_to_communicators(
    session: Session, core: Core, messages: Iterable[tuple[str, Message]]
) -> int:
    """Many `enqueue_to_communicators` at once: (key, message) each, batched like
    `enqueue_many_to_people`. Returns how many rows were added."""
    platforms = [p for p, sender in core.senders.items() if sender.has_channel(COMMUNICATORS)]
    rows = (
        _row(core, f"{key}@{platform}", key, "channel", COMMUNICATORS, platform, message)
        for key, message in messages
        for platform in platforms
    )
    if not core.senders:
        # No platform wired (e.g. `tick` without credentials): keep them for when one is.
        rows = (
            _row(core, key, key, "channel", COMMUNICATORS, None, message)
            for key, message in messages
        )
    return _insert_many(session, core, rows)


def _row(
    core: Core,
    key: str,
    message_key: str,
    recipient_kind: str,
    recipient: str,
    platform: str | None,
    message: Message,
) -> dict[str, Any]:
    now = core.now()
    return {
        "key": key,
        "message_key": message_key,
        "recipient_kind": recipient_kind,
        "recipient": recipient,
        "platform": platform,
        "replaces_key": None,
        "payload": message.model_dump(),
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


def _insert_many(session: Session, core: Core, rows: Iterable[dict[str, Any]]) -> int:
    """Thousands of rows a statement (`storage.bulk`); a key enqueued before is skipped."""
    added = len(
        insert_many(session, OutboxMessage.__table__, rows, conflict=["key"], returning=["id"])
    )
    if added:
        core.wake_outbox()
    return added


def _insert_for(session: Session):  # type: ignore[no-untyped-def]
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert
    return sqlite_insert
