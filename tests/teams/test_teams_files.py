"""Files sent in the 1:1 chat (uploaded files and pasted images) reach the core as bytes."""

from __future__ import annotations

from bot import router
from bot.app import build_registry
from bot.registry import Registry
from bot.reply import Reply, UploadedFile
from tests.support.teams_harness import ANNA, TeamsHarness, teams_fixture

RECEIVED: list[tuple[str, list[UploadedFile]]] = []


def _take(ctx: router.Context, files: list[UploadedFile]) -> Reply:
    RECEIVED.append((ctx.actor.person.name, files))
    return Reply(notice=f"Tack, {len(files)} filer arkiverade.")


def _registry() -> Registry:
    """The bot's verbs, with a test taker of uploads instead of the documentation flow's."""
    RECEIVED.clear()
    registry = build_registry()
    registry.upload = _take
    return registry


teams = teams_fixture(_registry)


async def test_uploaded_files_and_pasted_images_are_handed_to_the_core(
    teams: TeamsHarness,
) -> None:
    teams.connector.files["skarm.png"] = b"\x89PNG fake screenshot"
    teams.connector.files["inline"] = b"\x89PNG pasted"
    attachments = [
        {
            "contentType": "application/vnd.microsoft.teams.file.download.info",
            "name": "skarm.png",
            "contentUrl": "https://sharepoint.example/skarm.png",
            "content": {
                "downloadUrl": teams.connector.url + "/files/skarm.png",
                "uniqueId": "u1",
                "fileType": "png",
            },
        },
        {"contentType": "image/*", "contentUrl": teams.connector.url + "/files/inline"},
        {"contentType": "text/html", "content": "<div>skärmdumpar</div>"},
    ]
    await teams.teams.message(ANNA, "", attachments=attachments)
    [(who, files)] = RECEIVED
    assert who == ANNA.name
    assert [(f.name, f.content, f.content_type) for f in files] == [
        ("skarm.png", b"\x89PNG fake screenshot", "image/png"),
        ("bild-2.*", b"\x89PNG pasted", "image/*"),
    ]
    [reply] = teams.connector.to(ANNA.chat)
    assert reply.text == "Tack, 2 filer arkiverade."


async def test_a_file_that_cannot_be_fetched_is_said_not_silently_dropped(
    teams: TeamsHarness,
) -> None:
    attachments = [
        {
            "contentType": "application/vnd.microsoft.teams.file.download.info",
            "name": "borta.png",
            "content": {"downloadUrl": teams.connector.url + "/files/borta.png"},
        }
    ]
    await teams.teams.message(ANNA, "", attachments=attachments)
    assert RECEIVED == []
    [reply] = teams.connector.to(ANNA.chat)
    assert "Jag kunde inte hämta filen borta.png" in reply.text


async def test_without_a_taker_the_bot_says_it_cannot_take_files(teams: TeamsHarness) -> None:
    teams.core.registry.upload = None
    teams.connector.files["a.png"] = b"x"
    attachments = [
        {
            "contentType": "application/vnd.microsoft.teams.file.download.info",
            "name": "a.png",
            "content": {"downloadUrl": teams.connector.url + "/files/a.png"},
        }
    ]
    await teams.teams.message(ANNA, "", attachments=attachments)
    assert teams.connector.to(ANNA.chat)[0].text == "Jag kan inte ta emot filer just nu."


async def test_commands_with_private_answers_are_not_answered_in_a_channel(
    teams: TeamsHarness,
) -> None:
    await teams.teams.in_channel(
        ANNA, "19:team@thread.tacv2", "19:kanal@thread.tacv2", "mitt konto"
    )
    [reply] = teams.connector.to("19:kanal@thread.tacv2;messageid=17000000")
    assert reply.text == "Det här gör du i en chatt med mig, inte i en kanal."
