"""The outbox through the real Slack sender and slack_sdk, against the fake Slack Web API.

Time is the FixedClock: retries become due when the test moves it, so nothing sleeps
(except the one case that shows a short Retry-After being waited out inside the call).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import timedelta

import aiohttp
from sqlmodel import select

from bot.app import create_core
from bot.messages import Button, Message
from bot.outbox import dispatcher, enqueue_to_communicators, enqueue_to_person, enqueue_update
from bot.outbox.admin import retry_failed, status_counts
from bot.platforms import load_platforms
from storage.models import OutboxMessage, OutboxStatus
from tests.support.accounts_db import person
from tests.support.harness import COMMUNICATORS_CHANNEL


def people(bot, *slack_ids: str) -> list[int]:
    with bot.core.session() as session:
        return [person(session, sid, f"Person {sid}", bot.core.now()).id for sid in slack_ids]


def enqueue(bot, key: str, person_id: int, text: str) -> bool:
    with bot.core.session() as session:
        return enqueue_to_person(session, bot.core, key, person_id, Message(text=text))


def delivered(fake_slack) -> Counter[str]:
    """Successful chat.postMessage calls by text (failed attempts are recorded apart)."""
    return Counter(call.args["text"] for call in fake_slack.calls_to("chat.postMessage"))


def rows(bot) -> dict[str, OutboxMessage]:
    with bot.core.session() as session:
        return {row.key: row for row in session.exec(select(OutboxMessage)).all()}


async def run_minutes(bot, minutes: int) -> None:
    """A dispatcher that looks every minute, as `serve` does."""
    for _ in range(minutes):
        bot.clock.set(bot.clock.now() + timedelta(minutes=1))
        await bot.dispatch()


async def test_429_then_500s_then_recovery_sends_each_message_exactly_once(bot, fake_slack):
    ids = people(bot, "U1", "U2", "U3")
    for n, person_id in enumerate(ids):
        enqueue(bot, f"test:{n}", person_id, f"meddelande {n}")
    fake_slack.fail("chat.postMessage", 429, retry_after=120)
    fake_slack.fail("chat.postMessage", 500, times=4)
    start = bot.clock.now()

    report = await bot.dispatch()
    assert (report.sent, report.retried, report.failed) == (0, 3, 0)
    limited = rows(bot)["test:0"]
    # Retry-After (120 s) beats the first backoff step (30 s).
    assert limited.next_attempt_at == start + timedelta(seconds=120)
    assert limited.last_error == "Slack: rate limited"
    assert rows(bot)["test:1"].next_attempt_at == start + timedelta(seconds=30)

    await run_minutes(bot, 1)
    assert "meddelande 0" not in delivered(fake_slack)  # its Retry-After is not over yet
    await run_minutes(bot, 30)
    assert delivered(fake_slack) == Counter({f"meddelande {n}": 1 for n in range(3)})
    assert {row.status for row in rows(bot).values()} == {OutboxStatus.SENT}
    assert len(fake_slack.calls_to("chat.postMessage!failed")) == 5
    await run_minutes(bot, 120)
    assert sum(delivered(fake_slack).values()) == 3


async def test_a_short_retry_after_is_waited_out_inside_the_call(bot, fake_slack):
    [person_id] = people(bot, "U1")
    enqueue(bot, "test:short", person_id, "kort väntan")
    fake_slack.fail("chat.postMessage", 429, retry_after=1)
    started = time.monotonic()
    report = await bot.dispatch()
    assert report.sent == 1
    assert time.monotonic() - started >= 1.0  # slack_sdk slept the Retry-After
    assert delivered(fake_slack) == Counter({"kort väntan": 1})


async def test_an_hour_long_slack_outage_loses_nothing(bot, fake_slack):
    ids = people(bot, "U1", "U2")
    fake_slack.fail("conversations.open", 503, times=10_000, error="service_unavailable")
    fake_slack.fail("chat.postMessage", 503, times=10_000, error="service_unavailable")
    with bot.core.session() as session:
        enqueue_to_communicators(session, bot.core, "test:channel", Message(text="till kanalen"))
    expected = {"till kanalen"}
    for minute in range(60):
        if minute % 10 == 0:
            text = f"under avbrottet {minute}"
            enqueue(bot, f"test:outage:{minute}", ids[minute % 2], text)
            expected.add(text)
        await run_minutes(bot, 1)
    assert delivered(fake_slack) == Counter()
    assert {row.status for row in rows(bot).values()} == {OutboxStatus.PENDING}

    fake_slack.failures.clear()  # Slack is back
    await run_minutes(bot, 90)
    assert delivered(fake_slack) == Counter(dict.fromkeys(expected, 1))
    assert fake_slack.messages_to(COMMUNICATORS_CHANNEL)[0]["text"] == "till kanalen"


async def test_enqueueing_twice_sends_once(bot, fake_slack):
    [person_id] = people(bot, "U1")
    assert enqueue(bot, "test:twice", person_id, "en gång")
    assert not enqueue(bot, "test:twice", person_id, "en gång till")
    with bot.core.session() as session:
        assert enqueue_to_communicators(session, bot.core, "test:ch", Message(text="kanal"))
        assert not enqueue_to_communicators(session, bot.core, "test:ch", Message(text="kanal"))
    await bot.dispatch()
    await bot.dispatch()
    await bot.tick()
    await bot.tick()
    assert delivered(fake_slack) == Counter({"en gång": 1, "kanal": 1})


async def test_a_process_killed_between_claiming_and_sending_sends_after_the_lease(bot, fake_slack):
    [person_id] = people(bot, "U1")
    enqueue(bot, "test:crash", person_id, "efter kraschen")
    claimed = dispatcher.claim(bot.core, 50)  # the claim is committed; then the process dies
    assert len(claimed) == 1
    await bot.restart()
    assert (await bot.dispatch()).sent == 0  # another process respects the claim
    bot.clock.set(bot.clock.now() + dispatcher.CLAIM_LEASE - timedelta(seconds=1))
    assert (await bot.dispatch()).sent == 0
    bot.clock.set(bot.clock.now() + timedelta(seconds=1))
    assert (await bot.dispatch()).sent == 1
    await run_minutes(bot, 30)
    assert delivered(fake_slack) == Counter({"efter kraschen": 1})


async def test_permanent_errors_fail_at_once_and_are_not_retried(bot, fake_slack):
    [person_id] = people(bot, "U1")
    enqueue(bot, "test:gone", person_id, "till en arkiverad kanal")
    enqueue(bot, "test:nobody", 987654, "till ingen")
    fake_slack.fail("chat.postMessage", 200, error="is_archived")
    report = await bot.dispatch()
    assert (report.sent, report.failed) == (0, 2)
    failed = rows(bot)
    assert failed["test:gone"].status == OutboxStatus.FAILED
    assert failed["test:gone"].last_error == "Slack: is_archived"
    assert failed["test:nobody"].last_error == "mottagaren finns inte"
    async with aiohttp.ClientSession() as http, http.get(bot.url + "/healthz") as response:
        assert response.status == 200
        assert (await response.json())["outbox"] == {"pending": 0, "sending": 0, "failed": 2}
    calls = len(fake_slack.calls)
    await run_minutes(bot, 24 * 60 // 30)
    assert len(fake_slack.calls) == calls
    with bot.core.session() as session:
        assert status_counts(session) == {"failed": 2}
        assert retry_failed(session, bot.core.now()) == 2  # an operator's second chance
    await bot.dispatch()
    assert delivered(fake_slack) == Counter({"till en arkiverad kanal": 1})


async def test_an_update_of_a_message_not_yet_sent_sends_the_new_content_once(bot, fake_slack):
    [person_id] = people(bot, "U1")
    enqueue(bot, "test:edit", person_id, "gammal")
    fake_slack.fail("chat.postMessage", 500)
    await bot.dispatch()
    with bot.core.session() as session:
        enqueue_update(session, bot.core, "test:edit", Message(text="ny"))
    await run_minutes(bot, 5)
    assert delivered(fake_slack) == Counter({"ny": 1})
    assert fake_slack.calls_to("chat.update") == []


async def test_edits_in_place_end_with_the_newest_content_even_when_an_older_edit_retries(
    bot, fake_slack
):
    [person_id] = people(bot, "U1")
    with bot.core.session() as session:
        enqueue_to_person(
            session,
            bot.core,
            "test:buttons",
            person_id,
            Message(text="välj", buttons=[Button(label="Ja", action="x")]),
        )
    await bot.dispatch()
    fake_slack.fail("chat.update", 500)
    with bot.core.session() as session:
        enqueue_update(session, bot.core, "test:buttons", Message(text="första ändringen"))
    await bot.dispatch()  # the first edit fails
    with bot.core.session() as session:
        enqueue_update(session, bot.core, "test:buttons", Message(text="andra ändringen"))
    await bot.dispatch()
    await run_minutes(bot, 5)  # the first edit is retried
    updates = [call.args["text"] for call in fake_slack.calls_to("chat.update")]
    assert updates[-1] == "andra ändringen"
    assert "första ändringen" not in updates
    assert delivered(fake_slack) == Counter({"välj": 1})


async def test_a_channel_message_enqueued_without_a_platform_goes_out_when_one_is_wired(
    bot, fake_slack
):
    wired = dict(bot.core.senders)
    bot.core.senders.clear()  # as in `smbot tick` without Slack credentials
    with bot.core.session() as session:
        enqueue_to_communicators(session, bot.core, "test:later", Message(text="sen"))
    assert rows(bot)["test:later"].platform is None
    bot.core.senders.update(wired)
    await bot.dispatch()
    await bot.dispatch()
    assert [m["text"] for m in fake_slack.messages_to(COMMUNICATORS_CHANNEL)] == ["sen"]
    with bot.core.session() as session:
        enqueue_update(session, bot.core, "test:later", Message(text="senare"))
    await bot.dispatch()
    assert [call.args["text"] for call in fake_slack.calls_to("chat.update")] == ["senare"]
    assert {row.status for row in rows(bot).values()} == {OutboxStatus.SENT}


async def test_without_a_platform_nothing_is_attempted_and_nothing_lost(bot, fake_slack):
    [person_id] = people(bot, "U1")
    enqueue(bot, "test:nowhere", person_id, "väntar")
    wired = dict(bot.core.senders)
    bot.core.senders.clear()
    await run_minutes(bot, 60)
    row = rows(bot)["test:nowhere"]
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 0)
    bot.core.senders.update(wired)
    await bot.dispatch()
    assert delivered(fake_slack) == Counter({"väntar": 1})


async def test_two_replicas_dispatching_at_once_send_each_message_once(bot, fake_slack):
    ids = people(bot, *[f"U{n}" for n in range(40)])
    for n, person_id in enumerate(ids):
        for k in range(3):
            enqueue(bot, f"test:replica:{n}:{k}", person_id, f"till {n} nr {k}")
    other = create_core(bot.settings(), bot.clock)
    for platform in load_platforms():
        platform.attach(other, None)
    try:
        first, second = await asyncio.gather(
            dispatcher.dispatch_due(bot.core), dispatcher.dispatch_due(other)
        )
    finally:
        other.engine.dispose()
    assert first.sent + second.sent == 120
    assert first.sent and second.sent  # both did a share
    assert delivered(fake_slack) == Counter(
        {f"till {n} nr {k}": 1 for n in range(40) for k in range(3)}
    )


async def test_one_dispatcher_keeps_each_persons_messages_in_order(bot, fake_slack):
    ids = people(bot, *[f"U{n}" for n in range(40)])
    for n, person_id in enumerate(ids):
        for k in range(3):
            enqueue(bot, f"test:order:{n}:{k}", person_id, f"till {n} nr {k}")
    # The first message to each person is answered slowest: order must not depend on speed.
    fake_slack.latency_for = lambda method, args: (
        0.05 if args.get("text", "").endswith("nr 0") else 0
    )
    assert (await bot.dispatch()).sent == 120
    for n in range(40):
        texts = [m["text"] for m in fake_slack.messages_to(f"DU{n}")]
        assert texts == [f"till {n} nr {k}" for k in range(3)]


async def test_a_dispatcher_whose_claim_ran_out_leaves_the_row_to_the_one_that_took_it(
    bot, fake_slack
):
    [person_id] = people(bot, "U1")
    enqueue(bot, "test:stalled", person_id, "bara en gång")
    [stalled] = dispatcher.claim(bot.core, 50)  # dispatcher A claims, then stalls
    bot.clock.set(bot.clock.now() + dispatcher.CLAIM_LEASE)
    [taken] = dispatcher.claim(bot.core, 50)  # dispatcher B takes the row over
    report = dispatcher.DispatchReport()
    await dispatcher.send_one(bot.core, stalled, report)  # A wakes up: not its row any more
    assert report.sent == 0 and delivered(fake_slack) == Counter()
    await dispatcher.send_one(bot.core, taken, report)
    await dispatcher.send_one(bot.core, stalled, report)
    assert report.sent == 1
    assert delivered(fake_slack) == Counter({"bara en gång": 1})
