"""An account opened through the real opening flow gets the daily-activity routine."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from storage.models import ActivityLog
from tests.conftest import STOCKHOLM
from tests.support.opening_helpers import (
    APPLICANT,
    BO,
    COMMUNICATOR,
    MANAGER,
    account,
    button,
    dms,
    open_account,
    press,
    text_of,
)


async def test_the_admins_of_a_newly_opened_account_get_the_morning_dm(bot, fake_slack) -> None:
    bot.clock.set(datetime(2026, 11, 30, 10, 0, tzinfo=STOCKHOLM))  # a Monday
    await open_account(bot, fake_slack, reference="Bitwarden, samlingen Sociala medier")
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
