"""Issue 13 items 4 and 6 on Slack: a failed delivery is handled on Slack's retry, and the
answers the bot used to post directly (a form's notice, an upload's receipt, the answer to a
DM) go through the outbox, so a Slack outage at that moment delays them and loses nothing."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import select

from handlers.slack.listeners import files
from storage.models import AuditEntry, InboundEvent, Person
from tests.support.slack_messages import dms

HOME = {"type": "app_home_opened", "user": "U1", "tab": "home", "channel": "D1"}


def inbound(bot, event_id: str) -> list[InboundEvent]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return list(
            session.exec(select(InboundEvent).where(InboundEvent.external_id == event_id)).all()
        )


async def later(bot, minutes: int = 10) -> None:  # type: ignore[no-untyped-def]
    """The outbox's next try, after its backoff."""
    bot.clock.set(bot.clock.now() + timedelta(minutes=minutes))
    await bot.dispatch()


async def test_a_delivery_that_failed_is_handled_when_slack_retries(bot, fake_slack) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    fake_slack.fail("views.publish", 500)
    status, _ = await bot.slack.event(HOME, event_id="EvFAIL")
    assert status == 500  # Slack retries what was not answered 2xx
    assert inbound(bot, "EvFAIL") == []
    status, _ = await bot.slack.event(HOME, event_id="EvFAIL", retry_num=1)
    assert status == 200
    assert len(fake_slack.calls_to("views.publish")) == 1
    [row] = inbound(bot, "EvFAIL")
    assert row.handled_at is not None
    # Slack's next retry (it never saw our 200, say) changes nothing.
    status, _ = await bot.slack.event(HOME, event_id="EvFAIL", retry_num=2)
    assert status == 200
    assert len(fake_slack.calls_to("views.publish")) == 1


async def test_a_copy_arriving_mid_handling_is_asked_again_and_handled_once(
    bot, fake_slack
) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    fake_slack.latency_for = lambda method, _: 1.0 if method == "views.publish" else 0.0
    first = asyncio.create_task(bot.slack.event(HOME, event_id="EvSLOW"))
    await asyncio.sleep(0.5)
    status, _ = await bot.slack.event(HOME, event_id="EvSLOW", retry_num=1)
    assert status == 409  # not 2xx: Slack tries again later, when the first is done
    assert (await first)[0] == 200
    status, _ = await bot.slack.event(HOME, event_id="EvSLOW", retry_num=2)
    assert status == 200
    assert len(fake_slack.calls_to("views.publish")) == 1


async def test_a_delivery_taken_by_a_process_that_died_is_taken_over(bot, fake_slack) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    with bot.core.session() as session:
        # What a process killed mid-handling leaves behind: taken, never handled.
        session.add(InboundEvent(source="slack", external_id="EvDEAD", received_at=bot.clock.now()))
    status, _ = await bot.slack.event(HOME, event_id="EvDEAD", retry_num=1)
    assert status == 409
    bot.clock.set(bot.clock.now() + timedelta(minutes=3))
    status, _ = await bot.slack.event(HOME, event_id="EvDEAD", retry_num=2)
    assert status == 200
    assert len(fake_slack.calls_to("views.publish")) == 1
    assert inbound(bot, "EvDEAD")[0].handled_at is not None


async def test_a_departure_is_recorded_once_with_its_delivery(bot, fake_slack) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    await bot.slack.command("U1", "/hjälp")  # the bot knows her now
    user = {**fake_slack.users["U1"], "deleted": True}
    for retry in (None, 1):
        status, _ = await bot.slack.event(
            {"type": "user_change", "user": user}, event_id="EvGONE", retry_num=retry
        )
        assert status == 200
    with bot.core.session() as session:
        [person] = session.exec(select(Person)).all()
        assert person.departed_at is not None
        departures = session.exec(
            select(AuditEntry).where(AuditEntry.action == "person.departed")
        ).all()
    assert len(departures) == 1
    [row] = inbound(bot, "EvGONE")
    assert row.handled_at is not None


async def test_a_notice_survives_slack_being_down(bot, fake_slack) -> None:
    """A press in a channel: the ephemeral note fails, so it follows as a DM, once."""
    fake_slack.add_user("U1", "Anna Andersson")
    fake_slack.fail("chat.postEphemeral", 503)
    fake_slack.fail("chat.postMessage", 503, times=2)
    status, _ = await bot.slack.press("U1", "finns.inte|0", channel="C0GEN")
    assert status == 200
    await bot.dispatch()
    assert dms(fake_slack, "U1") == []
    await later(bot)
    await later(bot)
    [told] = dms(fake_slack, "U1")
    assert "känner jag inte igen" in told["text"]
    await later(bot, 120)
    assert len(dms(fake_slack, "U1")) == 1


async def test_an_ephemeral_notice_is_not_also_sent_as_a_dm(bot, fake_slack) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    await bot.slack.press("U1", "finns.inte|0", channel="C0GEN")
    await bot.dispatch()
    assert len(fake_slack.calls_to("chat.postEphemeral")) == 1
    assert dms(fake_slack, "U1") == []


async def test_a_dm_answer_survives_slack_being_down_and_a_retry(bot, fake_slack) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    fake_slack.fail("chat.postMessage", 500)
    event = {"type": "message", "channel_type": "im", "channel": "DU1", "user": "U1"}
    event |= {"text": "hej", "ts": "1.5"}
    for retry in (None, 1):
        status, _ = await bot.slack.event(event, event_id="EvDM", retry_num=retry)
        assert status == 200
    await bot.dispatch()
    assert dms(fake_slack, "U1") == []
    await later(bot)
    [answer] = dms(fake_slack, "U1")
    assert "smbot" in answer["text"]


async def test_an_upload_receipt_survives_slack_being_down(bot, fake_slack) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    fake_slack.add_file("F1", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "bild.png", "image/png")
    fake_slack.fail("chat.postMessage", 500)
    shared = {"type": "file_shared", "user_id": "U1", "file_id": "F1", "channel_id": "DU1"}
    announced = {
        "type": "message",
        "subtype": "file_share",
        "channel_type": "im",
        "channel": "DU1",
        "user": "U1",
        "files": [{"id": "F1"}],
    }
    await bot.slack.event(shared)
    await bot.slack.event(announced)
    await files.settle()
    await bot.dispatch()
    assert dms(fake_slack, "U1") == []
    await later(bot)
    [receipt] = dms(fake_slack, "U1")
    assert receipt["text"]
    assert len(fake_slack.calls_to("files.info")) == 1  # one file, fetched once
    [row] = inbound(bot, "F1")
    assert row.handled_at is not None
