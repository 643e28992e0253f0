"""One change of a message is one edit, whatever happened to the message before (issue 13).

Through the real Slack sender and slack_sdk against the fake Slack Web API; the edits are
counted as chat.update calls per message ts.
"""

from __future__ import annotations

from collections import Counter

from bot.flows.escalation import escalate
from bot.messages import Message
from bot.outbox import enqueue_to_communicators, enqueue_to_person, enqueue_update
from tests.accounts_db import person
from tests.harness import COMMUNICATORS_CHANNEL


def edits_per_ts(fake_slack) -> Counter[str]:
    return Counter(call.args["ts"] for call in fake_slack.calls_to("chat.update"))


def buttons(call_args: dict) -> list[dict]:
    return [
        element
        for block in call_args["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


async def test_taking_then_resolving_an_escalation_edits_its_post_twice(bot, fake_slack):
    fake_slack.add_user("UKOMM", "Karin Kommunikatör")
    fake_slack.channel_members[COMMUNICATORS_CHANNEL] = ["UKOMM"]
    with bot.core.session() as session:
        escalation = escalate(session, bot.core, key="test:1", kind="test", summary="Tyst konto")
        assert escalation is not None
        escalation_id = str(escalation.id)
    await bot.dispatch()
    [posted] = fake_slack.messages_to(COMMUNICATORS_CHANNEL)
    take, resolve = (b["action_id"] for b in buttons(posted))

    await bot.slack.press("UKOMM", take, escalation_id, channel=COMMUNICATORS_CHANNEL)
    await bot.dispatch()
    await bot.slack.press("UKOMM", resolve, escalation_id, channel=COMMUNICATORS_CHANNEL)
    await bot.dispatch()
    await bot.dispatch()

    assert list(edits_per_ts(fake_slack).values()) == [2]
    assert buttons(fake_slack.calls_to("chat.update")[-1].args) == []


async def test_each_change_of_a_channel_message_is_one_edit(bot, fake_slack):
    with bot.core.session() as session:
        enqueue_to_communicators(session, bot.core, "review:1", Message(text="v0"))
    await bot.dispatch()
    for version in range(1, 6):
        with bot.core.session() as session:
            enqueue_update(session, bot.core, "review:1", Message(text=f"v{version}"))
        await bot.dispatch()
    assert list(edits_per_ts(fake_slack).values()) == [5]
    assert fake_slack.calls_to("chat.update")[-1].args["text"] == "v5"


async def test_each_change_of_a_direct_message_is_one_edit(bot, fake_slack):
    with bot.core.session() as session:
        anna = person(session, "UANNA", "Anna", bot.core.now()).id
        enqueue_to_person(session, bot.core, "daily:1", anna, Message(text="v0"))
    await bot.dispatch()
    for version in range(1, 4):
        with bot.core.session() as session:
            enqueue_update(session, bot.core, "daily:1", Message(text=f"v{version}"))
        await bot.dispatch()
    assert list(edits_per_ts(fake_slack).values()) == [3]


async def test_a_fanned_out_channel_message_is_edited_once_per_change(bot, fake_slack):
    wired = dict(bot.core.senders)
    bot.core.senders.clear()  # as in `smbot tick` without Slack credentials
    with bot.core.session() as session:
        enqueue_to_communicators(session, bot.core, "review:2", Message(text="v0"))
    bot.core.senders.update(wired)
    await bot.dispatch()
    await bot.dispatch()
    for version in range(1, 4):
        with bot.core.session() as session:
            enqueue_update(session, bot.core, "review:2", Message(text=f"v{version}"))
        await bot.dispatch()
    assert len(fake_slack.messages_to(COMMUNICATORS_CHANNEL)) == 1
    assert list(edits_per_ts(fake_slack).values()) == [3]
