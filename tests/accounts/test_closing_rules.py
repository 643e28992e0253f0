"""`avsluta konto` through the console backend: started with a reason, the final documentation
through the ordinary upload, confirmed by a communicator; only then closed, its escalations
resolved and its open comments listed. A closing that stalls is reminded and escalated, and a
closed account gets nothing from any sweep for a year. Every refusal changes nothing."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot import router, texts
from bot.flows.accounts import names
from bot.reply import UploadedFile
from handlers.console.bot import ConsoleBot
from handlers.console.inbox import CHANNEL
from storage.models import AccountStatus, Comment, CommentStatus, DocumentationFile
from tests.support.console_backend import console_fixture
from tests.support.lifecycle import (
    PNG,
    account,
    at,
    audit_actions,
    audit_entry,
    comment_arrives,
    days,
    library,
    new_titles,
    open_escalations,
    titles,
)

A = texts.accounts
LABEL = "Forshaga bibliotek (Facebook)"
REASON = "Biblioteket informerar via kommunens huvudkonto i stället."
console = console_fixture()


def start(bot: ConsoleBot, handle: str = "@anna") -> None:
    assert bot.say(handle, "avsluta konto").form is not None
    reply = bot.fill(handle, reason=REASON)
    assert reply.ok, reply.errors


def document(bot: ConsoleBot, handle: str) -> None:
    """The admin presses **Ladda upp skärmdumpar** and sends a screenshot in the chat."""
    bot.press(handle, texts.documentation.UPLOAD_BUTTON)
    bot.act(handle, router.Upload([UploadedFile("slutdokumentation.png", PNG, "image/png")]))


def confirm(bot: ConsoleBot, handle: str, account_id: int) -> router.Reply:
    return bot.act(handle, router.Press(names.CLOSE_CONFIRM, str(account_id)))


def test_closing_in_three_steps_then_nothing_for_a_year(console: ConsoleBot) -> None:
    library_id = library(console)
    comment_id = comment_arrives(console, library_id, "c-1", "Hur länge har ni öppet?")
    console.tick(at(date(2026, 12, 3), 9))  # silence and the comment's deadline escalate
    assert sorted(open_escalations(console)) == ["comment-overdue", "no-posts"]

    # 1. The owner starts it with a reason: the admins are asked, the communicators told.
    start(console)
    assert console.notices("@anna")[-1] == A.CLOSE_STARTED_NOTICE.format(account=LABEL)
    started = account(console, library_id)
    assert started.status == AccountStatus.ACTIVE and started.closing_reason == REASON
    for admin in ("@anna", "@bertil"):
        assert A.CLOSE_DOCS_TITLE.format(account=LABEL) in titles(console, admin)
    assert A.CLOSE_CARD_TITLE.format(account=LABEL) in titles(console, CHANNEL)
    assert audit_entry(console, "accounts.closing_started").detail["reason"] == REASON
    new_titles(console)

    # While closing: no posting reminders.
    console.tick(at(date(2026, 12, 4), 9))
    assert not any("God morgon" in t for ts in new_titles(console).values() for t in ts)

    # 2. Not before the final documentation, and only a communicator confirms.
    assert confirm(console, "@anna", library_id).notice == texts.common.COMMUNICATORS_ONLY
    assert confirm(console, "@kim", library_id).notice == A.CLOSE_NEEDS_DOCUMENTATION
    assert account(console, library_id).status == AccountStatus.ACTIVE
    document(console, "@bertil")

    # 3. Kim confirms: closed, escalations resolved with a note, open comments listed.
    reply = confirm(console, "@kim", library_id)
    assert reply.notice == A.CLOSED_NOTICE.format(account=LABEL)
    closed = account(console, library_id)
    assert closed.status == AccountStatus.CLOSED and closed.closed_at == console.core.now()
    assert open_escalations(console) == []
    assert reply.message is not None and f"Kommentar {comment_id}" in console.show(reply.message)
    assert "kontot är avslutat" in console.read(CHANNEL)
    entry = audit_entry(console, "accounts.closed")
    assert entry.actor_id == console.directory.person_id("@kim")
    assert entry.detail["open_comments"] == [comment_id]
    assert A.CLOSED_TITLE.format(account=LABEL) in titles(console, "@anna")
    assert confirm(console, "@kim", library_id).notice == A.CLOSE_ALREADY_DONE
    # The register shows it closed, with date and reason; the documentation is kept.
    register = console.say("@kim", "kontoregister").message
    assert register is not None
    assert f"Stängt (2026-12-04: {REASON})" in console.show(register)
    with console.core.session() as session:
        assert len(session.exec(select(DocumentationFile)).all()) == 1
    new_titles(console)

    # A year of days: a new comment arrives too, yet no sweep sends anybody anything.
    comment_arrives(console, library_id, "c-2", "Finns ni kvar?")
    for day in days(date(2026, 12, 5), date(2027, 12, 5)):
        console.tick(at(day, 9))
        assert new_titles(console) == {}, day
    assert open_escalations(console) == []

    # The communicator settles the comment left open, from the list.
    console.press_button("@kim", reply.message.buttons[0])
    with console.core.session() as session:
        settled = session.get(Comment, comment_id)
        assert settled is not None and settled.status == CommentStatus.NO_REPLY_NEEDED


def test_every_refusal_changes_nothing(console: ConsoleBot) -> None:
    library_id = library(console)
    # Not the owner and not a communicator.
    for handle in ("@bertil", "@eve"):
        console.say(handle, "avsluta konto")
        assert console.notices(handle)[-1] == A.CLOSE_NO_ACCOUNTS
    assert console.say("@anna", "avsluta konto").form is not None
    assert console.fill("@anna", reason=" ").errors == {"reason": A.ERROR_REASON}
    forged = console.fill("@anna", account="999", reason=REASON)
    assert forged.errors == {"account": A.ERROR_CLOSE_NOT_ALLOWED}
    assert confirm(console, "@kim", library_id).notice == A.CLOSE_NOT_STARTED
    assert audit_actions(console) == []
    assert account(console, library_id).closing_started_at is None

    # A communicator may close any account; once started it cannot be started again.
    start(console, "@kim")
    assert console.say("@anna", "avsluta konto").notice == A.CLOSE_NO_ACCOUNTS
    console.forms.pop("anna", None)
    reply = console.act(
        "@anna",
        router.Submit(names.CLOSE, {"account": str(library_id), "reason": REASON}),
    )
    assert reply.errors == {"account": A.ERROR_CLOSE_STARTED}
    assert audit_actions(console) == ["accounts.closing_started"]


def test_a_stalled_closing_is_reminded_then_escalated(console: ConsoleBot) -> None:
    library_id = library(console)
    console.tick(at(date(2026, 12, 1), 9))
    start(console)  # Tuesday 1 December
    new_titles(console)
    reminder = A.CLOSING_REMIND_TITLE.format(account=LABEL)
    got: dict[date, dict[str, list[str]]] = {}
    for day in days(date(2026, 12, 2), date(2026, 12, 9)):
        console.tick(at(day, 9))
        console.tick(at(day, 15))
        got[day] = {
            board: [t for t in ts if "avslut" in t.lower() or "Eskalering" in t]
            for board, ts in new_titles(console).items()
        }
        got[day] = {board: ts for board, ts in got[day].items() if ts}
    # Two working days on: each admin once; five working days on: the communicators.
    assert got[date(2026, 12, 3)] == {"anna": [reminder], "bertil": [reminder]}
    stalled = [d for d, boards in got.items() if CHANNEL in boards]
    assert stalled == [date(2026, 12, 8)]
    assert "closing-stalled" in open_escalations(console)
    document(console, "@anna")
    confirm(console, "@kim", library_id)
    assert "closing-stalled" not in open_escalations(console)
