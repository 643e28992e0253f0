"""`pausa konto` through the console backend: the owner asks, a communicator approves, the
pause holds back posting reminders and silence escalations but not comment alerts, the admins
hear the day before, and it ends by itself on its date. Every refusal changes nothing."""

from __future__ import annotations

from datetime import date

from bot import router, texts
from bot.flows.accounts import names
from handlers.console.bot import ConsoleBot
from handlers.console.inbox import CHANNEL
from storage.models import AccountStatus
from tests.support.console_backend import console_fixture
from tests.support.lifecycle import (
    account,
    at,
    audit_actions,
    comment_arrives,
    days,
    library,
    new_titles,
    open_escalations,
    titles,
)

A = texts.accounts
console = console_fixture()


def ask(bot: ConsoleBot, until: str = "2027-01-11", reason: str = "Vinteruppehåll") -> None:
    assert bot.say("@anna", "pausa konto").form is not None
    reply = bot.fill("@anna", until=until, reason=reason)
    assert reply.ok, reply.errors


def test_owner_asks_communicator_approves_and_the_pause_ends_by_itself(
    console: ConsoleBot,
) -> None:
    library_id = library(console)
    ask(console)
    assert console.notices("@anna")[-1] == A.PAUSE_REQUESTED_NOTICE.format(
        account="Forshaga bibliotek (Facebook)", until="2027-01-11"
    )
    assert account(console, library_id).status == AccountStatus.ACTIVE  # not before approval
    [card] = [m for m in console.channel() if m.title and "ber om att pausa" in m.title]
    assert "Vinteruppehåll" in console.show(card)

    # Only communicators decide; Bertil (an admin) cannot.
    console.press("@bertil", A.PAUSE_APPROVE_BUTTON)
    assert console.notices("@bertil")[-1] == texts.common.COMMUNICATORS_ONLY
    assert account(console, library_id).status == AccountStatus.ACTIVE

    console.press("@kim", A.PAUSE_APPROVE_BUTTON)
    paused = account(console, library_id)
    assert paused.status == AccountStatus.PAUSED and paused.pause_until == date(2027, 1, 11)
    assert A.PAUSED_TITLE.format(account="Forshaga bibliotek (Facebook)", until="2027-01-11") in (
        titles(console, "@bertil")
    )
    # The card lost its buttons and says who approved; a second press changes nothing.
    assert "Godkänd av" in console.read(CHANNEL)
    console.act("@kim", router.Press(names.PAUSE_APPROVE, str(library_id)))
    assert console.notices("@kim")[-1] == A.PAUSE_NOT_WAITING
    assert audit_actions(console) == ["accounts.pause_requested", "accounts.paused"]
    new_titles(console)

    # While paused: no "God morgon", no silence escalation, but a comment is still alerted.
    comment_arrives(console, library_id, "c-1", "När öppnar ni igen?")
    for day in days(date(2026, 12, 2), date(2027, 1, 9)):
        console.tick(at(day, 9))
        console.tick(at(day, 16))
    seen = new_titles(console)
    assert not any("God morgon" in t for ts in seen.values() for t in ts)
    assert "no-posts" not in open_escalations(console)
    assert any("Kommentar" in t for t in seen.get("anna", []))
    assert "comment-overdue" in open_escalations(console)  # its deadline still counts

    # The day before (a Sunday) the admins hear it ends; the next morning it has.
    console.tick(at(date(2027, 1, 10), 9))
    ends = A.PAUSE_ENDS_TITLE.format(account="Forshaga bibliotek (Facebook)")
    assert new_titles(console) == {"anna": [ends], "bertil": [ends]}
    assert account(console, library_id).status == AccountStatus.PAUSED
    console.tick(at(date(2027, 1, 11), 9))
    resumed = account(console, library_id)
    assert resumed.status == AccountStatus.ACTIVE and resumed.resumed_at is not None
    assert any("God morgon" in t for t in new_titles(console)["anna"])
    assert audit_actions(console)[-1] == "accounts.pause_ended"

    # Silence is counted from the pause's end, not from before it: the third working day.
    for day in days(date(2027, 1, 12), date(2027, 1, 14)):
        console.tick(at(day, 9))
        assert "no-posts" not in open_escalations(console), day
    console.tick(at(date(2027, 1, 15), 9))
    assert "no-posts" in open_escalations(console)


def test_every_refusal_changes_nothing(console: ConsoleBot) -> None:
    library_id = library(console)
    # Not the owner: Bertil administers but does not own; Eve has nothing.
    for handle in ("@bertil", "@eve"):
        console.say(handle, "pausa konto")
        assert console.notices(handle)[-1] == A.PAUSE_NO_ACCOUNTS
        assert console.form(handle) is None
    # Bad dates and an empty reason, each with its message.
    assert console.say("@anna", "pausa konto").form is not None
    for until, error in [
        ("imorgon", A.ERROR_DATE),
        ("2026-12-01", A.ERROR_PAUSE_DATE_PAST),
        ("2028-01-01", A.ERROR_PAUSE_TOO_LONG.format(last="2027-12-01")),
    ]:
        reply = console.fill("@anna", until=until, reason="Uppehåll")
        assert reply.errors == {"until": error}
    reply = console.fill("@anna", until="2027-01-11", reason="  ")
    assert reply.errors == {"reason": A.ERROR_REASON}
    # A forged form for an account that is not Anna's.
    reply = console.fill("@anna", account="999", until="2027-01-11", reason="Uppehåll")
    assert reply.errors == {"account": A.ERROR_PAUSE_NOT_OWNER}
    assert account(console, library_id).pause_requested_at is None
    assert audit_actions(console) == []

    # A second request while the first waits is refused; a declined one may be asked again.
    ask(console)
    assert console.say("@anna", "pausa konto").form is not None
    reply = console.fill("@anna", until="2027-02-01", reason="Annat")
    assert reply.errors == {"account": A.ERROR_PAUSE_WAITING}
    console.press("@eve", A.PAUSE_DECLINE_BUTTON)
    assert console.notices("@eve")[-1] == texts.common.COMMUNICATORS_ONLY
    console.press("@kim", A.PAUSE_DECLINE_BUTTON)
    declined = account(console, library_id)
    assert declined.status == AccountStatus.ACTIVE and declined.pause_requested_at is None
    assert A.PAUSE_DECLINED_TITLE.format(account="Forshaga bibliotek (Facebook)") in titles(
        console, "@anna"
    )
    assert audit_actions(console) == ["accounts.pause_requested", "accounts.pause_declined"]
    ask(console, until="2027-02-01")
    assert account(console, library_id).pause_until == date(2027, 2, 1)
