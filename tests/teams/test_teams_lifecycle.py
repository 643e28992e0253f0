"""Accounts after opening in Teams: `registrera konto` (the form card, the manager's and the
admins' cards), then `pausa konto` (an Input.Date), `avsluta konto` with the final screenshot
sent in the chat, and the communicators' confirmation in their channel. Refusals included."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot import texts
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus
from tests.fakes.bot_connector import Sent, card_buttons, card_text
from tests.support.teams_accounts import ACTIVATED, active_account
from tests.support.teams_harness import (
    ANNA,
    BERTIL,
    CECILIA,
    COMMUNICATORS_CHANNEL,
    COMMUNICATORS_TEAM,
    EVE,
    EVERYONE,
    KIM,
    TeamsHarness,
)
from tests.support.teams_requests import TeamsUser
from tests.support.teams_requests import button as card_button

A = texts.accounts
CHANNEL = {"id": COMMUNICATORS_CHANNEL, "conversationType": "channel", "tenantId": "tenant-1"}
SCREENSHOT = (Path(__file__).resolve().parents[2] / "teams" / "color.png").read_bytes()


@pytest.fixture
async def teams(database_url, fake_slack, clock, fake_connector, tmp_path) -> AsyncIterator:  # type: ignore[no-untyped-def]
    fake_connector.conversation_members[COMMUNICATORS_TEAM] = {KIM.id}
    harness = TeamsHarness(
        database_url,
        fake_slack,
        clock,
        fake_connector,
        communicators=[KIM.email],
        archive_dir=tmp_path / "archive",
    )
    await harness.start()
    await harness.teams.install_in_team(KIM, COMMUNICATORS_TEAM)
    await harness.teams.in_channel(
        KIM, COMMUNICATORS_TEAM, COMMUNICATORS_CHANNEL, "registrera kommunikatörskanal"
    )
    for user in (ANNA, BERTIL, CECILIA, EVE):
        await harness.teams.install(user)
    await harness.dispatch()
    fake_connector.clear()
    yield harness
    await harness.stop()


def filled(card: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """What Teams sends on submit: the submit action's data plus every input's value."""
    [submit] = card["actions"]
    return {**submit["data"], **{f"in_{key}": value for key, value in values.items()}}


def inputs(card: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["type"] for e in card["body"] if e["type"].startswith("Input.")}


async def form_card(teams: TeamsHarness, user: TeamsUser, words: str) -> dict[str, Any]:
    await teams.teams.message(user, words)
    card = teams.connector.to(user.chat)[-1].card
    assert card is not None
    return card


def card_with(posts: list[Sent], text: str) -> Sent:
    return next(p for p in reversed(posts) if text in p.text)


async def press(
    teams: TeamsHarness, user: TeamsUser, post: Sent, label: str, conversation: Any = None
):  # type: ignore[no-untyped-def]
    card = post.card
    if card and "refresh" in card and user.id in card["refresh"]["userIds"]:
        card = (await teams.teams.refresh(user, card, post.activity_id)).card
    elif label not in [b["title"] for b in card_buttons(card)]:
        rightful = next(u for u in EVERYONE if u.id in post.card["refresh"]["userIds"])
        card = (await teams.teams.refresh(rightful, post.card, post.activity_id)).card
    button = card_button(card, label)
    return await teams.teams.execute(
        user, button["verb"], button["data"], post.activity_id, conversation=conversation
    )


def the_account(teams: TeamsHarness) -> Account:
    with teams.core.session() as session:
        return session.exec(select(Account)).one()


async def test_registering_an_existing_account_in_teams(teams: TeamsHarness) -> None:
    await teams.teams.message(EVE, "registrera konto")
    assert teams.connector.to(EVE.chat)[-1].text == texts.common.COMMUNICATORS_ONLY

    card = await form_card(teams, KIM, "registrera konto")
    assert list(inputs(card)) == [
        "in_platform", "in_platform_other", "in_name", "in_address", "in_unit", "in_purpose",
        "in_audience", "in_resources", "in_manager", "in_owner", "in_co_admins", "in_documented",
    ]  # fmt: skip
    values = {
        "platform": "facebook",
        "platform_other": "",
        "name": "Forshaga fritidsgård",
        "address": "https://www.facebook.com/forshagafritid",
        "unit": "Kultur och fritid, fritidsgården",
        "purpose": "Aktiviteter och öppettider för unga.",
        "audience": "Unga 13–19 år.",
        "resources": "Anna och Cecilia, två timmar i veckan.",
        "manager": BERTIL.aad,
        "owner": ANNA.aad,
        "co_admins": CECILIA.aad,
        "documented": "",
    }
    answer = await teams.teams.execute(KIM, "smbot.form", filled(card, values))
    assert answer.status == 200
    registered = the_account(teams)
    assert registered.status == AccountStatus.ACTIVE and registered.registered_at is not None
    await teams.tick()

    # The manager confirms (no reject); Eve's forged press changes nothing.
    manager_post = card_with(teams.connector.to(BERTIL.chat), A.MANAGER_CONFIRM_TITLE)
    assert [b["title"] for b in card_buttons(manager_post.card)] == [A.CONFIRM]
    forged = await press(teams, EVE, manager_post, A.CONFIRM)
    assert forged.text == texts.opening.ONLY_MANAGER
    assert the_account(teams).manager_approved_at is None
    await press(teams, BERTIL, manager_post, A.CONFIRM)
    assert the_account(teams).manager_approved_at is not None
    # Both admins are asked to accept, and do.
    for user in (ANNA, CECILIA):
        ask = card_with(teams.connector.to(user.chat), "Forshaga fritidsgård")
        await press(teams, user, ask, texts.opening.ACCEPT)
    with teams.core.session() as session:
        rows = session.exec(select(AccountAdmin)).all()
        assert {r.status for r in rows} == {AdminStatus.ACCEPTED}


async def test_pause_then_closing_in_teams(teams: TeamsHarness) -> None:
    account_id = active_account(teams, "Biblioteket", [ANNA, CECILIA])

    # Pause: the owner's form has a date input; Kim approves in the channel.
    card = await form_card(teams, ANNA, "pausa konto")
    assert inputs(card)["in_until"] == "Input.Date"
    values = {"account": str(account_id), "until": "2027-01-11", "reason": "Vinteruppehåll"}
    await teams.teams.execute(ANNA, "smbot.form", filled(card, values))
    await teams.dispatch()
    request = card_with(teams.connector.to(COMMUNICATORS_CHANNEL), "ber om att pausa")
    refused = await press(teams, EVE, request, A.PAUSE_APPROVE_BUTTON, CHANNEL)
    assert refused.text == texts.common.COMMUNICATORS_ONLY
    approved = await press(teams, KIM, request, A.PAUSE_APPROVE_BUTTON, CHANNEL)
    assert "Godkänd av Kim Kommunikatör" in card_text(approved.card)
    assert the_account(teams).status == AccountStatus.PAUSED

    # Closing: Cecilia (not the owner) cannot start it; Anna can.
    await teams.teams.message(CECILIA, "avsluta konto")
    assert teams.connector.to(CECILIA.chat)[-1].text == A.CLOSE_NO_ACCOUNTS
    card = await form_card(teams, ANNA, "avsluta konto")
    values = {"account": str(account_id), "reason": "Biblioteket flyttar till huvudkontot"}
    await teams.teams.execute(ANNA, "smbot.form", filled(card, values))
    await teams.dispatch()
    closing = card_with(teams.connector.to(COMMUNICATORS_CHANNEL), "ska avslutas")
    early = await press(teams, KIM, closing, A.CLOSE_CONFIRM_BUTTON, CHANNEL)
    assert early.text == A.CLOSE_NEEDS_DOCUMENTATION

    # Cecilia sends the final screenshot from the ask in her chat.
    ask = card_with(teams.connector.to(CECILIA.chat), "sista dokumentation")
    await press(teams, CECILIA, ask, texts.documentation.UPLOAD_BUTTON)
    teams.connector.files["slut.png"] = SCREENSHOT
    attachment = {
        "contentType": "application/vnd.microsoft.teams.file.download.info",
        "name": "slut.png",
        "contentUrl": "https://forshaga.sharepoint.example/slut.png",
        "content": {"downloadUrl": f"{teams.connector.url}/files/slut.png", "fileType": "png"},
    }
    await teams.teams.message(CECILIA, "", attachments=[attachment])

    done = await press(teams, KIM, closing, A.CLOSE_CONFIRM_BUTTON, CHANNEL)
    assert "Avslutat av Kim Kommunikatör" in card_text(done.card)
    closed = the_account(teams)
    assert closed.status == AccountStatus.CLOSED and closed.closed_at is not None


async def test_the_yearly_review_answered_in_teams(teams: TeamsHarness) -> None:
    account_id = active_account(teams, "Biblioteket", [ANNA, CECILIA])
    # ACTIVATED (30 November 2026) plus twelve months: Tuesday 30 November 2027.
    await teams.tick(ACTIVATED.replace(year=2027, hour=9))
    # Anna is owner and manager here: two cards; the owner's first.
    asked = card_with(teams.connector.to(ANNA.chat), "Uppföljning av Biblioteket (Facebook)\n")
    assert "ändra konto" in asked.text
    forged = await press(teams, CECILIA, asked, A.REVIEW_OK_BUTTON)
    assert forged.text == A.REVIEW_ONLY_OWNER
    answered = await press(teams, ANNA, asked, A.REVIEW_OK_BUTTON)
    assert "Bekräftat av Anna Andersson" in card_text(answered.card)
    assert account_id == the_account(teams).id
