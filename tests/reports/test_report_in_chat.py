"""The monthly report in the chat, through the real Slack stack on a year of a municipality:
the communicators' channel gets last month's report (charts as pictures, the PDF) on the
first working morning, once; `/rapport` gives the same on demand; managers get their own."""

from __future__ import annotations

import io
import json
import struct
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from bot.guideline.versions import record_in_force
from bot.outbox.dispatcher import CLAIM_LEASE, claim
from bot.reports.charts import CHART_SIZE
from storage.models import Account, OutboxMessage
from tests.conftest import STOCKHOLM
from tests.support.harness import COMMUNICATORS_CHANNEL
from tests.support.opening_helpers import COMMUNICATOR, add_people
from tests.support.reports_year import Year, build_year

CHARTS = ["inlagg", "kommentarer", "dokumentation", "eskaleringar"]


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)  # type: ignore[misc]


@pytest.fixture
async def year(bot, fake_slack, tmp_path: Path) -> Year:  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    with bot.core.session() as session:
        # smbot has been in use since January (the guideline version it first enforced).
        record_in_force(session, bot.core.guideline, at(2026, 1, 2, 9))
        return build_year(session, tmp_path / "arkiv")


def titles(files: list[dict]) -> list[str]:
    return [f["title"] for f in files]


def check_files(files: list[dict], month: str) -> None:
    names = [f"uppfoljning-{month}-{chart}.png" for chart in CHARTS]
    assert titles(files) == [*names, f"uppfoljning-{month}.pdf"]
    for picture in files[:4]:
        assert picture["content"].startswith(b"\x89PNG\r\n\x1a\n")
        assert struct.unpack(">II", picture["content"][16:24]) == CHART_SIZE
    pdf = PdfReader(io.BytesIO(files[4]["content"]))
    assert sum(len(page.images) for page in pdf.pages) == 4


async def test_the_channel_gets_last_months_report_on_the_first_working_morning_once(
    bot, fake_slack, year
):
    await bot.tick(at(2026, 12, 1, 8, 59))  # a working day, before the morning time
    await bot.dispatch()
    assert fake_slack.shared_files(COMMUNICATORS_CHANNEL) == []

    await bot.tick(at(2026, 12, 1, 9, 0))
    await bot.dispatch()
    [post] = [
        p for p in fake_slack.messages_to(COMMUNICATORS_CHANNEL) if "Uppföljning" in p["text"]
    ]
    text = json.dumps(post["blocks"], ensure_ascii=False)
    assert "november 2026" in text and "Kommentarer och meddelanden" in text
    assert "5 (före: 1)" in text
    check_files(fake_slack.shared_files(COMMUNICATORS_CHANNEL), "2026-11")

    await bot.restart()
    await bot.tick(at(2026, 12, 1, 14, 0))
    await bot.tick(at(2026, 12, 2, 9, 0))
    await bot.dispatch()
    assert len(fake_slack.calls_to("files.completeUploadExternal")) == 1
    with bot.core.session() as session:
        rows = session.exec(
            select(OutboxMessage).where(OutboxMessage.message_key == "monthly-report:2026-11")
        ).all()
    assert len(rows) == 1


async def test_no_report_for_a_month_smbot_was_not_in_use_for_from_its_start(bot, fake_slack):
    add_people(fake_slack)
    await bot.tick(at(2026, 11, 30, 9, 0))  # the first tick: the guideline in force from now
    await bot.tick(at(2026, 12, 1, 9, 0))  # November: in use only on its last day
    await bot.dispatch()
    assert fake_slack.shared_files(COMMUNICATORS_CHANNEL) == []
    await bot.tick(at(2027, 1, 4, 9, 0))  # December: in use, quiet, and said so
    await bot.dispatch()
    [post] = [
        p for p in fake_slack.messages_to(COMMUNICATORS_CHANNEL) if "Uppföljning" in p["text"]
    ]
    assert "december 2026" in post["text"]
    assert "Ingen aktivitet registrerades under perioden." in json.dumps(
        post["blocks"], ensure_ascii=False
    )


async def test_a_holiday_on_the_first_moves_the_report_to_the_first_working_day(
    bot, fake_slack, year
):
    await bot.tick(at(2027, 1, 1, 10, 0))  # Nyårsdagen, a Friday
    await bot.dispatch()
    assert not fake_slack.shared_files(COMMUNICATORS_CHANNEL)
    await bot.tick(at(2027, 1, 4, 9, 30))  # Monday
    await bot.dispatch()
    assert "uppfoljning-2026-12.pdf" in titles(fake_slack.shared_files(COMMUNICATORS_CHANNEL))


def report_dms(fake_slack, user: str) -> list[dict]:
    return [p for p in fake_slack.messages_to("D" + user) if "Uppföljning" in p["text"]]


async def test_rapport_answers_at_once_and_the_report_follows_through_the_outbox(
    bot, fake_slack, year
):
    status, body = await bot.slack.command(COMMUNICATOR, "/rapport", "2026-11")
    assert status == 200
    answer = json.dumps(json.loads(body)["blocks"], ensure_ascii=False)
    assert "Rapporten för november 2026 tas fram" in answer
    assert "Kommentarer och meddelanden" not in answer  # the figures are not waited for
    # The answer is out; nothing is made or sent until the outbox sends it.
    assert fake_slack.shared_files("D" + COMMUNICATOR) == []
    assert report_dms(fake_slack, COMMUNICATOR) == []
    await bot.dispatch()
    [dm] = report_dms(fake_slack, COMMUNICATOR)
    text = json.dumps(dm["blocks"], ensure_ascii=False)
    assert "november 2026" in text and "5 (före: 1)" in text
    check_files(fake_slack.shared_files("D" + COMMUNICATOR), "2026-11")
    await bot.dispatch()
    assert len(report_dms(fake_slack, COMMUNICATOR)) == 1


async def test_a_restart_after_the_answer_still_delivers_the_report_once(bot, fake_slack, year):
    status, _body = await bot.slack.command(COMMUNICATOR, "/rapport", "2026-11")
    assert status == 200
    await bot.restart()  # the process died after answering, before the outbox sent it
    await bot.dispatch()
    await bot.restart()
    await bot.dispatch()
    assert len(report_dms(fake_slack, COMMUNICATOR)) == 1
    check_files(fake_slack.shared_files("D" + COMMUNICATOR), "2026-11")


async def test_a_dispatcher_dying_while_it_makes_the_report_leaves_it_to_the_next_once(
    bot, fake_slack, year
):
    await bot.slack.command(COMMUNICATOR, "/rapport", "2026-11")
    [held] = claim(bot.core, 10)  # a dispatcher claimed it, then died making the charts
    await bot.restart()
    await bot.dispatch()
    assert report_dms(fake_slack, COMMUNICATOR) == []  # its claim still holds
    bot.clock.set(bot.clock.now() + CLAIM_LEASE + timedelta(seconds=1))
    await bot.dispatch()
    await bot.dispatch()
    assert len(report_dms(fake_slack, COMMUNICATOR)) == 1
    check_files(fake_slack.shared_files("D" + COMMUNICATOR), "2026-11")
    with bot.core.session() as session:
        row = session.get(OutboxMessage, held.id)
        assert row is not None and row.payload["deferred"] is None  # made once, then kept
        assert all(a["data_base64"] == "" for a in row.payload["attachments"])


async def test_a_manager_gets_the_report_for_the_accounts_they_manage(bot, fake_slack, year):
    with bot.core.session() as session:
        school = session.get(Account, year.school)
        assert school is not None
        from bot.people import identity_of

        manager_slack = identity_of(session, school.manager_id, "slack")
    assert manager_slack is not None
    await bot.slack.command(manager_slack, "/rapport", "2026-11")
    await bot.dispatch()
    [dm] = report_dms(fake_slack, manager_slack)
    answer = json.dumps(dm["blocks"], ensure_ascii=False)
    assert "Konton där" in answer and "är chef" in answer
    files = fake_slack.shared_files("D" + manager_slack)
    pdf = PdfReader(io.BytesIO(files[-1]["content"]))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Kulturskolan" in text and "Biblioteket" not in text


async def test_a_managers_mina_konton_lists_the_accounts_they_manage(bot, fake_slack, year):
    from tests.support.accounts_db import person

    fake_slack.add_user("UCHEF", "Cissi Chef")
    with bot.core.session() as session:
        chief = person(session, "UCHEF", "Cissi Chef", bot.clock.now())
        for account_id in (year.library, year.old):
            account = session.get(Account, account_id)
            assert account is not None
            account.manager_id = chief.id
            session.add(account)
    _status, body = await bot.slack.command("UCHEF", "/mina-konton", "")
    answer = json.dumps(json.loads(body)["blocks"], ensure_ascii=False)
    assert "Konton du är chef för" in answer
    assert "Biblioteket" in answer and "Bo Bibliotek" in answer
    assert "Gamla konto" not in answer  # closed: nothing to answer for
    assert "Månadsrapporten för dem" in answer
