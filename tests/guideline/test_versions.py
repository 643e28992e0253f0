"""The versions smbot has enforced, and what an application confirmed under which version."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import select

from bot.guideline.versions import enforced
from storage.models import AuditEntry
from tests.conftest import STOCKHOLM
from tests.fakes.slack_api import FakeSlackApi
from tests.support.docs_support import channel_posts, running_bot
from tests.support.guideline_files import edited_guideline
from tests.support.harness import Harness
from tests.support.opening_helpers import add_people, apply

MONDAY = datetime(2026, 12, 7, 9, 0, tzinfo=STOCKHOLM)


async def test_each_version_is_recorded_once_when_it_takes_effect(
    database_url: str, fake_slack: FakeSlackApi, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    async with running_bot(database_url, fake_slack, clock, tmp_path) as bot:
        await bot.tick(MONDAY)
        await bot.tick(MONDAY.replace(hour=10))
    newer = edited_guideline(
        tmp_path, replace={'version = "1"': 'version = "2"', 'name = ""': 'name = "Eva Ek"'}
    )
    async with running_bot(database_url, fake_slack, clock, tmp_path, guideline_file=newer) as bot:
        await bot.tick(MONDAY.replace(day=8))
        with bot.core.session() as session:
            versions = enforced(session)
    assert [(v.version, v.decided_by_name) for v in versions] == [("1", ""), ("2", "Eva Ek")]
    assert versions[0].took_effect_at == MONDAY and versions[1].took_effect_at.day == 8
    assert versions[1].content["rules"]["min_admins"] == 2


@pytest.fixture
async def slack_bot(
    database_url: str, fake_slack: FakeSlackApi, clock, tmp_path: Path
) -> AsyncIterator[Harness]:  # type: ignore[no-untyped-def]
    path = edited_guideline(tmp_path, reply_within_working_days=2)
    async with running_bot(database_url, fake_slack, clock, tmp_path, guideline_file=path) as bot:
        yield bot


async def test_an_application_records_the_version_and_the_duty_texts_confirmed(
    slack_bot: Harness, fake_slack: FakeSlackApi
) -> None:
    add_people(fake_slack)
    await apply(slack_bot, fake_slack)
    with slack_bot.core.session() as session:
        entries = session.exec(select(AuditEntry)).all()
    [submitted] = [e for e in entries if "duty_texts" in e.detail]
    assert submitted.detail["guideline_version"] == "1"
    assert (
        "frågor besvaras inom två arbetsdagar och informationstexten anger svarstiden"
        in (submitted.detail["duty_texts"])
    )


async def test_the_communicators_are_reminded_before_the_review_date_and_on_the_day(
    database_url: str, fake_slack: FakeSlackApi, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = edited_guideline(
        tmp_path, replace={"# review_date = 2027-01-31": "review_date = 2027-01-29"}
    )
    async with running_bot(database_url, fake_slack, clock, tmp_path, guideline_file=path) as bot:

        def reminders() -> list[str]:
            return [m["text"] for m in channel_posts(fake_slack) if "ses över" in m["text"]]

        await bot.tick(datetime(2026, 12, 29, 9, 0, tzinfo=STOCKHOLM))  # 31 days before
        assert reminders() == []
        await bot.tick(datetime(2026, 12, 30, 9, 0, tzinfo=STOCKHOLM))  # 30 days before
        await bot.tick(datetime(2026, 12, 30, 11, 0, tzinfo=STOCKHOLM))
        [soon] = reminders()
        assert "senast" in soon and "2027-01-29" in soon and "upphäv" in soon
        await bot.tick(datetime(2027, 1, 29, 9, 0, tzinfo=STOCKHOLM))
        await bot.tick(datetime(2027, 1, 29, 10, 0, tzinfo=STOCKHOLM))
        assert len(reminders()) == 2 and "Idag" in reminders()[-1]
