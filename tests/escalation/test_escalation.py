"""Escalations on Slack: the members of the communicators' channel are the communicators.

The rules themselves (once per cause, take/resolve, the digest) are tested through the console
backend in test_escalation_rules.py.
"""

from __future__ import annotations

from sqlmodel import select

from bot.flows.escalation import escalate
from bot.messages import Fact
from storage.models import AuditEntry, Escalation, EscalationStatus
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
