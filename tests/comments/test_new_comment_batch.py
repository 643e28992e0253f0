"""Admins hear of a comment the day it arrives (issue 9): in office hours on working days,
within a quarter of an hour, one DM per admin for what arrived since the last batch."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from tests.support.comments_support import at, comments, fb_comment, link, make_account, meta_post


def batches(fake_slack, user: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [
        m
        for m in fake_slack.messages_to("D" + user)
        if m["text"].startswith("Nya kommentarer att besvara")
    ]


def unix(moment: datetime) -> int:
    return int(moment.timestamp())


async def every_minute(bot, start: datetime, minutes: int) -> None:  # type: ignore[no-untyped-def]
    for minute in range(minutes + 1):
        await bot.tick(start + timedelta(minutes=minute))
    await bot.dispatch()


async def arrive(bot, external_id: str, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    bot.clock.set(moment)
    await meta_post(bot, fb_comment(external_id, "Har ni öppet?", created_time=unix(moment)))


async def test_wednesday_morning_comments_reach_the_admins_within_a_quarter(
    bot, fake_slack
) -> None:
    link(bot, make_account(bot, fake_slack))
    await arrive(bot, "555000111_1", at(2026, 12, 2, 10, 0))
    await arrive(bot, "555000111_2", at(2026, 12, 2, 10, 4))
    await every_minute(bot, at(2026, 12, 2, 10, 4), 11)
    for user in ("UANNA", "UBO"):
        [batch] = batches(fake_slack, user)
        shown = json.dumps(batch, ensure_ascii=False)
        first, second = comments(bot)
        assert f"nr {first.id}" in shown and f"nr {second.id}" in shown
        assert "Har ni öppet?" not in shown  # no text: the DM is not purged with it
    assert all(c.batched_at and c.batched_at <= at(2026, 12, 2, 10, 15) for c in comments(bot))


async def test_thursday_before_midsummer_is_heard_the_same_afternoon(bot, fake_slack) -> None:
    link(bot, make_account(bot, fake_slack))
    await arrive(bot, "555000111_3", at(2027, 6, 24, 14, 20))
    await every_minute(bot, at(2027, 6, 24, 14, 20), 15)
    assert len(batches(fake_slack, "UANNA")) == 1


async def test_a_comment_at_night_waits_for_the_office_morning(bot, fake_slack) -> None:
    link(bot, make_account(bot, fake_slack))
    await arrive(bot, "555000111_4", at(2026, 12, 2, 22, 0))
    await every_minute(bot, at(2026, 12, 2, 22, 0), 20)
    assert batches(fake_slack, "UANNA") == []
    await every_minute(bot, at(2026, 12, 3, 8, 0), 15)
    assert len(batches(fake_slack, "UANNA")) == 1
