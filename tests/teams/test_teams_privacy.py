"""Privacy in Teams: a purged comment's cards are updated once to say it was disposed of,
and `gdpr` by a communicator finds, erases and updates the cards the same way."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import aiohttp
from pydantic import SecretStr
from sqlmodel import select

from bot import texts
from bot.flows.comments import intake
from bot.flows.comments.intake import Incoming, receive
from storage.models import ChatFile, Comment
from tests.conftest import STOCKHOLM
from tests.support.teams_accounts import active_account
from tests.support.teams_channel import channel_teams_fixture
from tests.support.teams_harness import ANNA, CECILIA, KIM, TeamsHarness

P = texts.privacy
teams = channel_teams_fixture()
TEXT = "Var är min beställda bok? Ring mig på 070-123 45 67."
ALERTED = datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM)
LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


async def alerted(teams: TeamsHarness) -> tuple[int, int, str]:
    """Per's comment alerted to Anna and Cecilia on Wednesday; (account, comment, Anna's card)."""
    for user in (ANNA, CECILIA):
        await teams.teams.install(user)
    await teams.dispatch()
    account_id = active_account(teams, "Biblioteket", [ANNA, CECILIA])
    with teams.core.session() as session:
        comment = receive(
            session,
            teams.core,
            account_id,
            Incoming(
                platform="facebook",
                external_id="c-1",
                text=TEXT,
                author_name="Per Persson",
                author_external_id="2900000000000077",
            ),
        )
        assert comment is not None and comment.id is not None
        comment_id = comment.id
    teams.connector.clear()
    await teams.tick(ALERTED)
    [alert] = [m for m in teams.connector.to(ANNA.chat) if TEXT[:20] in m.text]
    return account_id, comment_id, alert.activity_id


def updates_of(teams: TeamsHarness, activity_id: str) -> list[str]:
    return [
        json.dumps(u.body, ensure_ascii=False)
        for u in teams.connector.of("update")
        if u.activity_id == activity_id
    ]


async def test_a_purged_comments_cards_are_updated_once(teams: TeamsHarness) -> None:
    account_id, comment_id, card = await alerted(teams)
    with teams.core.session() as session:  # deleted by its author: closed, kept 90 days
        assert intake.removed_on_platform(session, teams.core, account_id, "facebook", "c-1")
    await teams.dispatch()
    before = len(updates_of(teams, card))

    purged = ALERTED + timedelta(days=90)
    for moment in (purged, purged + timedelta(minutes=1), purged + timedelta(days=1)):
        await teams.tick(moment)
    after = updates_of(teams, card)[before:]
    assert len(after) == 1  # one update activity, however many ticks follow
    assert "Gallrad 2027-03-02 09:00" in after[0] and f"nr {comment_id}" in after[0]
    assert TEXT not in after[0] and "Per Persson" not in after[0]
    # Cecilia's card and the "deleted on the platform" notices are updated too, once each.
    disposed = [u for u in teams.connector.of("update") if "Gallrad" in u.text]
    assert len(disposed) == len({u.activity_id for u in disposed}) >= 4


async def test_gdpr_in_teams_erases_and_updates_the_cards(teams: TeamsHarness) -> None:
    _, comment_id, card = await alerted(teams)
    await teams.teams.install(KIM)
    await teams.dispatch()
    # Anna is an admin, not a communicator: refused, nothing searched.
    await teams.teams.message(ANNA, "gdpr Per Persson")
    assert not [m for m in teams.connector.to(ANNA.chat) if "GDPR-begäran" in m.text]

    teams.connector.clear()
    await teams.teams.message(KIM, "gdpr per persson")
    [found] = [m for m in teams.connector.to(KIM.chat) if "GDPR-begäran" in m.text]
    assert f"Nr {comment_id}, kommentar på **Biblioteket** (Facebook)" in found.text
    assert TEXT not in found.text
    answer = await teams.teams.press(
        KIM, found.card, P.GDPR_BUTTON_ERASE, reply_to=found.activity_id
    )
    assert answer.status == 200
    await teams.dispatch()
    erased = updates_of(teams, card)
    assert len(erased) == 1 and "Raderad 2026-12-02 09:00 på skribentens begäran" in erased[0]
    assert TEXT not in erased[0]
    with teams.core.session() as session:
        comment = session.get(Comment, comment_id)
        assert comment.text == "" and comment.erased_request_id is not None


async def test_gdpr_files_in_teams_are_links_that_die_with_the_erasure(
    teams: TeamsHarness,
) -> None:
    await alerted(teams)
    await teams.teams.install(KIM)
    await teams.dispatch()
    teams.core.settings.public_url = teams.url
    teams.core.settings.file_link_secret = SecretStr("hemlig-nyckel-för-länkar")
    teams.connector.clear()
    await teams.teams.message(KIM, "gdpr 2900000000000077")
    [found] = [m for m in teams.connector.to(KIM.chat) if "GDPR-begäran" in m.text]
    await teams.teams.press(KIM, found.card, P.GDPR_BUTTON_EXPORT, reply_to=found.activity_id)
    await teams.dispatch()
    [files] = [m for m in teams.connector.to(KIM.chat) if m.card and "utdrag" in m.text]
    texts = [e["text"] for e in files.card["body"] if e.get("type") == "TextBlock"]
    links = {name: url for text in texts for name, url in LINK.findall(text)}
    [json_name, text_name] = sorted(links)
    assert json_name.endswith(".json") and text_name.endswith(".txt")
    status, body = await fetch(links[text_name])
    assert status == 200 and TEXT in body.decode("utf-8")

    await teams.teams.press(KIM, found.card, P.GDPR_BUTTON_ERASE, reply_to=found.activity_id)
    # The erased text is no longer behind the link, nor kept for it.
    assert (await fetch(links[text_name]))[0] == 404
    with teams.core.session() as session:
        assert all(row.data is None for row in session.exec(select(ChatFile)).all())


async def fetch(url: str) -> tuple[int, bytes]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.read()
