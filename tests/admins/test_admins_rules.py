"""Fewer than two present admins, through the console backend: the owner (or manager) is asked
to nominate, the communicators are told once, and it ends when the account has two again."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from bot import router, texts
from bot.app import build_registry
from bot.flows import activity
from bot.flows.admins import step_down
from bot.messages import Message
from handlers.console.bot import ConsoleBot
from handlers.console.inbox import CHANNEL
from storage.models import (
    AccountAdmin,
    AdminShortage,
    AdminStatus,
    AuditEntry,
    Escalation,
    EscalationStatus,
    Person,
)
from tests.conftest import STOCKHOLM
from tests.support.console_accounts import active_account, depart_quietly
from tests.support.console_backend import console_fixture

# Recent enough that no documentation is due in these tests.
ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)
NOMINATE = texts.admins.NOMINATE_BUTTON

# These tests count every message; daily activity has its own tests.
console = console_fixture(lambda: build_registry().without_sweeps(*activity.SWEEP_NAMES))


@pytest.fixture
def library(console: ConsoleBot) -> int:
    """Anna (owner) and Bertil run the library's account; Cecilia is their manager."""
    return active_account(
        console, "Forshaga bibliotek", ["@anna", "@bertil"], ACTIVATED, manager="@cecilia"
    )


def asks(bot: ConsoleBot, handle: str) -> list[Message]:
    """The person's messages but the ask to change the password (test_password_rules)."""
    return [m for m in bot.inbox(handle) if not (m.title or "").startswith("Byt lösenordet")]


def escalations(bot: ConsoleBot) -> list[str]:
    return [bot.show(m) for m in bot.channel() if (m.title or "").startswith("Eskalering")]


def test_an_admin_leaving_asks_the_owner_and_tells_the_communicators(
    console: ConsoleBot, library: int
) -> None:
    assert console.depart("@bertil")
    with console.core.session() as session:
        bertil = session.get(Person, console.directory.person_id("@bertil"))
        assert bertil is not None and bertil.departed_at == console.core.now()
    [ask] = asks(console, "@anna")
    assert "Forshaga bibliotek" in (ask.title or "") and "bara en administratör" in console.show(
        ask
    )
    assert console.find_button("@anna", NOMINATE).value == str(library)
    [posted] = escalations(console)
    assert "bara en administratör kvar" in posted
    assert "Administratörer kvar: Anna\n" in posted  # who is left
    assert "Ombedd att nominera: Anna\n" in posted  # and who was asked
    assert console.inbox("@cecilia") == [] and console.inbox("@bertil") == []
    assert console.inbox("@kim") == []

    # The same news again, and the sweep: nothing new.
    assert not console.depart("@bertil")
    console.tick(datetime(2026, 12, 1, 9, 30, tzinfo=STOCKHOLM))
    assert len(asks(console, "@anna")) == 1 and len(escalations(console)) == 1


def test_when_the_owner_leaves_the_manager_is_asked(console: ConsoleBot, library: int) -> None:
    console.depart("@anna")
    assert asks(console, "@anna") == []
    [ask] = console.inbox("@cecilia")
    assert [b.label for b in ask.buttons] == [NOMINATE]
    assert "Ombedd att nominera: Cecilia\n" in escalations(console)[0]


def test_step_down_with_a_confirmation(console: ConsoleBot, library: int) -> None:
    form = console.say("@bertil", "avgå").form
    assert form is not None and form.id == step_down.FORM_ID

    reply = console.fill("@bertil", account=str(library), confirm=[])
    assert set(reply.errors) == {"confirm"}
    assert asks(console, "@anna") == [] and console.channel() == []
    with console.core.session() as session:
        assert session.exec(select(AdminShortage)).all() == []

    reply = console.fill("@bertil", account=str(library), confirm=[step_down.CONFIRM])
    assert reply.ok
    with console.core.session() as session:
        row = session.exec(
            select(AccountAdmin).where(
                AccountAdmin.person_id == console.directory.person_id("@bertil")
            )
        ).one()
        assert row.status == AdminStatus.REMOVED
        actions = session.exec(select(AuditEntry.action)).all()
    assert "admin.stepped_down" in actions
    assert "inte längre administratör" in console.notices("@bertil")[-1]
    assert len(asks(console, "@anna")) == 1 and len(escalations(console)) == 1
    assert console.inbox("@bertil") == []


def test_only_admins_can_step_down(console: ConsoleBot, library: int) -> None:
    assert console.say("@olle", "avgå").notice == texts.admins.NOT_AN_ADMIN
    reply = console.act("@olle", router.Press(step_down.ACTION, str(library)))
    assert reply.form is None and reply.notice == texts.admins.NOT_AN_ADMIN
    # A forged submission for someone else's account is refused inline, nothing changes.
    values = {"account": str(library), "confirm": [step_down.CONFIRM]}
    reply = console.act("@olle", router.Submit(step_down.FORM_ID, values, ""))
    assert "account" in reply.errors
    with console.core.session() as session:
        assert session.exec(select(AdminShortage)).all() == []
        assert len(session.exec(select(AccountAdmin)).all()) == 2
    assert console.channel() == []


def test_nominating_a_replacement_ends_the_shortage(console: ConsoleBot, library: int) -> None:
    console.directory.person("@david")
    console.depart("@bertil")
    nominate = console.find_button("@anna", NOMINATE)

    reply = console.press_button("@olle", nominate)
    assert reply.form is None and "Bara kontoägaren" in (reply.notice or "")

    assert console.press("@anna", NOMINATE).form is not None
    reply = console.fill("@anna", admins=["@anna"])
    assert "redan administratör" in reply.errors["admins"]
    reply = console.fill("@anna", admins=["@bertil"])
    assert "finns inte längre" in reply.errors["admins"]
    assert console.inbox("@david") == []
    assert console.fill("@anna", admins=["@david"]).ok
    [question] = console.inbox("@david")
    accept = console.find_button("@david", "Acceptera")
    assert accept in question.buttons

    assert "Bara den som nominerades" in (console.press_button("@olle", accept).notice or "")
    console.press_button("@david", accept)
    assert "redan besvarad" in (console.press_button("@david", accept).notice or "")
    # The next tick finds the account back at two admins.
    console.drain()
    console.tick(datetime(2026, 12, 1, 9, 10, tzinfo=STOCKHOLM))
    with console.core.session() as session:
        shortage = session.exec(select(AdminShortage)).one()
        escalation = session.exec(
            select(Escalation).where(Escalation.kind == "too-few-admins")
        ).one()
    assert shortage.ended_at is not None
    assert escalation.status == EscalationStatus.RESOLVED
    edits = [d for d in console.drain() if d.edited and d.board == CHANNEL]
    assert any("2 administratörer igen" in console.show(d.message) for d in edits)


def test_a_declined_nomination_tells_the_owner(console: ConsoleBot, library: int) -> None:
    console.directory.person("@david")
    console.depart("@bertil")
    console.press("@anna", NOMINATE)
    console.fill("@anna", admins=["@david"])
    console.press("@david", "Avböj")
    told = asks(console, "@anna")[-1]
    assert "David" in console.show(told)
    assert [b.action for b in told.buttons] == ["opening.renominate"]
    with console.core.session() as session:
        assert session.exec(select(AdminShortage)).one().ended_at is None


def test_the_sweep_catches_a_departure_recorded_before_a_crash(
    console: ConsoleBot, library: int
) -> None:
    depart_quietly(console, "@bertil", ACTIVATED)
    console.restart()
    console.tick(datetime(2026, 12, 1, 9, 5, tzinfo=STOCKHOLM))
    assert len(asks(console, "@anna")) == 1 and len(escalations(console)) == 1
    console.restart()
    console.tick(datetime(2026, 12, 1, 9, 6, tzinfo=STOCKHOLM))
    assert len(asks(console, "@anna")) == 1 and len(escalations(console)) == 1


def test_a_reactivated_admin_counts_again(console: ConsoleBot, library: int) -> None:
    console.depart("@bertil")
    assert console.come_back("@bertil")
    with console.core.session() as session:
        bertil = session.get(Person, console.directory.person_id("@bertil"))
        assert bertil is not None and bertil.departed_at is None
        assert (
            session.exec(select(Escalation).where(Escalation.kind == "too-few-admins")).one().status
            == EscalationStatus.RESOLVED
        )
    # A new shortage later is a new escalation, not a reopened one.
    console.depart("@bertil")
    assert len(escalations(console)) == 2
    assert len(asks(console, "@anna")) == 2
