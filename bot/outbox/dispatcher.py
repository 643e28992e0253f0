"""The outbox's sending side: claim due rows, send them, retry what failed.

The dispatcher claims due rows a batch at a time (up to a window ahead), sends them
through the platform's Sender at the pace its rate shaper allows, and marks them sent; a
failure is retried with backoff (honouring Retry-After). While rows are being sent their
claims are renewed (a heartbeat), so a slow platform never lets another dispatcher take
rows still on their way; a row left claimed by a process that died is taken up again
once its lease runs out.

Exactly once: before a send goes out the row is marked `in_doubt_since` (committed with
its claim), and that mark is cleared with the outcome. A row found with the mark set may
have reached the platform (a crash or a timeout mid-send); it is looked up there
(`Sender.find_sent`, the message carries its key) before it is sent again. Platforms
that cannot be asked (Teams) send it again: at least once, a duplicate possible only
after a crash inside the send.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from bot import audit
from bot.core import Core
from bot.markup import escape, link
from bot.messages import Deferred, Message
from bot.outbox import unreachable
from bot.outbox.queue import enqueue_to_communicators, insert
from bot.platforms import Sender, SendError
from storage.models import OutboxMessage, OutboxStatus, Person

log = logging.getLogger(__name__)

# A claim not renewed for this long belongs to a dispatcher that died.
CLAIM_LEASE = timedelta(minutes=5)
# How often (real seconds) a dispatcher renews the claim of the batch it is sending.
HEARTBEAT_SECONDS = 30.0
MAX_ATTEMPTS = 25
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX = timedelta(hours=1)
# Rows claimed a statement. Claims alternate with other dispatchers' (replicas share).
BATCH_SIZE = 25
# Rows claimed and not yet finished, at most: the dispatcher looks this far ahead, so while
# some recipients wait (for a DM channel to be opened, for their channel's rate), messages
# to others go out. A crash holds these back until the lease runs out.
WINDOW = 5000
# Looked-up history starts this much before the first attempt: the platform's clock and ours.
CLOCK_SKEW = timedelta(seconds=60)
# Outcomes are written together: at most this many rows, this long after the first waits.
# At Slack's pace (tens a second) that is a commit every tenth of a second, not one a
# message; a row stays in doubt that much longer (a crash meanwhile: looked up, not resent).
RECORD_BATCH = 100
RECORD_DELAY_SECONDS = 0.1


@dataclass
class DispatchReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0


async def dispatch_due(core: Core, *, limit: int = 500) -> DispatchReport:
    """Send every row that is due now (up to `limit`); returns what happened.

    A pipeline, not batch after batch: rows are claimed in id order and each starts as
    soon as the one before it to the same recipient is done, so every recipient's
    messages keep their order (an edit comes after what it edits) while the others go
    on. The sender's rate shaper sets the pace: a recipient waiting for its turn holds
    up no one else, and nobody waits for the slowest message of a batch.
    """
    report = DispatchReport()
    if not core.senders:
        # No platform wired (e.g. `tick` without credentials): sending could only fail,
        # so leave the rows untouched (no attempts spent) for a process that can send.
        return report
    running: set[asyncio.Task[None]] = set()
    last: dict[tuple[str, str], asyncio.Task[None]] = {}
    claims: dict[str, int] = {}  # claim token -> its rows not yet finished
    recorder = _Recorder(core, report)
    async with _heartbeat(core, claims), _connections(core):
        while limit > 0:
            running = {task for task in running if not task.done()}
            while len(running) >= WINDOW:
                _, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            claimed = claim(core, min(BATCH_SIZE, limit, WINDOW - len(running)))
            if not claimed:
                break
            limit -= len(claimed)
            claims[claimed[0].token] = len(claimed)
            for row in claimed:
                before = last.get(row.recipient)
                task = asyncio.create_task(_in_turn(core, row, before, last, recorder, claims))
                last[row.recipient] = task
                running.add(task)
            await asyncio.sleep(0)  # let the sends start, and other dispatchers claim
        if running:
            await asyncio.gather(*running)
    return report


async def _in_turn(
    core: Core,
    row: Claimed,
    before: asyncio.Task[None] | None,
    last: dict[tuple[str, str], asyncio.Task[None]],
    recorder: _Recorder,
    claims: dict[str, int],
) -> None:
    """Send `row` once `before`, the recipient's message before it, is done (its outcome
    recorded: an edit after it finds it sent)."""
    this = asyncio.current_task()
    try:
        if before is not None:
            await asyncio.wait([before])  # its outcome is its own; only the order matters here
        recorder.sending(row)
        try:
            await send_one(core, row, recorder.report, recorder)
        finally:
            recorder.done(row)
    finally:
        claims[row.token] -= 1
        if not claims[row.token]:
            del claims[row.token]
        if last.get(row.recipient) is this:
            del last[row.recipient]  # the recipient's last row: nothing waits for it


async def send_now(core: Core, key: str) -> None:
    """Send one row just enqueued, at once: an answer the person is waiting for.

    The row is claimed like any other (another dispatcher may have taken it first); if
    the platform fails, it stays in the outbox and is retried like any other row.
    """
    if not core.senders:
        return
    for row in claim(core, 1, key=key):
        await send_one(core, row, DispatchReport())


@contextlib.asynccontextmanager
async def _heartbeat(core: Core, claims: dict[str, int]):  # type: ignore[no-untyped-def]
    """Renew the claims of the rows still being sent."""

    async def beat() -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            for token in list(claims):
                renew(core, token)

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@contextlib.asynccontextmanager
async def _connections(core: Core):  # type: ignore[no-untyped-def]
    """Senders that can keep their connections open while a dispatch runs (Slack) do."""
    async with contextlib.AsyncExitStack() as stack:
        for sender in list(core.senders.values()):
            keep = getattr(sender, "connections", None)
            if keep is not None:
                await stack.enter_async_context(keep())
        yield


def renew(core: Core, token: str) -> None:
    """Move the lease of every row still held under this claim to now."""
    with core.session() as session:
        session.execute(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.claim_token) == token,
                col(OutboxMessage.status) == OutboxStatus.SENDING,
            )
            .values(claimed_at=core.now())
        )


@dataclass(frozen=True)
class Claimed:
    id: int
    recipient: tuple[str, str]
    is_update: bool
    token: str
    # When an earlier attempt began whose outcome is unknown (look before sending again).
    in_doubt_since: datetime | None = None


def claim(core: Core, batch: int, *, key: str | None = None) -> list[Claimed]:
    """Take up to `batch` due rows (or rows whose claim ran out) for this dispatcher."""
    now = core.now()
    token = str(uuid.uuid4())
    with core.session() as session:
        due = select(OutboxMessage).where(
            or_(
                (OutboxMessage.status == OutboxStatus.PENDING)
                & (OutboxMessage.next_attempt_at <= now),
                (OutboxMessage.status == OutboxStatus.SENDING)
                & (OutboxMessage.claimed_at <= now - CLAIM_LEASE),
            )
        )
        if key is not None:
            due = due.where(OutboxMessage.key == key)
        due = due.order_by(OutboxMessage.id).limit(batch).with_for_update(skip_locked=True)
        rows = session.exec(due).all()
        claimed = []
        for row in rows:
            assert row.id is not None
            claimed.append(
                Claimed(
                    row.id,
                    (row.recipient_kind, row.recipient),
                    row.replaces_key is not None,
                    token,
                    row.in_doubt_since,
                )
            )
            row.status = OutboxStatus.SENDING
            row.claimed_at = now
            row.claim_token = token
            if row.in_doubt_since is None and row.replaces_key is None:
                # In doubt from the claim on, committed with it: a crash from here on may
                # have sent it, so its next holder looks before sending. One commit a
                # batch, not one more a message.
                row.in_doubt_since = now
            session.add(row)
        return claimed


def _held(session: Session, claimed: Claimed) -> OutboxMessage | None:
    """The row, if this dispatcher's claim still holds it."""
    row = session.get(OutboxMessage, claimed.id)
    if row is None or row.status != OutboxStatus.SENDING or row.claim_token != claimed.token:
        return None  # sent meanwhile, or our claim ran out and another dispatcher took it
    return row


async def send_one(
    core: Core, claimed: Claimed, report: DispatchReport, recorder: _Recorder | None = None
) -> None:
    """Send one claimed row, unless another dispatcher has taken it over since.

    The platform call holds no database connection: many recipients may wait for their
    turn at once (the rate shaper), none of them holding one of the pool's connections.
    With a `recorder` the outcome is written with others' (returns once it is)."""
    earlier = claimed.in_doubt_since
    with core.session() as session:
        row = _held(session, claimed)
        if row is None:
            return
        message = Message.model_validate(row.payload)
        if row.recipient_kind == "channel" and row.platform is None and not row.replaces_key:
            row.in_doubt_since = None
            _fan_out(session, core, row, message, report)
            return
        deferred = message.deferred
        if deferred is None:
            try:
                deliver: Delivery | SendError = _prepare(core, session, row, message)
            except SendError as error:
                deliver = error
    if deferred is not None:
        if await _render_deferred(core, claimed, deferred, report):
            await send_one(core, claimed, report, recorder)  # now an ordinary row, made and kept
        return
    outcome: tuple[str, str] | SendError
    unexpected = False
    if isinstance(deliver, SendError):
        outcome = deliver
    else:
        try:
            outcome = await deliver(earlier or None)
        except SendError as error:
            outcome = error
        except Exception as error:  # a bug or an unexpected answer: keep the row, retry later
            log.exception("outbox row %s failed unexpectedly", claimed.id)
            outcome, unexpected = SendError(type(error).__name__), True
    if recorder is not None:
        await recorder.record(claimed, outcome, unexpected)
        return
    with core.session() as session:
        row = _held(session, claimed)
        if row is None:
            return  # our claim ran out meanwhile; the row stays in doubt for its new holder
        _record(core, session, row, outcome, unexpected, report)


Outcome = tuple[str, str] | SendError


class _Recorder:
    """Writes sends' outcomes a batch at a time: one session and commit for up to
    RECORD_BATCH rows, RECORD_DELAY_SECONDS after the first of them waits, or at once when
    no other send is under way that could join (a few messages wait for nothing). Each
    sender waits for its own row's commit, so the recipient's next message (an edit of it)
    starts only once it is recorded. Rows whose claim ran out meanwhile are left to their
    holder."""

    def __init__(self, core: Core, report: DispatchReport) -> None:
        self.core = core
        self.report = report
        self._waiting: list[tuple[Claimed, Outcome, bool, asyncio.Future[None]]] = []
        self._timer: asyncio.Task[None] | None = None
        self._sending: set[int] = set()  # rows between their turn and their outcome

    def sending(self, claimed: Claimed) -> None:
        self._sending.add(claimed.id)

    def done(self, claimed: Claimed) -> None:
        """The row's send is over (recorded, or it needed no outcome: taken over, fanned out)."""
        self._sending.discard(claimed.id)
        if not self._sending and self._waiting:
            self._write()

    async def record(self, claimed: Claimed, outcome: Outcome, unexpected: bool) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((claimed, outcome, unexpected, done))
        self._sending.discard(claimed.id)
        if len(self._waiting) >= RECORD_BATCH or not self._sending:
            self._write()
        elif self._timer is None:
            self._timer = asyncio.create_task(self._write_soon())
        await done

    async def _write_soon(self) -> None:
        await asyncio.sleep(RECORD_DELAY_SECONDS)
        self._timer = None
        self._write()

    def _write(self) -> None:
        batch, self._waiting = self._waiting, []
        if not batch:
            return
        try:
            with self.core.session() as session:
                rows = {
                    row.id: row
                    for row in session.exec(
                        select(OutboxMessage).where(
                            col(OutboxMessage.id).in_([claimed.id for claimed, *_ in batch])
                        )
                    ).all()
                }
                for claimed, outcome, unexpected, _done in batch:
                    row = rows.get(claimed.id)
                    if (
                        row is None
                        or row.status != OutboxStatus.SENDING
                        or row.claim_token != claimed.token
                    ):
                        continue  # our claim ran out; the row stays in doubt for its holder
                    _record(self.core, session, row, outcome, unexpected, self.report)
        except Exception as error:
            # Nothing written: the rows stay claimed and in doubt (looked up, not resent).
            for *_, done in batch:
                if not done.done():
                    done.set_exception(error)
            return
        for *_, done in batch:
            if not done.done():
                done.set_result(None)


async def _render_deferred(
    core: Core, claimed: Claimed, deferred: Deferred, report: DispatchReport
) -> bool:
    """Make a deferred message's content and keep it in the row; True when the row may go on.

    Made in a worker thread (charts and a PDF take seconds; the event loop goes on serving
    requests meanwhile) and kept before anything is sent: a crash after this sends the same
    content, looked up on the platform first like any row in doubt. Nothing has been sent
    while the row is still deferred, so a failure here is an ordinary retry.
    """
    try:
        message = await asyncio.to_thread(_rendered, core, deferred)
    except SendError as error:
        failure = error
    except Exception as error:  # a bug or bad data: keep the row, try again with backoff
        log.exception("outbox row %s could not be made", claimed.id)
        failure = SendError(type(error).__name__)
    else:
        with core.session() as session:
            row = _held(session, claimed)
            if row is None:
                return False
            row.payload = message.model_dump()
            session.add(row)
        return True
    with core.session() as session:
        row = _held(session, claimed)
        if row is not None:
            _record(core, session, row, failure, False, report)
    return False


# pyplot (the report's charts) is not thread-safe: one deferred message made at a time.
_RENDERING = threading.Lock()


def _rendered(core: Core, deferred: Deferred) -> Message:
    renderer = core.registry.renderers.get(deferred.kind)
    if renderer is None:
        raise SendError(f"okänt slag av meddelande: {deferred.kind}", permanent=True)
    with _RENDERING, core.session() as session:
        message: Message = renderer(core, session, deferred.args)
    return message.model_copy(update={"deferred": None})


def _record(
    core: Core,
    session: Session,
    row: OutboxMessage,
    outcome: tuple[str, str] | SendError,
    unexpected: bool,
    report: DispatchReport,
) -> None:
    if isinstance(outcome, SendError):
        if not outcome.maybe_sent and not unexpected:
            row.in_doubt_since = None
        _schedule_retry(core, session, row, outcome, report)
    else:
        row.status = OutboxStatus.SENT
        row.sent_at = core.now()
        row.sent_platform, row.sent_ref = outcome
        message = Message.model_validate(row.payload)
        if message.attachments:
            row.payload = without_file_bytes(message).model_dump()
        row.last_error = None
        row.in_doubt_since = None
        report.sent += 1
    row.attempts += 1
    session.add(row)


# The platform call of one row, given when an earlier attempt's outcome became unknown.
Delivery = Callable[[datetime | None], Awaitable[tuple[str, str]]]


def _prepare(core: Core, session: Session, row: OutboxMessage, message: Message) -> Delivery:
    """Everything the send needs from the database, read now; the call itself comes later."""
    if row.replaces_key:
        return _prepare_edit(core, session, row, message)
    target: Person | str
    if row.recipient_kind == "channel":
        sender = _sender(core, row.platform)
        target = row.recipient
    else:
        person = session.get(Person, int(row.recipient))
        if person is None:
            raise SendError("mottagaren finns inte", permanent=True)
        sender = _sender_for_person(core, person, row.platform)
        target = person
    key, row_key = row.message_key, row.key
    linked = _linked_refs(session, message, sender.platform)

    async def deliver(in_doubt_since: datetime | None) -> tuple[str, str]:
        nonlocal message
        if linked:
            message = await _with_links(sender, message, linked)
        ref: str | None = None
        if in_doubt_since is not None:
            ref = await sender.find_sent(target, key, in_doubt_since - CLOCK_SKEW)
            if ref is not None:
                log.info(
                    "outbox row %s had reached %s before; not sent again", row_key, sender.platform
                )
        if ref is None and isinstance(target, Person):
            ref = await sender.send_to_person(target, message, key)
        elif ref is None:
            ref = await sender.send_to_channel(target, message, key)
        if message.attachments:
            await _send_files(sender, ref, message, key)
        return sender.platform, ref

    return deliver


def _linked_refs(session: Session, message: Message, platform: str) -> dict[str, str]:
    """The sent refs, on `platform`, of the messages the message's lines link to (one query)."""
    keys = {link.message_key for link in message.line_links}
    if not keys:
        return {}
    rows = session.exec(
        select(OutboxMessage.message_key, OutboxMessage.sent_ref).where(
            col(OutboxMessage.message_key).in_(keys),
            OutboxMessage.sent_platform == platform,
            col(OutboxMessage.replaces_key).is_(None),
            col(OutboxMessage.sent_ref).is_not(None),
        )
    ).all()
    return {message_key: sent_ref for message_key, sent_ref in rows if sent_ref}


async def _with_links(sender: Sender, message: Message, refs: dict[str, str]) -> Message:
    """The checklist lines with a link to the message each points at, where the platform
    can make one; a link that cannot be made leaves its line as it was."""
    lines = list(message.checklist)
    for line_link in message.line_links:
        ref = refs.get(line_link.message_key)
        if ref is None or not 0 <= line_link.line < len(lines):
            continue
        url = await sender.link_to(ref)
        if url:
            lines[line_link.line] += f" – {link(line_link.label, url)}"
    return message.model_copy(update={"checklist": lines, "line_links": []})


def without_file_bytes(message: Message) -> Message:
    """The message as kept once sent: its files' names, not their bytes (the register holds
    personal data; the platform has the files, Teams' links their own copy until expiry)."""
    names = [a.model_copy(update={"data_base64": ""}) for a in message.attachments]
    return message.model_copy(update={"attachments": names})


async def _send_files(sender: Sender, ref: str, message: Message, key: str) -> None:
    """The message's files, after the message (also when a send in doubt had reached it).

    A failure leaves the row in doubt: the next attempt finds the message (no second copy)
    and sends only the files not yet there (the sender keeps track of them).
    """
    try:
        await sender.send_files(ref, message, key)
    except SendError as error:
        raise SendError(
            str(error), retry_after=error.retry_after, permanent=error.permanent, maybe_sent=True
        ) from None


def _prepare_edit(core: Core, session: Session, row: OutboxMessage, message: Message) -> Delivery:
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
    ref, key = original.sent_ref, row.message_key

    async def deliver(_in_doubt_since: datetime | None) -> tuple[str, str]:
        await sender.update(ref, message, key)
        return sender.platform, ref

    return deliver


def _sender(core: Core, platform: str | None) -> Sender:
    sender = core.senders.get(platform or "")
    if sender is None:
        raise SendError(f"plattformen {platform!r} är inte ansluten")
    return sender


def _sender_for_person(core: Core, person: Person, platform: str | None = None) -> Sender:
    # An answer goes where the person acted (`platform`), other DMs to their home platform.
    for wanted in (platform, person.home_platform):
        preferred = core.senders.get(wanted or "")
        if preferred is not None and preferred.can_reach(person):
            return preferred
    for sender in core.senders.values():
        if sender.can_reach(person):
            return sender
    # Nobody to reach them on (departed, no identity left): trying again will not help.
    raise SendError(
        "personen kan inte nås på någon ansluten plattform", permanent=True, undeliverable=True
    )


def _schedule_retry(
    core: Core, session: Session, row: OutboxMessage, error: SendError, report: DispatchReport
) -> None:
    row.last_error = str(error)[:500]
    if error.permanent or row.attempts + 1 >= MAX_ATTEMPTS:
        row.status = OutboxStatus.FAILED
        report.failed += 1
        log.warning("outbox row %s gave up: %s", row.key, row.last_error)
        if error.undeliverable and row.recipient_kind == "person":
            _undeliverable(core, session, row, str(error))
        elif error.app_missing and row.recipient_kind == "person":
            unreachable.report(core, session, row, error.app_missing)
        return
    row.status = OutboxStatus.PENDING
    row.next_attempt_at = core.now() + _backoff(row.attempts, error.retry_after)
    report.retried += 1


def _undeliverable(core: Core, session: Session, row: OutboxMessage, reason: str) -> None:
    """A person the platform cannot reach (left, deactivated): audit it, tell communicators once."""
    person_id = int(row.recipient)
    audit.record(
        session, core.now(), "outbox.undeliverable", person_id=person_id, key=row.key, reason=reason
    )
    person = session.get(Person, person_id)
    name = person.name if person is not None else f"person {person_id}"
    enqueue_to_communicators(
        session,
        core,
        f"outbox-undeliverable:{person_id}",
        Message(
            title="Meddelanden kan inte levereras",
            text=(
                f"smbot kan inte nå {escape(name)} ({escape(reason)}). Personen har kanske "
                "slutat eller fått sitt konto avstängt. Meddelanden till personen skickas "
                "inte; se över vilka konton personen administrerar."
            ),
        ),
    )


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
        _schedule_retry(
            core, session, row, SendError("ingen ansluten plattform har kanalen"), report
        )
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
