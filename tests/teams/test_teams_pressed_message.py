"""A Teams press names the message it came from (the outbox key its card carries), and the
invoke is answered with what the action made of that message (`Reply.updated`)."""

from __future__ import annotations

from handlers.teams import cards
from tests.fakes.bot_connector import card_buttons
from tests.support.teams_channel import (
    channel_posts,
    channel_teams_fixture,
    open_escalation,
    register,
)
from tests.support.teams_harness import CECILIA, COMMUNICATORS_CHANNEL, TeamsHarness
from tests.support.teams_requests import button as card_button

teams = channel_teams_fixture()

CHANNEL = {"id": COMMUNICATORS_CHANNEL, "conversationType": "channel"}


async def test_a_sent_cards_buttons_carry_its_outbox_key(teams: TeamsHarness) -> None:
    await register(teams)
    open_escalation(teams)
    await teams.dispatch()
    [post] = channel_posts(teams)
    pressed = [card_button(post.card, b["title"]) for b in card_buttons(post.card)]
    keys = {button["data"][cards.KEY] for button in pressed}
    assert len(keys) == 1 and keys.pop().startswith("escalation")


async def test_a_press_is_answered_with_the_pressed_message_only(teams: TeamsHarness) -> None:
    await register(teams)
    open_escalation(teams)
    await teams.dispatch()
    [post] = channel_posts(teams)
    data = dict(card_buttons(post.card)[0]["data"])
    data[cards.KEY] = "some-other-message"  # e.g. a copy of the card somewhere else

    taken = await teams.teams.execute(
        CECILIA, "escalation.take", data, post.activity_id, conversation=CHANNEL
    )
    # The action ran, but it changed no message this card shows: a notice, not a card.
    assert taken.status == 200 and taken.card is None and taken.text
    await teams.dispatch()
    [update] = teams.connector.of("update")
    assert "Tas om hand av Cecilia Ek" in update.text


async def test_a_card_without_a_key_still_works_and_gets_a_notice(teams: TeamsHarness) -> None:
    await register(teams)
    open_escalation(teams)
    await teams.dispatch()
    [post] = channel_posts(teams)
    data = {k: v for k, v in card_buttons(post.card)[0]["data"].items() if k != cards.KEY}

    taken = await teams.teams.execute(
        CECILIA, "escalation.take", data, post.activity_id, conversation=CHANNEL
    )
    assert taken.status == 200 and taken.card is None and taken.text
    await teams.dispatch()
    assert "Tas om hand av Cecilia Ek" in teams.connector.of("update")[0].text
