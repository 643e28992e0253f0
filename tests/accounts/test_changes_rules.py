"""`ändra konto` through the console backend: a new owner (accepts), a new manager (confirms),
admins added (accept, then confirm their login) and removed (at least two remain, or a
replacement in the same step); and when the manager or the owner leaves. Every refusal
changes nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from bot import router, texts
from bot.flows.accounts import names
from handlers.console.bot import ConsoleBot
from storage.models import (
    Account,
    AccountAdmin,
    AccountHandover,
    AdminShortage,
    AdminStatus,
)
from tests.conftest import STOCKHOLM
from tests.support.console_accounts import active_account
from tests.support.console_backend import console_fixture
from tests.support.people_change import LOGIN, admin_row, audit_actions, escalations, titled

A = texts.accounts
ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)
console = console_fixture()


@pytest.fixture
def library(console: ConsoleBot) -> int:
    """Anna (owner) and Bertil run the library's account; Cecilia is their manager."""
    for handle in ("@david", "@erik", "@olle"):
        console.directory.person(handle)
    return active_account(
        console, "Forshaga bibliotek", ["@anna", "@bertil"], ACTIVATED, manager="@cecilia"
    )


def account(bot: ConsoleBot, account_id: int) -> Account:
    with bot.core.session() as session:
        found = session.get(Account, account_id)
        assert found is not None
        return found


def team(bot: ConsoleBot, account_id: int) -> dict[int, str]:
    with bot.core.session() as session:
        rows = session.exec(select(AccountAdmin).where(AccountAdmin.account_id == account_id))
        return {row.person_id: row.status for row in rows}


def change(bot: ConsoleBot, handle: str, library: int, **answers: object):  # type: ignore[no-untyped-def]
    assert bot.say(handle, "ändra konto").form is not None
    return bot.fill(handle, account=str(library), **answers)


def test_only_the_owner_or_a_communicator_may_change(console: ConsoleBot, library: int) -> None:
    for handle in ("@olle", "@bertil", "@cecilia"):
        reply = console.say(handle, "ändra konto")
        assert reply.form is None and reply.notice == A.CHANGE_NOTHING_TO_CHANGE
    # A forged submission for the library is refused inline; nothing changes.
    values = {"account": str(library), "add_admins": [str(console.directory.person_id("@olle"))]}
    reply = console.act("@olle", router.Submit(names.CHANGE, values, ""))
    assert reply.errors == {"account": A.CHANGE_ERR_ACCOUNT}
    assert len(team(console, library)) == 2
    # The owner and a communicator get the form.
    assert console.say("@anna", "ändra konto").form is not None
    assert console.say("@kim", "/andra-konto").form is not None


def test_every_wrong_choice_is_named_and_nothing_changes(console: ConsoleBot, library: int) -> None:
    before = team(console, library)
    console.depart("@erik")
    cases = [
        ({}, "new_owner", A.CHANGE_ERR_NOTHING),
        ({"new_owner": "@anna"}, "new_owner", "Anna är redan kontoägare."),
        ({"new_owner": "@erik"}, "new_owner", "Erik finns inte längre i organisationen."),
        ({"new_manager": "@cecilia"}, "new_manager", "Cecilia är redan närmaste chef."),
        ({"new_manager": "@anna"}, "new_manager", A.CHANGE_ERR_MANAGER_IS_OWNER),
        ({"add_admins": ["@bertil"]}, "add_admins", "Bertil är redan administratör för kontot."),
        ({"add_admins": ["@erik"]}, "add_admins", "Erik finns inte längre i organisationen."),
        ({"remove_admins": ["@olle"]}, "remove_admins", "Olle är inte administratör för kontot."),
        ({"remove_admins": ["@anna"]}, "remove_admins", A.CHANGE_ERR_REMOVE_OWNER),
        ({"remove_admins": ["@bertil"]}, "remove_admins", "bara 1 administratör kvar"),
    ]
    for answers, field, error in cases:
        reply = change(console, "@anna", library, **answers)
        assert error in reply.errors.get(field, ""), (answers, reply.errors)
    assert team(console, library) == before
    assert not any(a.startswith("accounts.") for a in audit_actions(console))
    assert console.inbox("@bertil") == [] and console.inbox("@david") == []


def test_removing_an_admin_with_a_replacement_in_the_same_step(
    console: ConsoleBot, library: int
) -> None:
    reply = change(console, "@anna", library, add_admins=["@david"], remove_admins=["@bertil"])
    assert reply.ok and "borttagna: Bertil" in (reply.notice or "")
    bertil, david = (console.directory.person_id(h) for h in ("@bertil", "@david"))
    assert team(console, library)[bertil] == AdminStatus.REMOVED
    assert team(console, library)[david] == AdminStatus.NOMINATED
    assert titled(console, "@bertil", "inte längre administratör")
    assert titled(console, "@anna", "Byt lösenordet")  # Bertil still knows the password
    assert "accounts.admin_removed" in audit_actions(console)
    # No shortage while David is being asked; he accepts and confirms his login.
    console.tick(datetime(2026, 12, 1, 9, 5, tzinfo=STOCKHOLM))
    with console.core.session() as session:
        assert session.exec(select(AdminShortage)).all() == []
    console.press("@david", "Acceptera")
    [_ask] = titled(console, "@david", "Kan du logga in")
    console.press("@david", LOGIN)
    assert admin_row(console, library, "@david").login_confirmed_at is not None


def test_a_new_owner_accepts_and_a_new_manager_confirms(console: ConsoleBot, library: int) -> None:
    reply = change(console, "@kim", library, new_owner="@bertil", new_manager="@erik")
    assert reply.ok
    assert {"accounts.owner_named", "accounts.manager_named"} <= set(audit_actions(console))
    [_question] = titled(console, "@bertil", "Vill du bli kontoägare")
    accept = console.find_button("@bertil", "Acceptera")
    assert console.press_button("@olle", accept).notice == A.HANDOVER_NOT_ALLOWED
    assert console.press_button("@anna", accept).notice == A.HANDOVER_NOT_ALLOWED
    assert account(console, library).owner_id == console.directory.person_id("@anna")

    assert console.press_button("@bertil", accept).ok
    assert account(console, library).owner_id == console.directory.person_id("@bertil")
    assert admin_row(console, library, "@bertil").is_owner
    assert not admin_row(console, library, "@anna").is_owner
    assert console.press_button("@bertil", accept).notice == A.HANDOVER_ALREADY
    assert any("Bertil är nu kontoägare" in console.show(m) for m in console.inbox("@kim"))

    confirm = console.find_button("@erik", "Bekräfta")
    assert console.press_button("@cecilia", confirm).notice == A.HANDOVER_NOT_ALLOWED
    console.press_button("@erik", confirm)
    assert account(console, library).manager_id == console.directory.person_id("@erik")
    assert {"accounts.owner_changed", "accounts.manager_changed"} <= set(audit_actions(console))


def test_a_declined_handover_tells_who_asked_and_changes_nothing(
    console: ConsoleBot, library: int
) -> None:
    change(console, "@anna", library, new_manager="@erik")
    console.press("@erik", "Avböj")
    assert account(console, library).manager_id == console.directory.person_id("@cecilia")
    assert any("Erik avböjde" in console.show(m) for m in console.inbox("@anna"))
    # Naming someone else replaces an unanswered question: the first card loses its buttons.
    change(console, "@anna", library, new_manager="@david")
    change(console, "@anna", library, new_manager="@olle")
    with console.core.session() as session:
        rows = session.exec(select(AccountHandover).order_by(AccountHandover.id)).all()
        assert [r.outcome for r in rows] == ["declined", "replaced", None]
    [davids] = [m for m in console.inbox("@david") if "närmaste chef" in (m.title or "")]
    assert davids.buttons == []


def test_when_the_manager_leaves_the_owner_names_a_new_one(
    console: ConsoleBot, library: int
) -> None:
    console.depart("@cecilia")
    [_ask] = titled(console, "@anna", "behöver en ny närmaste chef")
    button = console.find_button("@anna", A.NAME_MANAGER_BUTTON)
    assert console.press_button("@olle", button).notice == A.NAME_MANAGER_NOT_ALLOWED
    assert console.press_button("@anna", button).form is not None
    assert console.fill("@anna", new_manager="@erik").ok
    console.press("@erik", "Bekräfta")
    assert account(console, library).manager_id == console.directory.person_id("@erik")


def test_when_the_owner_leaves_the_communicators_appoint_one_of_the_admins(
    console: ConsoleBot, library: int
) -> None:
    console.depart("@anna")
    [_posted] = [m for m in console.channel() if "behöver en ny kontoägare" in (m.title or "")]
    button = console.find_button("@kim", A.APPOINT_OWNER_BUTTON)
    refused = console.press_button("@bertil", button)
    assert refused.form is None and refused.notice == texts.common.COMMUNICATORS_ONLY
    form = console.press_button("@kim", button).form
    assert form is not None and [o.label for o in form.fields[0].options] == ["Bertil"]
    assert console.fill("@kim", owner="Bertil").ok
    console.press("@bertil", "Acceptera")
    assert account(console, library).owner_id == console.directory.person_id("@bertil")


def test_an_unanswered_question_is_reminded_then_escalated_then_resolved(
    console: ConsoleBot, library: int
) -> None:
    change(console, "@anna", library, new_manager="@erik")  # Tuesday 1 December
    console.tick(datetime(2026, 12, 2, 9, 30, tzinfo=STOCKHOLM))
    assert titled(console, "@erik", "Påminnelse") == []
    console.tick(datetime(2026, 12, 3, 9, 30, tzinfo=STOCKHOLM))  # 2 working days
    console.tick(datetime(2026, 12, 4, 9, 30, tzinfo=STOCKHOLM))
    [_reminder] = titled(console, "@erik", "Påminnelse: Bekräftar du")
    assert escalations(console, "accounts.handover") == []
    console.tick(datetime(2026, 12, 8, 9, 30, tzinfo=STOCKHOLM))  # 5 working days
    [escalation] = escalations(console, "accounts.handover")
    assert "Erik har inte svarat" in escalation.summary and "närmaste chef" in escalation.summary
    console.press("@erik", "Bekräfta")
    [escalation] = escalations(console, "accounts.handover")
    assert escalation.status == "resolved"
    assert account(console, library).manager_id == console.directory.person_id("@erik")
