"""An account opened through the real opening flow gets the daily-activity routine."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from storage.models import AccountStatus, ActivityLog
from tests.conftest import STOCKHOLM
from tests.opening_helpers import (
    APPLICANT,
    BO,
    COMMUNICATOR,
    MANAGER,
    account,
    add_people,
    apply,
    button,
    channel_posts,
    dms,
    fill,
    find,
    last_view,
    press,
    text_of,
    updates_in,
)


async def open_account(bot, fake_slack) -> None:
    """Application, manager approval, co-admin acceptance, anchoring, service account."""
    add_people(fake_slack)
    await apply(bot, fake_slack)
    await bot.dispatch()
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    await press(bot, BO, find(dms(fake_slack, BO), "opening.accept"), "opening.accept")
    await bot.dispatch()
    review = find(channel_posts(fake_slack), "opening.anchor")
    await press(bot, COMMUNICATOR, review, "opening.anchor")
    await bot.dispatch()
    card = updates_in(fake_slack, "CKOMM")[-1]
    await press(bot, COMMUNICATOR, card, "opening.register-service-account")
    form = last_view(fake_slack)
    values = {
        "url": "https://www.instagram.com/forshagabibliotek",
        "credentials": ["received"],
        "reference": "Bitwarden, samlingen Sociala medier",
    }
    status, _ = await bot.slack.submit(COMMUNICATOR, form, fill(form, values))
    assert status == 200
    assert account(bot).status == AccountStatus.ACTIVE
    await bot.dispatch()


async def test_the_admins_of_a_newly_opened_account_get_the_morning_dm(bot, fake_slack) -> None:
    bot.clock.set(datetime(2026, 11, 30, 10, 0, tzinfo=STOCKHOLM))  # a Monday
    await open_account(bot, fake_slack)
    fake_slack.clear()

    await bot.tick(datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM))
    mornings = {user: dms(fake_slack, user) for user in (APPLICANT, BO, MANAGER, COMMUNICATOR)}
    assert {user: len(m) for user, m in mornings.items()} == {
        APPLICANT: 1,
        BO: 1,
        MANAGER: 0,
        COMMUNICATOR: 0,
    }
    bo_morning = mornings[BO][0]
    assert "Forshaga bibliotek" in text_of(bo_morning)
    await press(bot, BO, bo_morning, "activity.posted")
    with bot.core.session() as session:
        logged = session.exec(select(ActivityLog)).all()
    assert [(log.kind, log.account_id) for log in logged] == [("post", account(bot).id)]
    assert button(bo_morning, "activity.lookedover")["value"] == str(account(bot).id)
