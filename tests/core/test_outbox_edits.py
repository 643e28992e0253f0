"""One change of a message is one edit, whatever happened to the message before (issue 13).

Through the real Slack sender and slack_sdk against the fake Slack Web API; the edits are
counted as chat.update calls per message ts.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bot.flows.escalation import escalate
from bot.messages import Message
from bot.outbox import enqueue_to_communicators, enqueue_to_person, enqueue_update
from tests.support.accounts_db import person
from tests.support.harness import COMMUNICATORS_CHANNEL
from tests.support.opening_helpers import (
    BO,
    CILLA,
    COMMUNICATOR,
    DAVID,
    MANAGER,
    OUTSIDER,
    add_people,
    apply,
    channel_posts,
    dms,
    fill,
    find,
    open_service_account_form,
    press,
)


def edits_per_ts(fake_slack, channel: str = COMMUNICATORS_CHANNEL) -> Counter[str]:
    updates = fake_slack.calls_to("chat.update")
    return Counter(call.args["ts"] for call in updates if call.args["channel"] == channel)


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
    assert list(edits_per_ts(fake_slack, "DUANNA").values()) == [3]


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


@pytest.mark.parametrize("co_admins", [[BO], [BO, CILLA, DAVID, OUTSIDER]])
async def test_an_opening_edits_the_review_post_once_per_change(bot, fake_slack, co_admins):
    """Before the fix the review post got 7 edits with one co-admin and 63 with four."""
    add_people(fake_slack)
    await apply(bot, fake_slack, co_admins=co_admins)
    await bot.dispatch()
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    await bot.dispatch()
    for user in co_admins:
        await press(bot, user, find(dms(fake_slack, user), "opening.accept"), "opening.accept")
        await bot.dispatch()
    form = await open_service_account_form(bot, fake_slack)
    values = {"url": "https://www.instagram.com/forshagabibliotek", "credentials": ["received"]}
    await bot.slack.submit(COMMUNICATOR, form, fill(form, values))
    await bot.dispatch()
    await bot.dispatch()

    assert len(channel_posts(fake_slack)) == 1
    # The approval, each acceptance and the anchoring: one edit each.
    assert list(edits_per_ts(fake_slack).values()) == [2 + len(co_admins)]
