"""**Jag kan logga in** through the console backend: every admin of an active account is asked
once, only that admin can answer, and an account short of confirmations is reminded about and
escalated like any stalled step."""

from __future__ import annotations

from datetime import datetime

from bot import router, texts
from bot.flows.accounts import names
from handlers.console.bot import ConsoleBot
from tests.conftest import STOCKHOLM
from tests.support.console_backend import console_fixture
from tests.support.people_change import (
    LOGIN,
    admin_row,
    audit_actions,
    escalations,
    register_library,
    titled,
)

A = texts.accounts
console = console_fixture()


def test_each_admin_is_asked_once_and_confirms_their_own_login(console: ConsoleBot) -> None:
    library = register_library(console)
    # Anna accepted on an active account: asked at once; Bertil likewise.
    for handle in ("@anna", "@bertil"):
        [ask] = titled(console, handle, "Kan du logga in")
        assert "Forshaga bibliotek" in ask and LOGIN in ask
    assert titled(console, "@cecilia", "Kan du logga in") == []
    assert admin_row(console, library, "@anna").login_asked_at == console.core.now()

    # Someone else's button, a forged value, an outsider: refused, nothing changes.
    annas = console.find_button("@anna", LOGIN)
    assert console.press_button("@bertil", annas).notice == A.LOGIN_NOT_ALLOWED
    assert console.press_button("@olle", annas).notice == A.LOGIN_NOT_ALLOWED
    forged = router.Press(
        names.LOGIN_CONFIRMED, f"{library}:{console.directory.person_id('@olle')}"
    )
    assert console.act("@olle", forged).notice == A.LOGIN_NOT_ALLOWED
    assert console.act("@anna", router.Press(names.LOGIN_CONFIRMED, "x")).notice == (
        A.LOGIN_NOT_ALLOWED
    )
    assert admin_row(console, library, "@anna").login_confirmed_at is None
    assert "accounts.login_confirmed" not in audit_actions(console)

    reply = console.press_button("@anna", annas)
    assert reply.notice == A.LOGIN_CONFIRMED_NOTICE.format(account="Forshaga bibliotek (Facebook)")
    assert admin_row(console, library, "@anna").login_confirmed_at == console.core.now()
    assert "accounts.login_confirmed" in audit_actions(console)
    # The question now says it is answered, without its button; a second press is refused.
    [ask] = [m for m in console.inbox("@anna") if "Kan du logga in" in (m.title or "")]
    assert ask.buttons == [] and "Bekräftat" in (ask.footer or "")
    assert "redan bekräftat" in (console.press_button("@anna", annas).notice or "")

    # The account's listing shows who can log in; the register names what is missing.
    listing = console.show(console.say("@anna", "mina konton").message)  # type: ignore[arg-type]
    assert "Kan logga in: Anna" in listing
    register = console.show(console.say("@kim", "kontoregister").message)  # type: ignore[arg-type]
    assert "1 har bekräftat inloggningen (minst två)" in register


def test_a_stalled_confirmation_is_reminded_then_escalated_then_resolved(
    console: ConsoleBot,
) -> None:
    register_library(console)  # asked Tuesday 1 December
    console.press("@anna", LOGIN)
    console.tick(datetime(2026, 12, 2, 9, 30, tzinfo=STOCKHOLM))
    assert titled(console, "@bertil", "Påminnelse") == []
    console.tick(datetime(2026, 12, 3, 9, 30, tzinfo=STOCKHOLM))  # 2 working days
    [reminder] = titled(console, "@bertil", "Påminnelse: kan du logga in")
    assert "2026-12-08" in reminder  # when the communicators hear of it
    assert titled(console, "@anna", "Påminnelse") == []  # Anna has answered
    console.tick(datetime(2026, 12, 4, 9, 30, tzinfo=STOCKHOLM))
    assert len(titled(console, "@bertil", "Påminnelse")) == 1  # once
    assert escalations(console, "accounts.logins") == []

    console.tick(datetime(2026, 12, 8, 9, 30, tzinfo=STOCKHOLM))  # 5 working days
    [escalation] = escalations(console, "accounts.logins")
    assert "bara 1 av minst 2" in escalation.summary
    console.tick(datetime(2026, 12, 9, 9, 30, tzinfo=STOCKHOLM))
    assert len(escalations(console, "accounts.logins")) == 1

    # Bertil answers from the reminder: the escalation resolves itself.
    console.press("@bertil", LOGIN)
    [escalation] = escalations(console, "accounts.logins")
    assert escalation.status == "resolved"


def test_a_third_admin_joining_later_is_asked(console: ConsoleBot) -> None:
    library = register_library(console)
    console.directory.person("@david")
    console.press("@anna", LOGIN)
    console.press("@bertil", LOGIN)
    from bot.flows.opening.nomination import nominate
    from storage.models import Account

    with console.core.session() as session:
        account = session.get(Account, library)
        assert account is not None
        nominate(
            session,
            console.core,
            account,
            [console.directory.person_id("@david")],
            None,
            console.core.now(),
        )
    console.dispatch()
    assert titled(console, "@david", "Kan du logga in") == []  # not before accepting
    console.press("@david", "Acceptera")
    [ask] = titled(console, "@david", "Kan du logga in")
    assert LOGIN in ask
    # The two who answered are not asked again.
    assert len(titled(console, "@anna", "Kan du logga in")) == 1


def test_the_question_waits_in_mina_konton_until_answered(console: ConsoleBot) -> None:
    library = register_library(console)
    listing = console.say("@bertil", "mina konton").message
    assert listing is not None
    assert "Bekräfta att du kan logga in på Forshaga bibliotek" in console.show(listing)
    assert "Väntar på: Anna bekräftar inloggning; Bertil bekräftar inloggning" in console.show(
        listing
    )
    [button] = [b for b in listing.buttons if b.label.startswith(LOGIN)]
    assert console.press_button("@anna", button).notice == A.LOGIN_NOT_ALLOWED
    console.press_button("@bertil", button)
    assert admin_row(console, library, "@bertil").login_confirmed_at is not None
    listing = console.say("@bertil", "mina konton").message
    assert listing is not None and not any(b.label.startswith(LOGIN) for b in listing.buttons)
    assert "Kan logga in: Bertil" in console.show(listing)
