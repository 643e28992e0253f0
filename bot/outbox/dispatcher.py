"""The outbox's sending side: claim due rows, send them, retry what failed.

The dispatcher claims due rows, sends them through the platform's Sender, and marks
them sent; a failure is retried with backoff (honouring Retry-After), and a row left
claimed by a process that died is taken up again after a lease.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlmodel import Session, col, select

from bot.clock import as_utc
from bot.core import Core
from bot.messages import Message
from bot.outbox.queue import insert
from bot.platforms import Sender, SendError
from storage.models import OutboxMessage, OutboxStatus, Person

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 25
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX = timedelta(hours=1)
BATCH_SIZE = 50
# Recipients served at once. Slack's limits are per method and workspace (chat.postMessage
# about one a second per channel, bursts allowed); a few at a time stays well inside them.
DISPATCH_CONCURRENCY = 4


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
        claimed = claim(core, min(BATCH_SIZE, limit))
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
                    await send_one(core, row, report)

        await asyncio.gather(*(drain(rows) for rows in queues.values()))


@dataclass(frozen=True)
class Claimed:
    id: int
    recipient: tuple[str, str]
    is_update: bool
    claimed_at: datetime


def claim(core: Core, batch: int) -> list[Claimed]:
    """Take up to `batch` due rows (or rows whose claim ran out) for this dispatcher."""
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


async def send_one(core: Core, claimed: Claimed, report: DispatchReport) -> None:
    """Send one claimed row, unless another dispatcher has taken it over since."""
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
        await sender.update(original.sent_ref, message, row.message_key)
        return sender.platform, original.sent_ref
    if row.recipient_kind == "channel":
        sender = _sender(core, row.platform)
        ref = await sender.send_to_channel(row.recipient, message, row.message_key)
        return sender.platform, ref
    person = session.get(Person, int(row.recipient))
    if person is None:
        raise SendError("mottagaren finns inte", permanent=True)
    sender = _sender_for_person(core, person)
    return sender.platform, await sender.send_to_person(person, message, row.message_key)


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


def _schedule_retry(
    core: Core, row: OutboxMessage, error: SendError, report: DispatchReport
) -> None:
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

    The copies get the usual `key@platform` keys, so a second fan-out (after a crash)
    adds nothing; they share the row's message key, so updates find them.
    """
    platforms = [p for p, sender in core.senders.items() if sender.has_channel(row.recipient)]
    if not platforms:
        _schedule_retry(core, row, SendError("ingen ansluten plattform har kanalen"), report)
        row.attempts += 1
        session.add(row)
        return
    for platform in platforms:
        insert(
            session,
            core,
            f"{row.key}@{platform}",
            row.message_key,
            "channel",
            row.recipient,
            platform,
            message,
        )
    row.status = OutboxStatus.SENT
    row.sent_at = core.now()
    row.last_error = None
    session.add(row)
