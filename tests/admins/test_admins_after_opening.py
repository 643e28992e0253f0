"""After a real opening: an admin leaves, a replacement is nominated and accepts; documentation."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from storage.models import AdminShortage, Escalation, EscalationStatus
from tests.conftest import STOCKHOLM
from tests.support.docs_support import bot_fixture, channel_posts, dms
from tests.support.opening_helpers import (
    APPLICANT,
    BO,
    DAVID,
    MANAGER,
    find,
    last_view,
    open_account,
    press,
)
from tests.support.slack_requests import users_value

bot = bot_fixture()


async def test_a_replacement_admin_through_the_opening_nomination(bot, fake_slack) -> None:
    await open_account(bot, fake_slack)
    fake_slack.clear()

    await bot.slack.event({"type": "user_change", "user": {"id": BO, "deleted": True}})
    await bot.dispatch()
    ask = find(dms(fake_slack, APPLICANT), "admins.nominate")
    [escalation] = [m for m in channel_posts(fake_slack) if m["text"].startswith("Eskalering")]
    assert "bara en administratör kvar" in escalation["text"]

    await press(bot, APPLICANT, ask, "admins.nominate")
    await bot.slack.submit(APPLICANT, last_view(fake_slack), {"admins": users_value([DAVID])})
    await bot.dispatch()
    await press(bot, DAVID, find(dms(fake_slack, DAVID), "opening.accept"), "opening.accept")
    await bot.tick(datetime(2026, 12, 1, 9, 30, tzinfo=STOCKHOLM))
    with bot.core.session() as session:
        assert session.exec(select(AdminShortage)).one().ended_at is not None
        assert (
            session.exec(select(Escalation).where(Escalation.kind == "too-few-admins")).one().status
            == EscalationStatus.RESOLVED
        )


async def test_six_months_after_opening_the_admins_are_reminded(bot, fake_slack) -> None:
    await open_account(bot, fake_slack)  # activated Tue 2026-12-01: due Tue 2027-06-01
    fake_slack.clear()
    await bot.tick(datetime(2027, 5, 18, 9, 0, tzinfo=STOCKHOLM))  # 14 days before
    for user in (APPLICANT, BO):
        # (Besides the one reminder to confirm their login, tests/accounts/test_logins_rules.py.)
        assert [
            m["text"].split("\n")[0]
            for m in dms(fake_slack, user)
            if not m["text"].startswith("Påminnelse: kan du logga in")
        ] == ["Dags att dokumentera Forshaga bibliotek (Instagram)"]
    assert dms(fake_slack, MANAGER) == []
