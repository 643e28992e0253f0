"""Teams basics over HTTP: help, commands, unknown text, garbage, installs, retries."""

from __future__ import annotations

from sqlmodel import select

from bot.people import find_by_identity, identities_of, identity_of
from storage.models import Person, TeamsConversation
from tests.support.teams_harness import ANNA, TeamsHarness


async def test_help_in_the_personal_chat(teams: TeamsHarness) -> None:
    answer = await teams.teams.message(ANNA, "hjälp")
    assert answer.status == 200
    [reply] = teams.connector.to(ANNA.chat)
    assert "Det här kan smbot hjälpa dig med" in reply.text
    # Commands as typed in Teams (words, not slash commands), Kom igång first.
    assert "**Kom igång**\n- **nytt konto**" in reply.text
    assert "/nytt-konto" not in reply.text


async def test_unknown_text_gets_help_not_silence(teams: TeamsHarness) -> None:
    await teams.teams.message(ANNA, "bananer")
    [reply] = teams.connector.to(ANNA.chat)
    assert "Jag förstod inte ”bananer”. Det här kan jag hjälpa dig med:" in reply.text
    assert "Det här kan smbot hjälpa dig med" in reply.text


async def test_mention_and_slash_are_stripped(teams: TeamsHarness) -> None:
    await teams.teams.message(ANNA, "<at>smbot</at> /HJÄLP")
    assert "hjälp" in teams.connector.to(ANNA.chat)[0].text


async def test_html_text_from_a_channel_client_is_understood(teams: TeamsHarness) -> None:
    await teams.teams.message(ANNA, "<p><at>smbot</at>&nbsp;Mina&nbsp;konton</p>")
    assert "Dina konton" in teams.connector.to(ANNA.chat)[0].text


async def test_first_message_stores_the_person_and_the_chat(teams: TeamsHarness) -> None:
    await teams.teams.message(ANNA, "hjälp")
    with teams.core.session() as session:
        person = find_by_identity(session, "teams", ANNA.id)
        assert person is not None and person.id is not None
        assert (person.name, person.email, identity_of(session, person.id, "aad")) == (
            ANNA.name,
            ANNA.email,
            ANNA.aad,
        )
        assert person.home_platform == "teams"
        chat = session.exec(select(TeamsConversation)).one()
        assert (chat.kind, chat.key, chat.person_id) == ("personal", ANNA.id, person.id)
        assert chat.reference["conversation"]["id"] == ANNA.chat


async def test_a_retried_message_is_handled_once(teams: TeamsHarness) -> None:
    activity = teams.teams._activity(ANNA, "message", teams.teams.personal(ANNA), text="hjälp")
    first = await teams.teams.post(activity)
    second = await teams.teams.post(activity)
    assert (first.status, second.status) == (200, 200)
    assert len(teams.connector.to(ANNA.chat)) == 1


async def test_garbage_is_refused_with_400(teams: TeamsHarness) -> None:
    headers = {"Content-Type": "application/json"}
    for body in (b"not json", b"[]", b"{}", b'{"type": "message"}', b'{"type": 5, "id": []}'):
        answer = await teams.teams.post_raw(body, headers)
        assert answer.status == 400, body
        assert "Traceback" not in str(answer.body)
    assert teams.connector.sent == []


async def test_install_stores_the_chat_and_welcomes_through_the_outbox(
    teams: TeamsHarness,
) -> None:
    answer = await teams.teams.install(ANNA)
    assert answer.status == 200
    assert teams.connector.sent == []  # nothing inline: the welcome is an outbox row
    await teams.dispatch()
    [welcome] = teams.connector.to(ANNA.chat)
    assert "Hej! Jag är smbot" in welcome.text
    await teams.teams.install(ANNA)  # installed again: no second welcome
    await teams.dispatch()
    assert len(teams.connector.to(ANNA.chat)) == 1


async def test_one_person_across_slack_and_teams(teams: TeamsHarness) -> None:
    teams.fake_slack.add_user("UANNA", ANNA.name, email=ANNA.email)
    status, _ = await teams.slack.command("UANNA", "/hjälp")
    assert status == 200
    await teams.teams.message(ANNA, "hjälp")
    with teams.core.session() as session:
        [person] = session.exec(select(Person)).all()
        assert person.id is not None
        assert identities_of(session, person.id) == {
            "slack": "UANNA",
            "teams": ANNA.id,
            "aad": ANNA.aad,
        }
