"""No database transaction is held while the Slack listeners wait for Slack's Web API.

A new user's first command asks Slack who they are (users.info) and whether they are in the
communicators' channel (conversations.members). On SQLite an open write transaction during
those calls would block every other request's writes until Slack answers.
"""

from __future__ import annotations

import asyncio

from sqlmodel import select

from bot.core import Core
from storage.models import Person

SLOW = 1.5  # seconds Slack takes to answer the directory look-ups below
NEWCOMERS = {"U0NEW1": "Nora Ny", "U0NEW2": "Nils Nyare"}


def save_someone_else(core: Core) -> None:
    """Another request's write, in a thread of its own like a second worker's."""
    with core.session() as session:
        session.add(Person(name="Någon annan", created_at=core.now()))


async def test_slow_slack_lookups_block_no_other_write(bot, fake_slack) -> None:  # type: ignore[no-untyped-def]
    for user_id, name in NEWCOMERS.items():
        fake_slack.add_user(user_id, name)
    asking_channel = asyncio.Event()

    def latency(method: str, args: dict) -> float:
        if method == "conversations.members":
            asking_channel.set()
            return SLOW
        return 0.2 if method == "users.info" else 0.0

    fake_slack.latency_for = latency
    requests = [asyncio.create_task(bot.slack.command(u, "/hjalp")) for u in NEWCOMERS]
    await asyncio.wait_for(asking_channel.wait(), timeout=5)
    # Both newcomers' users.info is answered; the channel look-up is still on its way.
    await asyncio.wait_for(asyncio.to_thread(save_someone_else, bot.core), timeout=SLOW / 2)
    assert not any(request.done() for request in requests)

    answers = await asyncio.wait_for(asyncio.gather(*requests), timeout=10)
    assert [status for status, _ in answers] == [200, 200]
    with bot.core.session() as session:
        names = set(session.exec(select(Person.name)).all())
    assert names >= {*NEWCOMERS.values(), "Någon annan"}
