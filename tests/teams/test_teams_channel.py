"""The communicators' channel in Teams: registered by a communicator, escalations and digests
posted there, buttons pressed by communicators only, the card edited in place for everyone."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from sqlmodel import select

from storage.models import AuditEntry, Escalation, EscalationStatus, TeamsConversation
from tests.conftest import STOCKHOLM
from tests.fakes.bot_connector import card_buttons
from tests.support.teams_channel import (
    channel_posts,
    channel_teams_fixture,
    open_escalation,
    register,
)
from tests.support.teams_harness import (
    CECILIA,
    COMMUNICATORS_CHANNEL,
    EVE,
    KIM,
    TeamsHarness,
)
from tests.support.teams_requests import button as card_button

teams = channel_teams_fixture()

ROOT = Path(__file__).resolve().parents[2]


async def test_someone_else_cannot_register_the_channel(teams: TeamsHarness) -> None:
    await register(teams, EVE)
    [reply] = teams.connector.to(f"{COMMUNICATORS_CHANNEL};messageid=17000000")
    assert "Bara kommunikatörer" in reply.text
    assert not teams.core.senders["teams"].has_channel("communicators")
    with teams.core.session() as session:
        assert session.exec(select(TeamsConversation)).all() == []


async def test_a_communicator_registers_and_escalations_arrive_there(teams: TeamsHarness) -> None:
    await register(teams)
    [reply] = teams.connector.to(f"{COMMUNICATORS_CHANNEL};messageid=17000000")
    assert "kommunikatörernas kanal i Teams" in reply.text
    assert teams.core.senders["teams"].has_channel("communicators")
    with teams.core.session() as session:
        assert session.exec(
            select(AuditEntry).where(AuditEntry.action == "teams.communicators_channel")
        ).one()

    open_escalation(teams)
    await teams.dispatch()
    await teams.dispatch()
    [post] = channel_posts(teams)  # the channel itself, not the thread it was registered in
    assert "Eskalering: Kontot har inte uppdaterats" in post.text
    assert [b["title"] for b in card_buttons(post.card)] == ["Jag tar den", "Löst"]
    # "Löst" cannot be undone: it asks first (issue 10), the real button inside.
    assert [b["type"] for b in card_buttons(post.card)] == ["Action.Execute", "Action.ShowCard"]
    [resolve] = card_buttons(post.card)[1]["card"]["actions"]
    assert (resolve["type"], resolve["title"]) == ("Action.Execute", "Löst")
    assert card_buttons(post.card)[0]["fallback"]["type"] == "Action.Submit"


async def test_only_communicators_take_and_the_card_changes_for_everyone(
    teams: TeamsHarness,
) -> None:
    await register(teams)
    escalation_id = open_escalation(teams)
    await teams.dispatch()
    [post] = channel_posts(teams)
    conversation = {"id": COMMUNICATORS_CHANNEL, "conversationType": "channel"}

    refused = await teams.teams.execute(
        EVE,
        "escalation.take",
        card_buttons(post.card)[0]["data"],
        post.activity_id,
        conversation=conversation,
    )
    assert refused.status == 200
    assert refused.text == "Det här är bara för kommunikatörerna."
    with teams.core.session() as session:
        assert session.get(Escalation, escalation_id).status == EscalationStatus.OPEN

    # Cecilia is not named anywhere, but she is in the communicators' team.
    taken = await teams.teams.execute(
        CECILIA,
        "escalation.take",
        card_buttons(post.card)[0]["data"],
        post.activity_id,
        conversation=conversation,
    )
    assert taken.status == 200
    assert "Tas om hand av Cecilia Ek" in _text(taken.card)
    assert [b["title"] for b in card_buttons(taken.card)] == ["Löst"]
    await teams.dispatch()
    [update] = teams.connector.of("update")
    assert update.activity_id == post.activity_id
    assert update.conversation_id == COMMUNICATORS_CHANNEL
    assert "Tas om hand av Cecilia Ek" in update.text


async def test_resolve_from_a_client_without_universal_actions(teams: TeamsHarness) -> None:
    await register(teams)
    escalation_id = open_escalation(teams)
    await teams.dispatch()
    [post] = channel_posts(teams)
    teams.connector.clear()
    conversation = {"id": COMMUNICATORS_CHANNEL, "conversationType": "channel"}
    action = card_button(post.card, "Löst")["fallback"]
    await teams.teams.message(
        KIM, "", value=action["data"], replyToId=post.activity_id, conversation=conversation
    )
    with teams.core.session() as session:
        assert session.get(Escalation, escalation_id).status == EscalationStatus.RESOLVED
    # The pressed card is edited at once, and the outbox edits it (idempotently) too.
    edits = teams.connector.of("update")
    assert edits and "Löst av Kim Kommunikatör" in edits[0].text
    assert card_buttons(edits[0].card) == []


async def test_the_morning_digest_goes_to_the_channel_once(teams: TeamsHarness) -> None:
    await register(teams)
    open_escalation(teams)
    await teams.tick(datetime(2026, 12, 2, 9, 5, tzinfo=STOCKHOLM))
    await teams.tick(datetime(2026, 12, 2, 9, 6, tzinfo=STOCKHOLM))
    digests = [p for p in channel_posts(teams) if "Olösta eskaleringar – 2026-12-02" in p.text]
    assert len(digests) == 1
    assert "Kontot har inte uppdaterats (ingen har tagit den" in digests[0].text
    # Each line links to its escalation's own card in the channel (a Teams deep link).
    [card] = [p for p in channel_posts(teams) if p.text.startswith("Eskalering: Kontot har")]
    link = (
        "https://teams.microsoft.com/l/message/19%3Akommkanal%40thread.tacv2/"
        f"{card.activity_id}?parentMessageId={card.activity_id}"
    )
    assert f"[Öppna ärendet]({link}" in json.dumps(digests[0].card, ensure_ascii=False)


def _text(card) -> str:  # type: ignore[no-untyped-def]
    from tests.fakes.bot_connector import card_text

    return card_text(card)


async def test_smbot_tick_now_posts_the_digest_in_teams(teams: TeamsHarness) -> None:
    """The real command line, as cron would run it, reaching Teams through the outbox."""
    await register(teams)
    open_escalation(teams)
    await teams.dispatch()
    teams.connector.clear()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MICROSOFT_", "SLACK_"))},
        "DATABASE_URL": teams.database_url,
        "TEAMS_LOCAL": "true",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "tick",
        "--now",
        "2026-12-02T09:05:00+01:00",
        env=environment,
        cwd=str(ROOT),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, err.decode()
    assert "communicators-digest" in out.decode()
    await teams.tick(datetime(2026, 12, 2, 9, 6, tzinfo=STOCKHOLM))  # again: nothing twice
    [digest] = channel_posts(teams)
    assert "Olösta eskaleringar – 2026-12-02" in digest.text
