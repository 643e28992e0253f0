"""A deferred outbox message (`Message.deferred`): made by its renderer when the dispatcher
sends it, kept once made, retried with backoff when making it fails, given up when no
renderer knows it. Through the console platform and the real dispatcher."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import Session, select

from bot.app import FLOWS
from bot.core import Core
from bot.messages import Deferred, Message
from bot.outbox.queue import enqueue_to_person
from bot.registry import Registry, Verbs
from handlers.console.bot import ConsoleBot
from storage.models import OutboxMessage, OutboxStatus
from tests.support.console_backend import console_fixture

deferred_flow = Verbs()
MADE: list[dict[str, Any]] = []
FAILURES: list[str] = []


@deferred_flow.renderer("test-slow")
def make(core: Core, session: Session, args: dict[str, Any]) -> Message:
    MADE.append(args)
    if FAILURES:
        raise RuntimeError(FAILURES.pop())
    return Message(title="Klart", text=f"Gjort: {args['what']}")


def registry() -> Registry:
    MADE.clear()
    FAILURES.clear()
    return Registry.build([*FLOWS, deferred_flow])


console = console_fixture(registry)


def enqueue(console: ConsoleBot, key: str, kind: str = "test-slow") -> None:
    person_id = console.directory.person_id("anna")
    placeholder = Message(text="tas fram", deferred=Deferred(kind=kind, args={"what": "x"}))
    with console.core.session() as session:
        enqueue_to_person(session, console.core, key, person_id, placeholder)


def row(console: ConsoleBot, key: str) -> OutboxMessage:
    with console.core.session() as session:
        found = session.exec(select(OutboxMessage).where(OutboxMessage.key == key)).one()
        session.expunge(found)
        return found


def test_a_deferred_message_is_made_when_sent_and_sent_once(console: ConsoleBot) -> None:
    enqueue(console, "d1")
    assert MADE == []  # nothing made while enqueueing
    console.dispatch()
    console.dispatch()
    assert [m.text for m in console.inbox("anna")] == ["Gjort: x"]
    assert MADE == [{"what": "x"}]
    assert row(console, "d1").payload["deferred"] is None


def test_a_failure_to_make_it_is_retried_later_and_then_sent_once(console: ConsoleBot) -> None:
    FAILURES.append("diagrammet gick inte att rita")
    enqueue(console, "d2")
    console.dispatch()
    failed = row(console, "d2")
    assert console.inbox("anna") == []
    assert (failed.status, failed.attempts) == (OutboxStatus.PENDING, 1)
    assert failed.in_doubt_since is None  # nothing was sent: no look-up needed on retry
    console.clock.set(console.clock.now() + timedelta(minutes=5))
    console.dispatch()
    assert [m.text for m in console.inbox("anna")] == ["Gjort: x"]
    assert len(MADE) == 2


def test_a_kind_no_renderer_knows_is_given_up(console: ConsoleBot) -> None:
    enqueue(console, "d3", kind="okänd")
    console.dispatch()
    assert row(console, "d3").status == OutboxStatus.FAILED
    assert console.inbox("anna") == []
