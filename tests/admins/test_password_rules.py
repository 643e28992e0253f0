"""**Lösenordet är bytt** through the console backend: an admin leaving the organisation,
stepping down (or being removed) asks the remaining admins and the communicators to change the
password; an admin or a communicator marks it done; one open request per account; escalation
after password_change_within_working_days."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from bot import router, texts
from bot.flows.accounts import names, password
from bot.flows.admins import step_down
from handlers.console.bot import ConsoleBot
from storage.insert import insert_unless_taken
from storage.models import Account, PasswordChange
from tests.conftest import STOCKHOLM
from tests.support.console_accounts import active_account
from tests.support.console_backend import console_fixture
from tests.support.people_change import PASSWORD, audit_actions, escalations, titled

A = texts.accounts
ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)
console = console_fixture()


@pytest.fixture
def library(console: ConsoleBot) -> int:
    """Anna (owner), Bertil and Doris run the library's account; Cecilia is their manager."""
    return active_account(
        console,
        "Forshaga bibliotek",
        ["@anna", "@bertil", "@doris"],
        ACTIVATED,
        manager="@cecilia",
    )


def requests(bot: ConsoleBot) -> list[PasswordChange]:
    with bot.core.session() as session:
        return list(session.exec(select(PasswordChange).order_by(PasswordChange.id)).all())


def test_a_departure_asks_the_remaining_admins_and_the_communicators(
    console: ConsoleBot, library: int
) -> None:
    console.depart("@bertil")
    for handle in ("@anna", "@doris"):
        [ask] = titled(console, handle, "Byt lösenordet")
        assert "Bertil har slutat i organisationen" in ask and "2026-12-03" in ask
    assert titled(console, "@bertil", "Byt lösenordet") == []
    assert titled(console, "@cecilia", "Byt lösenordet") == []
    [posted] = [m for m in console.channel() if "Byt lösenordet" in (m.title or "")]
    assert [b.label for b in posted.buttons] == [PASSWORD]
    [change] = requests(console)
    assert change.reason == "departed" and change.open_account_id == library
    assert "accounts.password_change_requested" in audit_actions(console)
    # The register says a password is to be changed, and Bertil is listed as "slutat".
    register = console.show(console.say("@kim", "kontoregister").message)  # type: ignore[arg-type]
    assert "lösenordet ska bytas (sedan 2026-12-01)" in register
    listing = console.show(console.say("@anna", "mina konton").message)  # type: ignore[arg-type]
    assert "Lösenordet ska bytas (sedan 2026-12-01)" in listing
    assert "Slutat: Bertil (slutat 2026-12-01)" in listing
    assert "Administratörer: Anna, Doris" in listing


def test_only_an_admin_or_a_communicator_marks_it_changed(
    console: ConsoleBot, library: int
) -> None:
    console.depart("@bertil")
    button = console.find_button("@anna", PASSWORD)
    for outsider in ("@olle", "@cecilia", "@bertil"):
        assert console.press_button(outsider, button).notice == A.PASSWORD_NOT_ALLOWED
    assert console.act("@olle", router.Press(names.PASSWORD_CHANGED, "x")).notice == (
        A.PASSWORD_NOT_ALLOWED
    )
    assert requests(console)[0].done_at is None
    assert "accounts.password_changed" not in audit_actions(console)

    reply = console.press_button("@doris", button)
    assert reply.notice == A.PASSWORD_DONE_NOTICE.format(account="Forshaga bibliotek (Facebook)")
    [change] = requests(console)
    assert change.done_at == console.core.now() and change.open_account_id is None
    assert "accounts.password_changed" in audit_actions(console)
    # Every copy of the ask now says who changed it, and has no button left.
    for handle in ("@anna", "@doris"):
        [ask] = [m for m in console.inbox(handle) if "Byt lösenordet" in (m.title or "")]
        assert ask.buttons == [] and "Lösenordet bytt av Doris" in (ask.footer or "")
    assert "redan markerat som bytt" in (console.press_button("@kim", button).notice or "")


def test_a_communicator_may_mark_it_and_stepping_down_asks_too(
    console: ConsoleBot, library: int
) -> None:
    console.say("@doris", "avgå")
    assert console.fill("@doris", account=str(library), confirm=[step_down.CONFIRM]).ok
    [ask] = titled(console, "@anna", "Byt lösenordet")
    assert "Doris har lämnat som administratör" in ask
    assert titled(console, "@doris", "Byt lösenordet") == []
    assert console.press("@kim", PASSWORD).notice == A.PASSWORD_DONE_NOTICE.format(
        account="Forshaga bibliotek (Facebook)"
    )


def test_one_open_request_per_account(console: ConsoleBot, library: int) -> None:
    console.depart("@bertil")
    console.depart("@doris")  # covered by the request still open
    assert len(requests(console)) == 1
    assert len(titled(console, "@anna", "Byt lösenordet")) == 1
    # The database itself refuses a second open row, whatever the code reads first.
    with console.core.session() as session:
        second = insert_unless_taken(
            session,
            PasswordChange,
            {
                "account_id": library,
                "person_id": console.directory.person_id("@anna"),
                "reason": "removed",
                "requested_at": console.core.now(),
                "open_account_id": library,
            },
            ["open_account_id"],
        )
        assert second is None
    # Once done, the next departure opens a new one.
    console.press("@anna", PASSWORD)
    console.directory.person("@erik")
    with console.core.session() as session:
        account = session.get(Account, library)
        assert account is not None
        assert password.request_change(
            session, console.core, account, console.directory.person_id("@erik"), "removed"
        )
    assert len(requests(console)) == 2


def test_not_changed_in_time_is_escalated_once_and_resolved(
    console: ConsoleBot, library: int
) -> None:
    console.depart("@bertil")  # Tuesday 1 December, 09:00
    console.tick(datetime(2026, 12, 2, 9, 30, tzinfo=STOCKHOLM))
    assert escalations(console, "accounts.password") == []
    console.tick(datetime(2026, 12, 3, 9, 30, tzinfo=STOCKHOLM))  # 2 working days
    [escalation] = escalations(console, "accounts.password")
    assert "lösenordet är inte bytt 2 arbetsdagar efter att Bertil" in escalation.summary
    console.tick(datetime(2026, 12, 4, 9, 30, tzinfo=STOCKHOLM))
    assert len(escalations(console, "accounts.password")) == 1
    console.press("@anna", PASSWORD)
    [escalation] = escalations(console, "accounts.password")
    assert escalation.status == "resolved"
