"""Screenshots in Teams: `skärmdump`, then files sent in the 1:1 chat, archived exactly as from
Slack (same core entry point): file on disk, SHA-256, size, uploader; refusals change nothing."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlmodel import select

from bot.people import find_by_identity
from storage.models import DocumentationFile
from tests.support.teams_accounts import active_account
from tests.support.teams_harness import ANNA, CECILIA, EVE, TeamsHarness

SCREENSHOT = (Path(__file__).resolve().parents[2] / "teams" / "color.png").read_bytes()


@pytest.fixture
async def teams(database_url, fake_slack, clock, fake_connector, tmp_path) -> AsyncIterator:  # type: ignore[no-untyped-def]
    harness = TeamsHarness(
        database_url, fake_slack, clock, fake_connector, archive_dir=tmp_path / "archive"
    )
    await harness.start()
    for user in (ANNA, CECILIA, EVE):
        await harness.teams.install(user)
    await harness.dispatch()
    fake_connector.clear()
    yield harness
    await harness.stop()


def attachment(teams: TeamsHarness, name: str, content: bytes) -> dict:
    teams.connector.files[name] = content
    return {
        "contentType": "application/vnd.microsoft.teams.file.download.info",
        "name": name,
        "contentUrl": f"https://forshaga.sharepoint.example/{name}",
        "content": {"downloadUrl": f"{teams.connector.url}/files/{name}", "fileType": "png"},
    }


def archived(teams: TeamsHarness) -> list[DocumentationFile]:
    with teams.core.session() as session:
        return list(session.exec(select(DocumentationFile)))


async def test_skarmdump_then_a_file_in_the_chat_is_archived(
    teams: TeamsHarness, tmp_path: Path
) -> None:
    account_id = active_account(teams, "Biblioteket", [ANNA, CECILIA])
    await teams.teams.message(ANNA, "skärmdump")
    assert "Biblioteket" in teams.connector.to(ANNA.chat)[-1].text

    await teams.teams.message(
        ANNA, "", attachments=[attachment(teams, "startsida.png", SCREENSHOT)]
    )
    [row] = archived(teams)
    with teams.core.session() as session:
        anna = find_by_identity(session, "teams", ANNA.id)
        assert anna is not None
    assert (row.account_id, row.uploader_id, row.size) == (account_id, anna.id, len(SCREENSHOT))
    assert row.sha256 == hashlib.sha256(SCREENSHOT).hexdigest()
    assert (tmp_path / "archive" / row.path).read_bytes() == SCREENSHOT
    receipt = teams.connector.to(ANNA.chat)[-1]
    assert "startsida.png" in receipt.text or row.filename in receipt.text


async def test_files_without_skarmdump_or_not_images_are_refused(teams: TeamsHarness) -> None:
    active_account(teams, "Biblioteket", [ANNA, CECILIA])
    await teams.teams.message(EVE, "", attachments=[attachment(teams, "a.png", SCREENSHOT)])
    assert "Skriv **skärmdump** först" in teams.connector.to(EVE.chat)[-1].text
    await teams.teams.message(ANNA, "skärmdump")
    await teams.teams.message(
        ANNA, "", attachments=[attachment(teams, "virus.png", b"MZ\x90\x00 not an image")]
    )
    assert archived(teams) == []
