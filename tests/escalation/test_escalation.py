"""Escalations reach the communicators' channel once; only communicators take and resolve them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from bot.flows.escalation import escalate, resolve
from bot.messages import Fact
from storage.models import AuditEntry, Escalation, EscalationStatus
from tests.conftest import STOCKHOLM
from tests.support.harness import COMMUNICATORS_CHANNEL


def buttons(call_args: dict) -> list[dict]:
    return [
        element
        for block in call_args["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


async def open_one(bot, key: str = "test:1") -> int:
    with bot.core.session() as session:
        escalation = escalate(
            session,
            bot.core,
            key=key,
            kind="test",
            summary="Kontot har inte uppdaterats",
            facts=[Fact(label="Senaste inlägg", value="2026-11-25")],
        )
        assert escalation is not None
        return escalation.id


async def test_escalation_is_posted_once_with_take_and_resolve(bot, fake_slack) -> None:
    await open_one(bot)
    with bot.core.session() as session:
        assert escalate(session, bot.core, key="test:1", kind="test", summary="igen") is None
    await bot.dispatch()
    await bot.dispatch()
    posted = fake_slack.messages_to(COMMUNICATORS_CHANNEL)
    assert len(posted) == 1
    assert [b["text"]["text"] for b in buttons(posted[0])] == ["Jag tar den", "Löst"]
    assert "Kontot har inte uppdaterats" in posted[0]["text"]


async def test_only_communicators_can_take_and_the_message_shows_who(bot, fake_slack) -> None:
    fake_slack.add_user("UKOMM", "Karin Kommunikatör")
    fake_slack.add_user("UOTHER", "Olle Obehörig")
    fake_slack.channel_members[COMMUNICATORS_CHANNEL] = ["UKOMM"]
    escalation_id = await open_one(bot)
    await bot.dispatch()
    take_id = buttons(fake_slack.messages_to(COMMUNICATORS_CHANNEL)[0])[0]["action_id"]

    status, _ = await bot.slack.press(
        "UOTHER", take_id, str(escalation_id), channel=COMMUNICATORS_CHANNEL
    )
    assert status == 200
    refusal = fake_slack.calls_to("chat.postEphemeral")[-1].args
    assert refusal["user"] == "UOTHER" and "kommunikatörerna" in refusal["text"]
    with bot.core.session() as session:
        assert session.get(Escalation, escalation_id).status == EscalationStatus.OPEN

    await bot.slack.press("UKOMM", take_id, str(escalation_id), channel=COMMUNICATORS_CHANNEL)
    await bot.dispatch()
    update = fake_slack.calls_to("chat.update")[-1].args
    assert "Karin Kommunikatör" in str(update["blocks"])
    assert [b["text"]["text"] for b in buttons(update)] == ["Löst"]
    with bot.core.session() as session:
        row = session.get(Escalation, escalation_id)
        assert row.status == EscalationStatus.TAKEN
        actions = session.exec(select(AuditEntry.action)).all()
    assert "escalation.taken" in actions


async def test_automatic_resolution_removes_the_buttons(bot, fake_slack) -> None:
    await open_one(bot)
    await bot.dispatch()
    with bot.core.session() as session:
        assert resolve(session, bot.core, "test:1", "kontot har publicerat igen")
        assert not resolve(session, bot.core, "test:1", "igen")
    await bot.dispatch()
    update = fake_slack.calls_to("chat.update")[-1].args
    assert buttons(update) == []
    assert "publicerat igen" in str(update["blocks"])


async def test_morning_digest_lists_open_escalations_once_per_working_day(bot, fake_slack) -> None:
    await open_one(bot, "a")
    await open_one(bot, "b")
    await bot.dispatch()
    fake_slack.clear()
    saturday = datetime(2026, 12, 5, 9, 30, tzinfo=STOCKHOLM)
    await bot.tick(saturday)
    assert fake_slack.messages_to(COMMUNICATORS_CHANNEL) == []
    early_monday = datetime(2026, 12, 7, 8, 59, tzinfo=STOCKHOLM)
    await bot.tick(early_monday)
    assert fake_slack.messages_to(COMMUNICATORS_CHANNEL) == []
    monday = datetime(2026, 12, 7, 9, 0, tzinfo=STOCKHOLM)
    await bot.tick(monday)
    await bot.tick(datetime(2026, 12, 7, 14, 0, tzinfo=STOCKHOLM))
    digests = fake_slack.messages_to(COMMUNICATORS_CHANNEL)
    assert len(digests) == 1
    assert "2 ärenden" in str(digests[0]["blocks"])
