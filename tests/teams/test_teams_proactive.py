"""Proactive messages in Teams through the outbox: stored chats, opened chats, outages, and
people the bot cannot reach (recorded and reported to the communicators, not dropped)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.messages import Message
from bot.outbox import enqueue_to_person
from bot.people import find_by_identity, link
from storage.models import AuditEntry, OutboxMessage, OutboxStatus, Person
from tests.support.harness import COMMUNICATORS_CHANNEL as SLACK_COMMUNICATORS
from tests.support.teams_harness import ANNA, BERTIL, TeamsHarness


def send(teams: TeamsHarness, key: str, person_id: int, text: str) -> None:
    with teams.core.session() as session:
        enqueue_to_person(session, teams.core, key, person_id, Message(text=text))


def row(teams: TeamsHarness, key: str) -> OutboxMessage:
    with teams.core.session() as session:
        return session.exec(select(OutboxMessage).where(OutboxMessage.key == key)).one()


async def anna_id(teams: TeamsHarness) -> int:
    await teams.teams.install(ANNA)
    await teams.dispatch()  # the welcome
    teams.connector.clear()
    with teams.core.session() as session:
        anna = find_by_identity(session, "teams", ANNA.id)
        assert anna is not None and anna.id is not None
        return anna.id


async def test_a_reminder_continues_the_stored_chat(teams: TeamsHarness) -> None:
    anna = await anna_id(teams)
    send(teams, "påminnelse:1", anna, "Glöm inte att publicera idag.")
    await teams.dispatch()
    await teams.dispatch()
    [sent] = teams.connector.to(ANNA.chat)
    assert sent.operation == "send"  # a new message, not a reply to anything
    assert "Glöm inte att publicera idag." in sent.text
    assert row(teams, "påminnelse:1").sent_platform == "teams"


async def test_rate_limit_is_honoured_and_the_message_arrives_once(teams: TeamsHarness) -> None:
    anna = await anna_id(teams)
    teams.connector.fail("send", 429, retry_after=120)
    teams.connector.fail("send", 503, times=2)
    send(teams, "påminnelse:2", anna, "Hej")

    await teams.dispatch()
    first = row(teams, "påminnelse:2")
    assert first.status == OutboxStatus.PENDING
    assert first.last_error == "Teams: HTTP 429"
    assert first.next_attempt_at >= teams.clock.now() + timedelta(seconds=120)
    await teams.dispatch()  # not due yet: nothing is tried
    assert len(teams.connector.of("send!failed")) == 1

    for _ in range(3):
        teams.clock.set(teams.clock.now() + timedelta(hours=1))
        await teams.dispatch()
    assert len(teams.connector.of("send!failed")) == 3  # msrest did not retry by itself
    assert len(teams.connector.to(ANNA.chat)) == 1
    assert row(teams, "påminnelse:2").status == OutboxStatus.SENT


async def test_someone_the_bot_cannot_reach_is_reported_not_dropped(teams: TeamsHarness) -> None:
    # Bertil was picked in a form (an AAD id) but has no chat, and no team has the bot.
    with teams.core.session() as session:
        bertil = Person(name=BERTIL.name, created_at=teams.core.now())
        bertil.home_platform = "teams"
        session.add(bertil)
        session.flush()
        assert bertil.id is not None
        link(session, bertil.id, "aad", BERTIL.aad)
        bertil_id = bertil.id
    send(teams, "godkänn:1", bertil_id, "Godkänn ansökan")
    await teams.dispatch()
    failed = row(teams, "godkänn:1")
    assert failed.status == OutboxStatus.FAILED  # permanent: no retrying for ever
    with teams.core.session() as session:
        [entry] = session.exec(
            select(AuditEntry).where(AuditEntry.action == "teams.unreachable")
        ).all()
        assert entry.detail["person_id"] == bertil_id
    await teams.dispatch()
    [notice] = teams.fake_slack.messages_to(SLACK_COMMUNICATORS)
    assert "Bertil Berg" in notice["text"] or "Bertil Berg" in str(notice["blocks"])


async def test_a_refused_chat_in_a_team_counts_as_unreachable(teams: TeamsHarness) -> None:
    await teams.teams.install_in_team(ANNA, "19:team@thread.tacv2")
    teams.connector.unreachable.add(BERTIL.id)
    with teams.core.session() as session:
        bertil = Person(name=BERTIL.name, created_at=teams.core.now())
        bertil.home_platform = "teams"
        session.add(bertil)
        session.flush()
        assert bertil.id is not None
        link(session, bertil.id, "teams", BERTIL.id)
        bertil_id = bertil.id
    send(teams, "godkänn:2", bertil_id, "Godkänn ansökan")
    await teams.dispatch()
    assert row(teams, "godkänn:2").status == OutboxStatus.FAILED
    assert teams.connector.of("create") == []


async def test_a_chat_that_is_gone_is_forgotten_and_reopened_in_a_team(
    teams: TeamsHarness,
) -> None:
    anna = await anna_id(teams)
    await teams.teams.install_in_team(ANNA, "19:team@thread.tacv2")
    teams.connector.fail("send", 403)  # e.g. Anna removed the app from her chat
    send(teams, "påminnelse:3", anna, "Hej igen")
    await teams.dispatch()
    assert row(teams, "påminnelse:3").status == OutboxStatus.SENT
    [created] = teams.connector.of("create")
    assert created.body["members"] == [{"id": ANNA.id}]
    assert "Hej igen" in teams.connector.to(ANNA.chat)[-1].text


async def test_a_chat_that_is_gone_with_no_team_is_reported(teams: TeamsHarness) -> None:
    anna = await anna_id(teams)
    teams.connector.fail("send", 404)
    send(teams, "påminnelse:4", anna, "Hej igen")
    await teams.dispatch()
    assert row(teams, "påminnelse:4").status == OutboxStatus.FAILED
    with teams.core.session() as session:
        assert session.exec(
            select(AuditEntry).where(AuditEntry.action == "teams.unreachable")
        ).all()
    await teams.dispatch()
    assert teams.fake_slack.messages_to(SLACK_COMMUNICATORS)
