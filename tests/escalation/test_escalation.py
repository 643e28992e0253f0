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


async def test_the_digest_links_each_line_to_its_escalation(bot, fake_slack) -> None:
    """Slack's own permalink (chat.getPermalink) to the card sent earlier in the channel."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    fake_slack.add_user("UKOMM", "Karin Kommunikatör")
    fake_slack.channel_members[COMMUNICATORS_CHANNEL] = ["UKOMM"]
    bot.clock.set(datetime(2026, 12, 1, 14, 0, tzinfo=ZoneInfo("Europe/Stockholm")))
    await open_one(bot, "test:1")
    await open_one(bot, "test:2")
    await bot.dispatch()
    cards = list(fake_slack.posted[COMMUNICATORS_CHANNEL])  # as Slack keeps them, with ts
    assert len(cards) == 2
    await bot.tick(datetime(2026, 12, 2, 9, 5, tzinfo=ZoneInfo("Europe/Stockholm")))
    [digest] = [
        m
        for m in fake_slack.messages_to(COMMUNICATORS_CHANNEL)
        if m["text"].startswith("Olösta eskaleringar – 2026-12-02")
    ]
    blocks = str(digest["blocks"])
    for card in cards:
        ts = card["ts"]
        channel = COMMUNICATORS_CHANNEL
        permalink = f"https://forshaga.slack.com/archives/{channel}/p{ts.replace('.', '')}"
        assert f"<{permalink}|Öppna ärendet>" in blocks
    asked = [c.args["message_ts"] for c in fake_slack.calls_to("chat.getPermalink")]
    assert sorted(asked) == sorted(card["ts"] for card in cards)
