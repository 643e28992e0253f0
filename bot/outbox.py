"""The outbox: every message the bot sends is first a row here.

Enqueueing is idempotent on the key, so a sweep run twice sends nothing twice.
The dispatcher claims due rows, sends them through the platform's Sender, and
marks them sent; a failure is retried with backoff (honouring Retry-After), and a
row left claimed by a process that died is taken up again after a lease.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import func, or_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from bot.clock import as_utc
from bot.core import Core
from bot.messages import Message
from storage.models import OutboxMessage, OutboxStatus, Person

log = logging.getLogger(__name__)

COMMUNICATORS = "communicators"
CLAIM_LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 25
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX = timedelta(hours=1)
BATCH_SIZE = 50
# Recipients served at once. Slack's limits are per method and workspace (chat.postMessage
# about one a second per channel, bursts allowed); a few at a time stays well inside them.
DISPATCH_CONCURRENCY = 4


class SendError(Exception):
    """A send that failed. `retry_after` (seconds) when the platform said when to try again."""

    def __init__(self, reason: str, *, retry_after: float | None = None, permanent: bool = False):
        super().__init__(reason)
        self.retry_after = retry_after
        self.permanent = permanent


class Sender(Protocol):
    """What a chat platform implements so the core can reach people and channels."""

    platform: str

    def can_reach(self, person: Person) -> bool: ...

    def has_channel(self, channel: str) -> bool: ...

    async def send_to_person(self, person: Person, message: Message) -> str: ...

    async def send_to_channel(self, channel: str, message: Message) -> str: ...

    async def update(self, ref: str, message: Message) -> None: ...


def enqueue_to_person(
    session: Session, core: Core, key: str, person_id: int, message: Message
) -> bool:
    return _enqueue(session, core, key, "person", str(person_id), None, message)


def enqueue_to_communicators(session: Session, core: Core, key: str, message: Message) -> bool:
    """One row per platform that has a communicators' channel; key gets the platform appended."""
    added = False
    for platform, sender in core.senders.items():
        if sender.has_channel(COMMUNICATORS):
            added |= _enqueue(
                session, core, f"{key}@{platform}", "channel", COMMUNICATORS, platform, message
            )
    if not core.senders:
        # No platform wired (e.g. `tick` without credentials): keep it for when one is.
        added = _enqueue(session, core, key, "channel", COMMUNICATORS, None, message)
    return added


def enqueue_update(session: Session, core: Core, original_key: str, message: Message) -> None:
    """Edit a message in place everywhere it went (e.g. remove buttons after a decision)."""
    originals = session.exec(
        select(OutboxMessage).where(
            or_(OutboxMessage.key == original_key, OutboxMessage.key.startswith(original_key + "@"))
        )
    ).all()
    for original in originals:
        if original.status == OutboxStatus.SENT and original.sent_ref is None:
            continue  # a platform-less row that was fanned out; its copies carry the refs
        if original.status in (OutboxStatus.PENDING, OutboxStatus.FAILED):
            # Not out yet: send the new content instead of sending twice.
            original.payload = message.model_dump()
            session.add(original)
            continue
        sequence = session.exec(
            select(OutboxMessage).where(OutboxMessage.replaces_key == original.key)
        ).all()
        _enqueue(
            session,
            core,
            f"{original.key}#update{len(sequence) + 1}",
            original.recipient_kind,
            original.recipient,
            original.sent_platform or original.platform,
            message,
            replaces_key=original.key,
        )


def _enqueue(
    session: Session,
    core: Core,
    key: str,
    recipient_kind: str,
    recipient: str,
    platform: str | None,
    message: Message,
    *,
    replaces_key: str | None = None,
) -> bool:
    now = core.now()
    values = {
        "key": key,
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
    insert = _insert_for(session)(OutboxMessage).values(**values)
    statement = insert.on_conflict_do_nothing(index_elements=["key"]).returning(
        OutboxMessage.id  # type: ignore[arg-type]
    )
    if session.execute(statement).first() is None:
        return False
    core.wake_outbox()
    return True


def _insert_for(session: Session):  # type: ignore[no-untyped-def]
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert
    return sqlite_insert


@dataclass
class DispatchReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0


async def dispatch_due(core: Core, *, limit: int = 500) -> DispatchReport:
    """Send every row that is due now; returns what happened."""
    report = DispatchReport()
    if not core.senders:
        # No platform wired (e.g. `tick` without credentials): sending could only fail,
        # so leave the rows untouched (no attempts spent) for a process that can send.
        return report
    while limit > 0:
        claimed = _claim(core, min(BATCH_SIZE, limit))
        if not claimed:
            break
        limit -= len(claimed)
        await _send_batch(core, claimed, report)
    return report


async def _send_batch(core: Core, claimed: list[Claimed], report: DispatchReport) -> None:
    """Several recipients at once; each recipient's messages in order; edits after new messages.

    Edits go last so that an edit of a message claimed in the same batch finds it sent.
    """
    for phase in (False, True):
        queues: dict[tuple[str, str], list[Claimed]] = {}
        for row in claimed:
            if row.is_update == phase:
                queues.setdefault(row.recipient, []).append(row)
        limit = asyncio.Semaphore(DISPATCH_CONCURRENCY)

        async def drain(rows: list[Claimed], limit: asyncio.Semaphore = limit) -> None:
            async with limit:
                for row in rows:
                    await _send_one(core, row, report)

        await asyncio.gather(*(drain(rows) for rows in queues.values()))


@dataclass(frozen=True)
class Claimed:
    id: int
    recipient: tuple[str, str]
    is_update: bool
    claimed_at: datetime


def _claim(core: Core, batch: int) -> list[Claimed]:
    now = core.now()
    with core.session() as session:
        due = (
            select(OutboxMessage)
            .where(
                or_(
                    (OutboxMessage.status == OutboxStatus.PENDING)
                    & (OutboxMessage.next_attempt_at <= now),
                    (OutboxMessage.status == OutboxStatus.SENDING)
                    & (OutboxMessage.claimed_at <= now - CLAIM_LEASE),
                )
            )
            .order_by(OutboxMessage.id)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
        rows = session.exec(due).all()
        for row in rows:
            row.status = OutboxStatus.SENDING
            row.claimed_at = now
            session.add(row)
        return [
            Claimed(row.id, (row.recipient_kind, row.recipient), row.replaces_key is not None, now)
            for row in rows
            if row.id is not None
        ]


async def _send_one(core: Core, claimed: Claimed, report: DispatchReport) -> None:
    with core.session() as session:
        row = session.get(OutboxMessage, claimed.id)
        if row is None or row.status != OutboxStatus.SENDING:
            return
        if row.claimed_at is None or as_utc(row.claimed_at) != claimed.claimed_at:
            return  # our claim ran out and another dispatcher took the row over
        message = Message.model_validate(row.payload)
        if row.recipient_kind == "channel" and row.platform is None and not row.replaces_key:
            _fan_out(session, core, row, message, report)
            return
        try:
            platform, ref = await _deliver(core, session, row, message)
        except SendError as error:
            _schedule_retry(core, row, error, report)
        except Exception as error:  # a bug or an unexpected answer: keep the row, retry later
            log.exception("outbox row %s failed unexpectedly", row.key)
            _schedule_retry(core, row, SendError(type(error).__name__), report)
        else:
            row.status = OutboxStatus.SENT
            row.sent_at = core.now()
            row.sent_ref = ref
            row.sent_platform = platform
            row.last_error = None
            report.sent += 1
        row.attempts += 1
        session.add(row)


async def _deliver(
    core: Core, session: Session, row: OutboxMessage, message: Message
) -> tuple[str, str]:
    if row.replaces_key:
        original = session.exec(
            select(OutboxMessage).where(OutboxMessage.key == row.replaces_key)
        ).one()
        if original.status == OutboxStatus.FAILED:
            raise SendError("det ursprungliga meddelandet kunde inte skickas", permanent=True)
        if original.sent_ref is None:
            # Still on its way (another dispatcher holds it): try again shortly.
            raise SendError("det ursprungliga meddelandet är inte skickat än", retry_after=10)
        sender = _sender(core, original.sent_platform)
        # Always the newest content: an older edit retried late must not undo a newer one.
        newest = session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.replaces_key == row.replaces_key)
            .order_by(col(OutboxMessage.id).desc())
        ).first()
        if newest is not None:
            message = Message.model_validate(newest.payload)
        await sender.update(original.sent_ref, message)
        return sender.platform, original.sent_ref
    if row.recipient_kind == "channel":
        sender = _sender(core, row.platform)
        return sender.platform, await sender.send_to_channel(row.recipient, message)
    person = session.get(Person, int(row.recipient))
    if person is None:
        raise SendError("mottagaren finns inte", permanent=True)
    sender = _sender_for_person(core, person)
    return sender.platform, await sender.send_to_person(person, message)


def _sender(core: Core, platform: str | None) -> Sender:
    sender = core.senders.get(platform or "")
    if sender is None:
        raise SendError(f"plattformen {platform!r} är inte ansluten")
    return sender


def _sender_for_person(core: Core, person: Person) -> Sender:
    preferred = core.senders.get(person.home_platform)
    if preferred is not None and preferred.can_reach(person):
        return preferred
    for sender in core.senders.values():
        if sender.can_reach(person):
            return sender
    raise SendError("personen kan inte nås på någon ansluten plattform")


def _schedule_retry(core: Core, row: OutboxMessage, error: SendError, report: DispatchReport):
    row.last_error = str(error)[:500]
    if error.permanent or row.attempts + 1 >= MAX_ATTEMPTS:
        row.status = OutboxStatus.FAILED
        report.failed += 1
        log.warning("outbox row %s gave up: %s", row.key, row.last_error)
        return
    row.status = OutboxStatus.PENDING
    row.next_attempt_at = core.now() + _backoff(row.attempts, error.retry_after)
    report.retried += 1


def _backoff(attempts: int, retry_after: float | None) -> timedelta:
    delay = timedelta(seconds=BACKOFF_BASE_SECONDS * 2**attempts)
    delay = min(delay, BACKOFF_MAX)
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


def _fan_out(
    session: Session, core: Core, row: OutboxMessage, message: Message, report: DispatchReport
) -> None:
    """A channel row enqueued while no platform was wired: one copy per platform now wired.

    The copies get the usual `key@platform` keys, so updates find them and a second
    fan-out (after a crash) adds nothing.
    """
    platforms = [p for p, sender in core.senders.items() if sender.has_channel(row.recipient)]
    if not platforms:
        _schedule_retry(core, row, SendError("ingen ansluten plattform har kanalen"), report)
        row.attempts += 1
        session.add(row)
        return
    for platform in platforms:
        _enqueue(
            session, core, f"{row.key}@{platform}", "channel", row.recipient, platform, message
        )
    row.status = OutboxStatus.SENT
    row.sent_at = core.now()
    row.last_error = None
    session.add(row)


def status_counts(session: Session) -> dict[str, int]:
    """How many rows are in each state (for `smbot outbox` and health checks)."""
    rows = session.exec(
        select(OutboxMessage.status, func.count()).group_by(col(OutboxMessage.status))
    ).all()
    return {status: count for status, count in rows}


def failed_rows(session: Session, limit: int = 50) -> list[OutboxMessage]:
    return list(
        session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.FAILED)
            .order_by(col(OutboxMessage.id).desc())
            .limit(limit)
        ).all()
    )


def retry_failed(session: Session, now: datetime) -> int:
    """Give rows that gave up another round (e.g. after fixing a token or a channel)."""
    rows = session.exec(
        select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.FAILED)
    ).all()
    for row in rows:
        row.status = OutboxStatus.PENDING
        row.attempts = 0
        row.next_attempt_at = now
        session.add(row)
    return len(rows)
