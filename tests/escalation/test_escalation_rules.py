"""Escalation rules through the console backend: once per cause, communicators only, the digest."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from bot import texts
from bot.flows.escalation import escalate, resolve
from bot.messages import Fact, Message
from handlers.console.bot import ConsoleBot
from storage.models import AuditEntry, Escalation, EscalationStatus
from tests.conftest import STOCKHOLM
from tests.support.console_backend import console_fixture

console = console_fixture()  # @kim is a communicator


def open_one(bot: ConsoleBot, key: str = "test:1") -> int:
    with bot.core.session() as session:
        escalation = escalate(
            session,
            bot.core,
            key=key,
            kind="test",
            summary="Kontot har inte uppdaterats",
            facts=[Fact(label="Senaste inlägg", value="2026-11-25")],
        )
        assert escalation is not None and escalation.id is not None
        escalation_id = escalation.id
    bot.dispatch()
    return escalation_id


def labels(message: Message) -> list[str]:
    return [button.label for button in message.buttons]


def test_escalation_is_posted_once_with_take_and_resolve(console: ConsoleBot) -> None:
    open_one(console)
    with console.core.session() as session:
        assert escalate(session, console.core, key="test:1", kind="test", summary="igen") is None
    console.dispatch()
    console.dispatch()
    [posted] = console.channel()
    assert labels(posted) == ["Jag tar den", "Löst"]
    assert posted.title == "Eskalering: Kontot har inte uppdaterats"
    assert "Senaste inlägg: 2026-11-25" in console.show(posted)
    # Nobody gets it in a direct message, communicators included.
    assert console.inbox("@kim") == []


def test_only_communicators_can_take_and_the_message_shows_who(console: ConsoleBot) -> None:
    escalation_id = open_one(console)
    take = console.find_button("@olle", "Jag tar den")

    reply = console.press_button("@olle", take)
    assert reply.notice == texts.common.COMMUNICATORS_ONLY and "kommunikatörerna" in reply.notice
    with console.core.session() as session:
        assert session.get(Escalation, escalation_id).status == EscalationStatus.OPEN  # type: ignore[union-attr]
    assert len(console.drain()) == 1  # only the posting itself; Olle's press edited nothing

    assert console.press("@kim", "Jag tar den").notice == texts.escalation.TAKEN_NOTICE
    [edit] = console.drain()
    assert edit.edited and edit.board == "#kommunikatörer"
    assert "Tas om hand av Kim" in (edit.message.footer or "")
    assert labels(edit.message) == ["Löst"]
    with console.core.session() as session:
        row = session.get(Escalation, escalation_id)
        assert row is not None and row.status == EscalationStatus.TAKEN
        actions = session.exec(select(AuditEntry.action)).all()
    assert "escalation.taken" in actions

    # Resolving is the communicators' too; once resolved, the buttons are gone.
    resolve_button = console.find_button("@kim", "Löst")
    assert console.press_button("@olle", resolve_button).notice == texts.common.COMMUNICATORS_ONLY
    assert console.press("@kim", "Löst").notice == texts.escalation.RESOLVED_NOTICE
    [card] = console.channel()
    assert card.buttons == [] and "Löst av Kim" in (card.footer or "")
    assert console.press_button("@kim", resolve_button).notice == texts.escalation.ALREADY_RESOLVED


def test_automatic_resolution_removes_the_buttons(console: ConsoleBot) -> None:
    open_one(console)
    console.drain()
    with console.core.session() as session:
        assert resolve(session, console.core, "test:1", "kontot har publicerat igen")
        assert not resolve(session, console.core, "test:1", "igen")
    console.dispatch()
    [edit] = console.drain()
    assert edit.edited and edit.message.buttons == []
    assert "publicerat igen" in console.show(edit.message)
    assert len(console.channel()) == 1


def test_morning_digest_lists_open_escalations_once_per_working_day(console: ConsoleBot) -> None:
    open_one(console, "a")
    open_one(console, "b")
    console.drain()
    console.tick(datetime(2026, 12, 5, 9, 30, tzinfo=STOCKHOLM))  # Saturday
    assert console.drain() == []
    console.tick(datetime(2026, 12, 7, 8, 59, tzinfo=STOCKHOLM))  # Monday, before the morning
    assert console.drain() == []
    console.tick(datetime(2026, 12, 7, 9, 0, tzinfo=STOCKHOLM))
    console.tick(datetime(2026, 12, 7, 14, 0, tzinfo=STOCKHOLM))
    [digest] = console.drain()
    assert digest.board == "#kommunikatörer" and "2 ärenden" in console.show(digest.message)
    assert digest.message.title == "Olösta eskaleringar – 2026-12-07"
    assert all("ingen har tagit den" in line for line in digest.message.checklist)


def test_each_kind_says_what_to_do_and_mentions_whom_to_contact(console: ConsoleBot) -> None:
    from tests.support.console_accounts import active_account

    monday = datetime(2026, 11, 30, 9, 0, tzinfo=STOCKHOLM)
    library = active_account(console, "Biblioteket", ["@anna", "@bo"], monday, manager="@karin")
    with console.core.session() as session:
        for kind in ("comment-overdue", "too-few-admins", "some-new-kind"):
            escalate(
                session, console.core, key=f"k:{kind}", kind=kind, summary=kind, account_id=library
            )
    console.dispatch()
    shown = {posted.title: console.show(posted) for posted in console.channel()}
    overdue = shown["Eskalering: comment-overdue"]
    assert "Gör så här: be Anna (@anna) och Bo (@bo) svara på kommentaren" in overdue
    assert (
        "Gör så här: be Anna (@anna) och Karin (@karin) nominera"
        in shown["Eskalering: too-few-admins"]
    )
    assert "Gör så här: kontakta Anna (@anna) och Bo (@bo)." in shown["Eskalering: some-new-kind"]
    # The people are real mentions in the message, which each platform renders as its own.
    [posted] = [p for p in console.channel() if p.title == "Eskalering: comment-overdue"]
    ids = {console.directory.person_id("@anna"), console.directory.person_id("@bo")}
    assert {f"<@person:{i}>" for i in ids} <= set(posted.text.replace(" och ", " ").split())
