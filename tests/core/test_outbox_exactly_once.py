"""Exactly once under crashes and a slow Slack; undeliverable recipients fail at once.

Real code end to end: the dispatcher, the Slack sender and slack_sdk against the fake
Slack, which keeps what was posted (with its metadata) and answers conversations.history.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from sqlmodel import select

from bot.clock import SystemClock
from bot.messages import Message
from bot.outbox import dispatcher, enqueue_to_person
from storage.models import AuditEntry, OutboxMessage, OutboxStatus
from tests.support.accounts_db import person
from tests.support.harness import COMMUNICATORS_CHANNEL, Harness


def people(bot: Harness, *slack_ids: str) -> list[int]:
    with bot.core.session() as session:
        return [person(session, sid, f"Person {sid}", bot.core.now()).id for sid in slack_ids]


def enqueue(bot: Harness, key: str, person_id: int, text: str) -> None:
    with bot.core.session() as session:
        enqueue_to_person(session, bot.core, key, person_id, Message(text=text))


def posted(fake_slack) -> Counter[str]:
    return Counter(call.args["text"] for call in fake_slack.calls_to("chat.postMessage"))


def row(bot: Harness, key: str) -> OutboxMessage:
    with bot.core.session() as session:
        return session.exec(select(OutboxMessage).where(OutboxMessage.key == key)).one()


async def until(condition, seconds: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not met in time")


async def test_a_crash_after_slack_posted_does_not_post_again(bot, fake_slack):
    fake_slack.clock = lambda: bot.clock.now().timestamp()
    [person_id] = people(bot, "U1")
    enqueue(bot, "test:crash", person_id, "en gång")
    # Slack posts the message, then the process dies before it hears the answer.
    fake_slack.hold_answer = lambda method, args: 30.0 if method == "chat.postMessage" else 0.0
    sending = asyncio.create_task(bot.dispatch())
    await until(lambda: posted(fake_slack))
    sending.cancel()
    await asyncio.gather(sending, return_exceptions=True)
    fake_slack.hold_answer = None
    await bot.restart()

    bot.clock.set(bot.clock.now() + dispatcher.CLAIM_LEASE + timedelta(seconds=1))
    report = await bot.dispatch()
    assert report.sent == 1
    assert posted(fake_slack) == Counter({"en gång": 1})
    [history] = fake_slack.calls_to("conversations.history")
    assert history.args["include_all_metadata"] in ("1", "true", True)
    sent = row(bot, "test:crash")
    assert sent.status == OutboxStatus.SENT and sent.in_doubt_since is None
    [message] = fake_slack.history("DU1")
    assert message["metadata"] == {
        "event_type": "smbot_outbox",
        "event_payload": {"key": "test:crash"},
    }
    assert sent.sent_ref is not None and message["ts"] in sent.sent_ref


async def test_a_crash_before_slack_posted_sends_after_the_lookup(bot, fake_slack):
    fake_slack.clock = lambda: bot.clock.now().timestamp()
    [person_id] = people(bot, "U1")
    enqueue(bot, "test:lost", person_id, "kommer fram")
    # The process dies while the request is on its way: Slack never acts on it.
    fake_slack.latency_for = lambda method, args: 30.0 if method == "chat.postMessage" else 0.0
    sending = asyncio.create_task(bot.dispatch())
    await until(lambda: row(bot, "test:lost").in_doubt_since is not None)
    await asyncio.sleep(0.2)
    sending.cancel()
    await asyncio.gather(sending, return_exceptions=True)
    fake_slack.latency_for = None
    await bot.restart()

    bot.clock.set(bot.clock.now() + dispatcher.CLAIM_LEASE + timedelta(seconds=1))
    assert (await bot.dispatch()).sent == 1
    assert posted(fake_slack) == Counter({"kommer fram": 1})
    assert len(fake_slack.calls_to("conversations.history")) == 1


async def test_an_ordinary_send_asks_no_history(bot, fake_slack):
    [person_id] = people(bot, "U1")
    enqueue(bot, "test:plain", person_id, "vanlig")
    assert (await bot.dispatch()).sent == 1
    assert fake_slack.calls_to("conversations.history") == []


async def test_a_slow_slack_never_lets_the_next_tick_send_rows_still_being_sent(
    database_url, fake_slack, monkeypatch
):
    """Slack answers after 0.3 s; the lease is 1 s, but a batch takes 2.4 s to send."""
    monkeypatch.setattr(dispatcher, "CLAIM_LEASE", timedelta(seconds=1))
    monkeypatch.setattr(dispatcher, "HEARTBEAT_SECONDS", 0.2, raising=False)
    bot = await Harness(database_url, fake_slack, SystemClock()).start()
    try:
        [person_id] = people(bot, "U1")
        for n in range(8):
            enqueue(bot, f"test:slow:{n}", person_id, f"långsam {n}")
        fake_slack.latency_for = lambda method, args: 0.3 if method == "chat.postMessage" else 0.0
        first = asyncio.create_task(bot.dispatch())
        await asyncio.sleep(1.5)  # the next tick, while the first is still sending
        second = asyncio.create_task(bot.dispatch())
        await asyncio.gather(first, second)
        assert posted(fake_slack) == Counter({f"långsam {n}": 1 for n in range(8)})
    finally:
        await bot.stop()


async def test_an_undeliverable_person_fails_at_once_is_audited_and_communicators_told_once(
    bot, fake_slack
):
    [person_id] = people(bot, "U1")
    enqueue(bot, "test:left:1", person_id, "första")
    enqueue(bot, "test:left:2", person_id, "andra")
    fake_slack.fail("chat.postMessage", 200, error="account_inactive", times=2)
    report = await bot.dispatch()
    assert report.failed == 2 and report.retried == 0
    assert row(bot, "test:left:1").status == OutboxStatus.FAILED
    await bot.dispatch()  # the communicators' notice
    notices = fake_slack.messages_to(COMMUNICATORS_CHANNEL)
    assert len(notices) == 1
    assert "Person U1" in notices[0]["text"]
    with bot.core.session() as session:
        audited = session.exec(
            select(AuditEntry).where(AuditEntry.action == "outbox.undeliverable")
        ).all()
    assert {entry.detail["key"] for entry in audited} == {"test:left:1", "test:left:2"}
    calls = len(fake_slack.calls)
    for _ in range(30):
        bot.clock.set(bot.clock.now() + timedelta(minutes=10))
        await bot.dispatch()
    assert len(fake_slack.calls) == calls  # never retried


async def test_a_departed_person_is_not_retried_25_times(bot, fake_slack):
    [person_id] = people(bot, "U1")
    with bot.core.session() as session:
        from storage.models import Person

        gone = session.get(Person, person_id)
        gone.departed_at = bot.core.now()
        session.add(gone)
    enqueue(bot, "test:departed", person_id, "till någon som slutat")
    report = await bot.dispatch()
    assert report.failed == 1
    assert row(bot, "test:departed").attempts == 1
