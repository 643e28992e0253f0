"""Stalled applications: one reminder after two working days, escalation after five."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from storage.models import Escalation, EscalationStatus
from tests.conftest import STOCKHOLM
from tests.support.opening_helpers import (
    APPLICANT,
    BO,
    COMMUNICATOR,
    MANAGER,
    add_people,
    apply,
    channel_posts,
    dms,
    find,
    last_view,
    press,
    submit,
    text_of,
    updates_in,
)


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=STOCKHOLM)


def reminders(fake_slack, user: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [m for m in dms(fake_slack, user) if "Påminnelse" in str(m.get("text"))]


def escalations(bot) -> list[Escalation]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return list(session.exec(select(Escalation).order_by(Escalation.id)).all())


async def test_manager_and_nominee_are_reminded_once_then_communicators_told(
    bot, fake_slack
) -> None:
    add_people(fake_slack)
    await apply(bot, fake_slack)  # Tuesday 1 December, 09:00
    await bot.dispatch()

    await bot.tick(at(2))  # Wednesday: one working day
    assert reminders(fake_slack, MANAGER) == [] and reminders(fake_slack, BO) == []
    await bot.tick(at(3, 8, 59))  # Thursday, before the morning time
    assert reminders(fake_slack, MANAGER) == []
    await bot.tick(at(3, 9, 0))  # two working days
    await bot.tick(at(3, 14, 0))  # a later tick sends nothing again
    assert len(reminders(fake_slack, MANAGER)) == 1
    assert "Anna Andersson väntar på ditt beslut" in text_of(reminders(fake_slack, MANAGER)[0])
    assert len(reminders(fake_slack, BO)) == 1

    await bot.tick(at(5, 10))  # Saturday: not a working day, nothing happens
    assert escalations(bot) == []
    await bot.tick(at(7))  # Monday: four working days
    assert escalations(bot) == []
    await bot.tick(at(8))  # Tuesday: five working days → the communicators are told
    [stalled] = escalations(bot)
    assert stalled.kind == "opening.manager" and "Karin Chef" in stalled.summary
    assert any("Karin Chef har inte beslutat" in str(m["text"]) for m in channel_posts(fake_slack))
    assert len(reminders(fake_slack, MANAGER)) == 1

    # The manager decides: the escalation resolves itself and its message says so.
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    [stalled] = escalations(bot)
    assert stalled.status == EscalationStatus.RESOLVED
    await bot.dispatch()
    assert any("Löst" in text_of(u) for u in updates_in(fake_slack, "CKOMM"))


async def test_stalled_anchoring_and_completion(bot, fake_slack) -> None:
    add_people(fake_slack)
    await apply(bot, fake_slack)
    await bot.dispatch()
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    await press(bot, BO, find(dms(fake_slack, BO), "opening.accept"), "opening.accept")
    await bot.tick(at(8))  # five working days without anchoring
    [stalled] = escalations(bot)
    assert stalled.kind == "opening.review"

    review = find(channel_posts(fake_slack), "opening.request-completion")
    await press(bot, COMMUNICATOR, review, "opening.request-completion")
    await submit(bot, COMMUNICATOR, last_view(fake_slack), {"comment": "Mer om resurserna."})
    assert escalations(bot)[0].status == EscalationStatus.RESOLVED  # it is the applicant's turn
    await bot.tick(at(9))
    assert reminders(fake_slack, APPLICANT) == []
    await bot.tick(at(10))  # two working days after the request
    [reminder] = reminders(fake_slack, APPLICANT)
    assert "Mer om resurserna." in text_of(reminder)
