"""People change in Teams: `ändra konto` opens its form card; when an admin leaves, the others
get **Lösenordet är bytt**, an outsider's forged press changes nothing, the communicators hear
of it after two working days, and an admin's press settles it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from bot import texts
from bot.flows.admins import person_departed
from bot.people import find_by_identity
from storage.models import Escalation, EscalationStatus, PasswordChange
from tests.conftest import STOCKHOLM
from tests.fakes.bot_connector import card_buttons
from tests.support.teams_accounts import active_account
from tests.support.teams_harness import ANNA, BERTIL, CECILIA, EVE, TeamsHarness

A = texts.accounts


def requests(teams: TeamsHarness) -> list[PasswordChange]:
    with teams.core.session() as session:
        return list(session.exec(select(PasswordChange)).all())


async def test_a_departure_asks_for_a_new_password_in_teams(teams: TeamsHarness) -> None:
    for user in (ANNA, BERTIL, CECILIA, EVE):
        await teams.teams.install(user)
    await teams.dispatch()  # the welcomes
    active_account(teams, "Biblioteket", [ANNA, BERTIL, CECILIA])

    # The owner types the command in words and gets the form as a card.
    answer = await teams.teams.message(ANNA, "ändra konto")
    assert answer.status == 200
    form = teams.connector.to(ANNA.chat)[-1]
    assert form.card is not None and A.CHANGE_FORM_TITLE in str(form.card)
    teams.connector.clear()

    # Cecilia's account is deactivated: the platform reports it, the rules follow.
    with teams.core.session() as session:
        cecilia = find_by_identity(session, "teams", CECILIA.id)
        assert cecilia is not None and cecilia.id is not None
        assert person_departed(session, teams.core, cecilia.id)
    await teams.dispatch()
    [ask] = [m for m in teams.connector.to(ANNA.chat) if "Byt lösenordet" in m.text]
    assert [b["title"] for b in card_buttons(ask.card)] == [A.PASSWORD_BUTTON]
    assert len([m for m in teams.connector.to(BERTIL.chat) if "Byt lösenordet" in m.text]) == 1
    assert [m for m in teams.connector.to(CECILIA.chat) if "Byt lösenordet" in m.text] == []

    pressed = card_buttons(ask.card)[0]
    forged = await teams.teams.execute(EVE, pressed["verb"], pressed["data"], ask.activity_id)
    assert forged.text == A.PASSWORD_NOT_ALLOWED
    assert requests(teams)[0].done_at is None

    await teams.tick(datetime(2026, 12, 3, 9, 30, tzinfo=STOCKHOLM))  # two working days
    with teams.core.session() as session:
        stalled = select(Escalation).where(Escalation.kind == "accounts.password")
        assert session.exec(stalled).one().status == EscalationStatus.OPEN

    answer = await teams.teams.press(BERTIL, ask.card, A.PASSWORD_BUTTON, reply_to=ask.activity_id)
    assert answer.status == 200
    [change] = requests(teams)
    assert change.done_at is not None
    with teams.core.session() as session:
        assert session.exec(stalled).one().status == EscalationStatus.RESOLVED
