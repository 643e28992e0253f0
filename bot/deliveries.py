"""Inbound deliveries handled once, and never lost to a failure: take, then mark handled.

Slack retries an event (same `event_id`) and Teams a message (same activity id) when the
first delivery failed or was slow. A delivery is *taken* when it arrives (a row without
`handled_at`), marked *handled* together with its effects, and *released* (the row
deleted) when handling failed, so the platform's retry is handled instead of swallowed.

While one process handles a delivery, a second copy of it is `BUSY`: the caller answers
so that the platform tries again later. A process that died while handling leaves its
row taken; after `LEASE` another delivery of it may take it over.

Where the effects are rows written by the listener itself (a departure, an enqueued
answer), `mark_handled(session, ...)` writes the mark in that same transaction, so the
effects and the mark commit together or not at all.
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from bot.core import Core
from storage.models import InboundEvent

log = logging.getLogger(__name__)

# A delivery taken this long ago and not handled belongs to a process that died.
LEASE = timedelta(minutes=2)


class Taken(Enum):
    NEW = "new"  # this process handles it now
    HANDLED = "handled"  # handled before: answer as if done
    BUSY = "busy"  # another process is handling it right now


@dataclass(frozen=True)
class Delivery:
    source: str
    key: str


# The delivery the current request handles, for listeners that mark it in their own unit
# of work (None outside an inbound delivery, and for requests that carry no delivery id).
current: contextvars.ContextVar[Delivery | None] = contextvars.ContextVar(
    "smbot_delivery", default=None
)


def take(core: Core, delivery: Delivery) -> Taken:
    now = core.now()
    with core.session() as session:
        insert = _insert_for(session)(InboundEvent).values(
            source=delivery.source, external_id=delivery.key, received_at=now, handled_at=None
        )
        added = session.execute(
            insert.on_conflict_do_nothing(index_elements=["source", "external_id"]).returning(
                InboundEvent.id  # type: ignore[arg-type]
            )
        ).first()
        if added is not None:
            return Taken.NEW
        # Taken by a process that died mid-way: this copy takes it over.
        stale = session.execute(
            update(InboundEvent)
            .where(
                *_is(delivery),
                col(InboundEvent.handled_at).is_(None),
                col(InboundEvent.received_at) <= now - LEASE,
            )
            .values(received_at=now)
            .returning(InboundEvent.id)  # type: ignore[arg-type]
        ).first()
        if stale is not None:
            log.info("%s delivery %s taken over after a lapsed claim", *_named(delivery))
            return Taken.NEW
        handled = session.exec(select(InboundEvent.handled_at).where(*_is(delivery))).first()
    return Taken.HANDLED if handled is not None else Taken.BUSY


def mark_handled(session: Session, core: Core, delivery: Delivery | None) -> None:
    """Mark the delivery handled inside the caller's unit of work (with its effects)."""
    if delivery is None:
        return
    session.execute(
        update(InboundEvent)
        .where(*_is(delivery), col(InboundEvent.handled_at).is_(None))
        .values(handled_at=core.now())
    )


def handled(core: Core, delivery: Delivery) -> None:
    """Mark handled after effects that are not rows (a Slack view published)."""
    with core.session() as session:
        mark_handled(session, core, delivery)


def release(core: Core, delivery: Delivery) -> None:
    """Handling failed: forget the delivery, so the platform's retry is handled."""
    with core.session() as session:
        session.execute(
            delete(InboundEvent).where(*_is(delivery), col(InboundEvent.handled_at).is_(None))
        )
    log.info("%s delivery %s failed; a retry will be handled", *_named(delivery))


def _is(delivery: Delivery) -> tuple:  # type: ignore[type-arg]
    return (
        col(InboundEvent.source) == delivery.source,
        col(InboundEvent.external_id) == delivery.key,
    )


def _named(delivery: Delivery) -> tuple[str, str]:
    return delivery.source, delivery.key[:80]


def _insert_for(session: Session):  # type: ignore[no-untyped-def]
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert
    return sqlite_insert
