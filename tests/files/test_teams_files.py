"""Files in Teams messages: pictures on the card, every file behind a signed, expiring link
that `smbot serve` answers (GET /files/…), disposed of when the link expires.

The real dispatcher, Teams sender and botbuilder against the fake Bot Connector; the links
are fetched from the bot's own aiohttp app over loopback.
"""

from __future__ import annotations

import re
from datetime import timedelta

import aiohttp
from pydantic import SecretStr
from sqlmodel import select

from bot.outbox import enqueue_to_person
from bot.people import find_by_identity
from storage.models import ChatFile
from tests.support.chat_files import CSV, png, with_files
from tests.support.teams_harness import ANNA, TeamsHarness

LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


async def anna_id(teams: TeamsHarness) -> int:
    await teams.teams.install(ANNA)
    await teams.dispatch()  # the welcome
    teams.connector.clear()
    with teams.core.session() as session:
        anna = find_by_identity(session, "teams", ANNA.id)
        assert anna is not None and anna.id is not None
        return anna.id


def links_on(teams: TeamsHarness, secret: str | None = "hemlig-nyckel-för-länkar") -> None:
    teams.core.settings.public_url = teams.url
    teams.core.settings.file_link_secret = SecretStr(secret) if secret else None


async def card_to_anna(teams: TeamsHarness) -> dict:
    anna = await anna_id(teams)
    with teams.core.session() as session:
        enqueue_to_person(session, teams.core, "test:files", anna, with_files())
    assert (await teams.dispatch()).sent == 1
    [sent] = teams.connector.to(ANNA.chat)
    assert sent.card is not None
    return sent.card


def file_links(card: dict) -> dict[str, str]:
    texts = [e["text"] for e in card["body"] if e.get("type") == "TextBlock"]
    return {name: url for text in texts for name, url in LINK.findall(text)}


async def get(url: str) -> tuple[int, bytes, dict[str, str]]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.read(), dict(response.headers)


async def test_pictures_show_on_the_card_and_files_download_by_link(teams):
    links_on(teams)
    card = await card_to_anna(teams)

    [image] = [e for e in card["body"] if e["type"] == "Image"]
    assert image["altText"] == "diagram.png" and image["url"].startswith(teams.url + "/files/")
    links = file_links(card)
    assert set(links) == {"diagram.png", "kontoregister.csv"}
    assert links["diagram.png"] == image["url"]
    assert "Länkarna gäller till 2 december 2026 kl. 09.00" in str(card)

    status, body, headers = await get(image["url"])
    assert status == 200 and body == png() and headers["Content-Type"] == "image/png"
    status, body, headers = await get(links["kontoregister.csv"])
    assert status == 200 and body == CSV
    assert headers["Content-Disposition"].startswith("attachment;")
    assert headers["Cache-Control"] == "private, no-store"
    # The card holds links, never the bytes (Teams takes at most 28 KB a card).
    assert len(str(card)) < 28_000


async def test_a_changed_link_or_a_wrong_key_gets_nothing(teams):
    links_on(teams)
    url = file_links(await card_to_anna(teams))["kontoregister.csv"]
    token_changed = re.sub(r"/files/(.)", lambda m: "/files/" + ("A" if m[1] != "A" else "B"), url)
    later = re.sub(r"exp=(\d+)", lambda m: f"exp={int(m[1]) + 86400}", url)
    for wrong in (token_changed, later, url.replace("sig=", "sig=0"), url.split("?")[0]):
        status, body, _ = await get(wrong)
        assert status == 404 and CSV not in body
    links_on(teams, "en annan nyckel")
    assert (await get(url))[0] == 404


async def test_personal_data_expires_after_a_day_and_is_deleted(teams):
    links_on(teams)
    links = file_links(await card_to_anna(teams))

    teams.clock.set(teams.clock.now() + timedelta(hours=25))
    assert (await get(links["kontoregister.csv"]))[0] == 404  # the register: personal data
    assert (await get(links["diagram.png"]))[0] == 200  # a chart: 90 days
    await teams.tick()
    with teams.core.session() as session:
        kept = session.exec(select(ChatFile)).all()
    assert [f.name for f in kept] == ["diagram.png"]

    teams.clock.set(teams.clock.now() + timedelta(days=91))
    await teams.tick()
    with teams.core.session() as session:
        assert session.exec(select(ChatFile)).all() == []


async def test_without_a_public_address_and_key_the_card_names_the_files(teams):
    links_on(teams, secret=None)
    card = await card_to_anna(teams)
    assert not [e for e in card["body"] if e["type"] == "Image"]
    assert file_links(card) == {}
    assert "kontoregister.csv" in str(card) and "FILE_LINK_SECRET" in str(card)
