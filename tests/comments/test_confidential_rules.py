"""A comment with a personnummer is handled, not answered, through the console backend:
no **Besvarad** or **Kräver inget svar**; the guideline's steps as buttons (Diarieför,
Annan kanal, Markera som borttagen); it closes when all are recorded; the communicators
are told at once; at the deadline it is its own escalation, resolved when it closes."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot import router, texts
from bot.flows.comments import names
from handlers.console.bot import ConsoleBot
from storage.models import CommentStatus, Escalation, EscalationStatus
from tests.support.console_backend import console_fixture
from tests.support.console_comments import (
    DEADLINE,
    PNR,
    audited,
    comment,
    library,
    register_comment,
    row_counts,
)

T = texts.comments
console = console_fixture()
STEPS = [T.BUTTON_FORWARD, T.BUTTON_REGISTER, T.BUTTON_MOVED, T.BUTTON_CONFIDENTIAL_REMOVED]


@pytest.fixture
def confidential(console: ConsoleBot) -> int:
    return register_comment(console, library(console), f"Mitt personnummer är {PNR}, ring mig")


def labels(bot: ConsoleBot, handle: str) -> list[str]:
    return [b.label for b in bot.inbox(handle)[-1].buttons]


def escalations(bot: ConsoleBot) -> list[Escalation]:
    """The comment flow's escalations (other flows escalate a quiet account, too)."""
    with bot.core.session() as session:
        rows = session.exec(select(Escalation).order_by(Escalation.id)).all()  # type: ignore[arg-type]
        return [e for e in rows if e.key.startswith("comment")]


def test_alerted_at_once_to_admins_and_communicators_with_the_steps(
    console: ConsoleBot, confidential: int
) -> None:
    for handle in ("@anna", "@bo"):
        assert labels(console, handle) == [*STEPS, T.BUTTON_ILLEGAL]
    [told] = console.channel()
    assert [b.label for b in told.buttons] == [*STEPS, T.BUTTON_ILLEGAL]
    shown = console.show(told)
    assert PNR not in shown and "ÅÅMMDD-XXXX" in shown  # the number itself is not spread
    assert "Kvar: diarieföra, flytta samtalet" in (told.footer or "")


def test_it_cannot_be_closed_as_answered_or_as_needing_no_reply(
    console: ConsoleBot, confidential: int
) -> None:
    value = str(confidential)
    before = row_counts(console)
    pressed = console.act("@anna", router.Press(names.ANSWERED, value))
    assert pressed.form is None and pressed.notice == T.ANSWER_CONFIDENTIAL
    proper = {"reply": "Ring oss. /Anna Andersson, bibliotekarie"}
    forged = console.act("@anna", router.Submit(names.ANSWERED, proper, value))
    assert forged.notice == T.ANSWER_CONFIDENTIAL
    no_reply = console.act("@anna", router.Press(names.NO_REPLY, value))
    assert no_reply.notice == T.NO_REPLY_CONFIDENTIAL
    assert row_counts(console) == before
    assert comment(console, confidential).status == CommentStatus.OPEN


def test_the_steps_close_it_when_all_are_recorded(console: ConsoleBot, confidential: int) -> None:
    console.press("@anna", T.BUTTON_REGISTER)
    reply = console.fill("@anna", diarienummer="KS 2026/501")
    assert reply.notice == T.REGISTERED_NOTICE.format(number="KS 2026/501")
    assert comment(console, confidential).status == CommentStatus.OPEN
    assert labels(console, "@bo") == [
        T.BUTTON_FORWARD,
        T.BUTTON_MOVED,
        T.BUTTON_CONFIDENTIAL_REMOVED,
        T.BUTTON_ILLEGAL,
    ]

    moved = console.press("@bo", T.BUTTON_MOVED)
    assert moved.form is not None and moved.form.id == names.MOVED
    assert console.fill("@bo", channel="").errors == {"channel": T.MOVED_REQUIRED}
    reply = console.fill("@bo", channel="telefon")
    assert reply.notice == T.STEP_SAVED_NOTICE.format(left="ta bort kommentaren från kontot")
    assert T.BUTTON_MOVED not in labels(console, "@anna")  # the step is done: its button goes
    again = console.act("@anna", router.Press(names.MOVED, str(confidential)))
    assert again.notice == T.ALREADY_MOVED.format(channel="telefon")

    reply = console.press("@kim", T.BUTTON_CONFIDENTIAL_REMOVED)
    assert reply.notice == T.CONFIDENTIAL_DONE_NOTICE
    closed = comment(console, confidential)
    assert closed.status == CommentStatus.CONFIDENTIAL_HANDLED
    assert closed.confidential_channel == "telefon" and closed.removed_at is not None
    assert closed.closed_by_id == console.directory.person_id("@kim")
    assert [a for a, _ in audited(console)][-4:] == [
        "comment.registered",
        "comment.confidential_moved",
        "comment.confidential_removed",
        "comment.confidential_handled",
    ]
    told = console.channel()[-1]
    assert "Hanterad som sekretess" in (told.footer or "") and "telefon" in (told.footer or "")
    assert [b.label for b in told.buttons] == [T.BUTTON_ILLEGAL]
    again = console.act("@anna", router.Press(names.CONFIDENTIAL_REMOVED, str(confidential)))
    assert again.notice == T.ALREADY_HANDLED


def test_overdue_is_its_own_escalation_resolved_when_handled(
    console: ConsoleBot, confidential: int
) -> None:
    console.tick(DEADLINE)
    [escalation] = escalations(console)
    assert escalation.kind == "comment-confidential"
    assert escalation.key == f"comment-confidential:{confidential}"
    assert "Kommentar med personnummer på Forshaga bibliotek" in escalation.summary
    assert PNR not in escalation.summary
    console.tick(DEADLINE.replace(hour=18))
    assert len(escalations(console)) == 1

    value = str(confidential)
    console.act("@anna", router.Submit(names.REGISTER, {"diarienummer": "KS 1"}, value))
    console.act("@anna", router.Submit(names.MOVED, {"channel": "e-post"}, value))
    assert escalations(console)[0].status == EscalationStatus.OPEN
    console.act("@anna", router.Press(names.CONFIDENTIAL_REMOVED, value))
    [resolved] = escalations(console)
    assert resolved.status == EscalationStatus.RESOLVED


def test_outsiders_cannot_take_the_steps(console: ConsoleBot, confidential: int) -> None:
    value = str(confidential)
    console.directory.person("@olle")  # a colleague the bot knows, but no admin
    before = row_counts(console)
    for request in (
        router.Press(names.MOVED, value),
        router.Submit(names.MOVED, {"channel": "telefon"}, value),
        router.Press(names.CONFIDENTIAL_REMOVED, value),
    ):
        assert console.act("@olle", request).notice == T.NOT_ALLOWED
    assert row_counts(console) == before


def test_an_ordinary_comment_has_no_confidential_steps(console: ConsoleBot) -> None:
    ordinary = register_comment(console, library(console), "Har ni öppet i kväll?")
    reply = console.act("@anna", router.Press(names.CONFIDENTIAL_REMOVED, str(ordinary)))
    assert reply.notice == T.NOT_CONFIDENTIAL
    assert comment(console, ordinary).removed_at is None
