"""Changing a number in the guideline file changes the behaviour and every text that states it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.flows.opening.application import application_form
from bot.flows.opening.cards import activated
from bot.guideline.words import duty_texts
from storage.models import Account
from tests.conftest import STOCKHOLM
from tests.fakes.slack_api import FakeSlackApi
from tests.support.docs_support import communicator, dms, everything, library_team, running_bot
from tests.support.guideline_files import edited_guideline
from tests.support.harness import Harness

ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)


@pytest.fixture
async def strict_bot(
    database_url: str, fake_slack: FakeSlackApi, clock, tmp_path: Path
) -> AsyncIterator[Harness]:  # type: ignore[no-untyped-def]
    path = edited_guideline(
        tmp_path, min_admins=3, reply_within_working_days=2, documentation_interval_months=3
    )
    async with running_bot(database_url, fake_slack, clock, tmp_path, guideline_file=path) as bot:
        yield bot


async def test_three_admins_in_the_file_asks_a_two_admin_team_for_a_third(
    strict_bot: Harness, fake_slack: FakeSlackApi
) -> None:
    team = library_team(strict_bot, ACTIVATED)
    communicator(strict_bot)
    await strict_bot.tick(datetime(2026, 12, 1, 9, 30, tzinfo=STOCKHOLM))
    [ask] = dms(fake_slack, "U1")
    assert "har bara två administratörer kvar, och riktlinjen kräver minst tre" in everything(ask)
    with strict_bot.core.session() as session:
        account = session.get(Account, team["account"])
        assert account is not None
        active = activated(strict_bot.core, account)
    assert "minst tre administratörer" in active.text
    assert any("inom två arbetsdagar" in line for line in active.checklist)
    assert any("varje kvartal" in line for line in active.checklist)


async def test_the_shipped_numbers_leave_a_two_admin_team_alone(
    bot: Harness, fake_slack: FakeSlackApi
) -> None:
    library_team(bot, ACTIVATED)
    communicator(bot)
    await bot.tick(datetime(2026, 12, 1, 9, 30, tzinfo=STOCKHOLM))
    assert not any("riktlinjen kräver minst" in everything(m) for m in dms(fake_slack, "U1"))


def test_the_application_form_states_the_numbers_of_the_file(strict_bot: Harness) -> None:
    form = application_form(strict_bot.core)
    assert "minst tre administratörer" in (form.intro or "")
    hint = next(f.hint for f in form.fields if f.id == "co_admins")
    assert (
        hint == "Minst tre ska kunna administrera kontot: du och minst två till. De får en fråga."
    )
    duties = duty_texts(strict_bot.core.guideline, "Forshaga kommun")
    assert duties["reply"].startswith("frågor besvaras inom två arbetsdagar")
    reply = next(o for o in next(f for f in form.fields if f.id == "duties").options or [])
    assert reply.label == "kontot uppdateras varje arbetsdag"
    assert strict_bot.core.calendar.reply_working_days == 2
