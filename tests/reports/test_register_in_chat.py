"""`/kontoregister` in Slack: a short summary as the answer, the whole register as CSV and
XLSX uploaded into the communicator's DM; the CSV is byte for byte `smbot export accounts`.

On a year of a small municipality (tests/support/reports_year.py), through the real Slack
stack (slash command over HTTP, the outbox, uploads to the fake Slack).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot import cli, texts
from bot.reports.register import ESCALATED
from tests.support.opening_helpers import COMMUNICATOR, OUTSIDER, add_people
from tests.support.reports_year import build_year


async def register(bot, fake_slack, user: str = COMMUNICATOR, text: str = "") -> dict:  # type: ignore[no-untyped-def]
    status, body = await bot.slack.command(user, "/kontoregister", text)
    assert status == 200
    return json.loads(body)


@pytest.fixture
async def year_bot(bot, fake_slack, tmp_path: Path):  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    with bot.core.session() as session:
        build_year(session, tmp_path / "arkiv")
    return bot


async def test_the_summary_counts_states_and_names_what_needs_attention(year_bot, fake_slack):
    answer = await register(year_bot, fake_slack)
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "Kontoregister 2026-12-01" in text
    assert "3 konton: 2 aktiva, 1 stängt." in text
    assert "2 aktiva konton behöver åtgärd*, varav 1 eskalerade." in text
    assert "De som behöver det mest" in text
    # Biblioteket first: escalated (an overdue comment), and a present admin short.
    first = text.index("Biblioteket")
    assert first < text.index("Kulturskolan")
    assert "eskalerat: öppen eskalering" in text
    assert "1 närvarande administratör (minst två)" in text
    assert "Gamla konto" not in text  # closed: no standing, not in the summary
    assert "kommer som CSV och Excel-fil" in text


async def test_the_whole_register_arrives_as_csv_and_xlsx_equal_to_the_export(
    year_bot, fake_slack, tmp_path, monkeypatch
):
    await register(year_bot, fake_slack)
    assert (await year_bot.dispatch()).sent == 1

    [note] = fake_slack.messages_to("D" + COMMUNICATOR)
    assert "Filer: Kontoregister 2026-12-01" in note["text"]
    files = {f["title"]: f["content"] for f in fake_slack.shared_files("D" + COMMUNICATOR)}
    assert set(files) == {"kontoregister-2026-12-01.csv", "kontoregister-2026-12-01.xlsx"}

    monkeypatch.setenv("DATABASE_URL", year_bot.database_url)
    monkeypatch.chdir(tmp_path)  # no stray .env
    exported = tmp_path / "export.csv"
    assert cli.main(["export", "accounts", "--format", "csv", "-o", str(exported)]) == 0
    assert files["kontoregister-2026-12-01.csv"] == exported.read_bytes()

    sheet = load_workbook(io.BytesIO(files["kontoregister-2026-12-01.xlsx"]))["Kontoregister"]
    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"Biblioteket", "Kulturskolan", "Gamla konto"}
    assert rows["Biblioteket"][-2] == ESCALATED


async def test_only_communicators_get_the_register(year_bot, fake_slack):
    _status, body = await year_bot.slack.command(OUTSIDER, "/kontoregister", "")
    assert body == texts.common.COMMUNICATORS_ONLY
    await year_bot.dispatch()
    assert fake_slack.calls_to("files.getUploadURLExternal") == []


async def test_waiting_lists_the_applications_without_files(year_bot, fake_slack):
    answer = await register(year_bot, fake_slack, text="väntande")
    assert "Inga ansökningar väntar." in json.dumps(answer, ensure_ascii=False)
    await year_bot.dispatch()
    assert fake_slack.calls_to("files.getUploadURLExternal") == []
