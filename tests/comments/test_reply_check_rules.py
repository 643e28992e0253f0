"""**Besvarad** asks for the reply as posted and checks it, through the console backend:
a proper reply closes the comment; an unsigned one or one with a personnummer is refused
with the reason and nothing changes; a tone remark asks to fix or close anyway, and the
choice is stored and audited; a link alone is stored and marked as not checked."""

from __future__ import annotations

import pytest

from bot import router, texts
from bot.flows.comments import names
from handlers.console.bot import ConsoleBot
from storage.models import CommentStatus
from tests.support.console_backend import console_fixture
from tests.support.console_comments import (
    DUE_MORNING,
    PNR,
    PROPER,
    audited,
    comment,
    library,
    register_comment,
    row_counts,
)

T = texts.comments
console = console_fixture()


@pytest.fixture
def alerted(console: ConsoleBot) -> int:
    """A question on the library's page, alerted to Anna and Bo on the morning it is due."""
    comment_id = register_comment(console, library(console), "Har ni öppet i kväll?")
    console.tick(DUE_MORNING)
    assert [m.buttons[0].label for m in console.inbox("@anna")][-1] == T.BUTTON_ANSWERED
    return comment_id


def press_answered(bot: ConsoleBot, handle: str = "@anna") -> router.Reply:
    reply = bot.press(handle, T.BUTTON_ANSWERED)
    assert reply.form is not None and reply.form.id == names.ANSWERED
    assert [f.id for f in reply.form.fields] == ["reply", "link"]
    return reply


def test_a_proper_reply_closes_the_comment_and_is_kept(console: ConsoleBot, alerted: int) -> None:
    press_answered(console)
    assert console.fill("@anna", reply=PROPER).notice == T.ANSWERED_NOTICE
    closed = comment(console, alerted)
    assert closed.status == CommentStatus.ANSWERED and closed.reply_text == PROPER
    assert closed.reply_remarks is None and closed.reply_choice is None
    [(_, detail)] = audited(console, "comment.answered")
    assert detail["reply_checked"] is True and detail["comment_id"] == alerted
    # Both admins' alerts now say who closed it, and offer no Besvarad.
    for handle in ("@anna", "@bo"):
        alert = console.inbox(handle)[-1]
        assert "Besvarad 2026-12-02 09:00" in (alert.footer or "")
        assert T.BUTTON_ANSWERED not in [b.label for b in alert.buttons]


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("Vi har öppet till 20 i kväll.", T.ANSWER_UNSIGNED),
        ("Vet ej. /Anna Andersson", T.ANSWER_UNSIGNED),
        (f"Ditt ärende {PNR} är klart. /Anna Andersson, bibliotekarie", T.ANSWER_PERSONNUMMER),
    ],
)
def test_unsigned_or_personnummer_refuses_and_nothing_changes(
    console: ConsoleBot, alerted: int, reply: str, reason: str
) -> None:
    press_answered(console)
    before = row_counts(console)
    answer = console.fill("@anna", reply=reply)
    assert answer.errors["reply"].startswith(reason)
    assert answer.errors["reply"].endswith(T.ANSWER_NOT_CLOSED)
    assert row_counts(console) == before
    still = comment(console, alerted)
    assert still.status == CommentStatus.OPEN and still.reply_text is None
    assert console.form("@anna") is not None  # the form stays open, to be fixed


def test_both_reasons_at_once(console: ConsoleBot, alerted: int) -> None:
    press_answered(console)
    errors = console.fill("@anna", reply=f"Ditt nummer {PNR}.").errors["reply"]
    assert T.ANSWER_UNSIGNED in errors and T.ANSWER_PERSONNUMMER in errors


def test_a_tone_remark_asks_and_the_choice_to_fix_is_recorded(
    console: ConsoleBot, alerted: int
) -> None:
    slangy = "vet ej lol /Anna Andersson, bibliotekarie"
    press_answered(console)
    asked = console.fill("@anna", reply=slangy)
    assert asked.form is not None and asked.form.id == names.REPLY_TONE
    assert "Slang eller chattförkortningar: lol" in (asked.form.intro or "")
    pending = comment(console, alerted)
    assert pending.status == CommentStatus.OPEN and pending.reply_text == slangy
    assert audited(console, "comment.reply_tone_remarks")[0][1]["remarks"] == [
        "Slang eller chattförkortningar: lol"
    ]

    assert console.fill("@anna", choice=T.TONE_FIX).notice == T.TONE_FIX_NOTICE
    fixing = comment(console, alerted)
    assert fixing.status == CommentStatus.OPEN and fixing.reply_choice == "fix"
    assert [a for a, _ in audited(console, "comment.reply_fix")] == ["comment.reply_fix_chosen"]

    # Besvarad again: the reply given before is filled in, ready to be corrected.
    form = press_answered(console).form
    assert form is not None and form.fields[0].initial == slangy
    assert console.fill("@anna", reply=PROPER).notice == T.ANSWERED_NOTICE
    done = comment(console, alerted)
    assert done.status == CommentStatus.ANSWERED and done.reply_text == PROPER
    assert done.reply_remarks is None and done.reply_choice is None


def test_closing_anyway_is_recorded_on_the_comment_and_in_the_audit(
    console: ConsoleBot, alerted: int
) -> None:
    press_answered(console)
    console.fill("@anna", reply="Välkommen!!! 😀 /Anna Andersson, bibliotekarie")
    reply = console.fill("@anna", choice=T.TONE_CLOSE)
    assert reply.notice == T.ANSWERED_ANYWAY_NOTICE
    closed = comment(console, alerted)
    assert closed.status == CommentStatus.ANSWERED and closed.reply_choice == "close_anyway"
    assert closed.reply_remarks == "Flera utrops- eller frågetecken i rad; Emoji"
    [(_, detail)] = audited(console, "comment.answered")
    assert detail["reply_choice"] == "close_anyway" and detail["reply_remarks"]
    assert "Stängd trots anmärkning om tonen" in (console.inbox("@bo")[-1].footer or "")


def test_the_tone_choice_must_be_made(console: ConsoleBot, alerted: int) -> None:
    press_answered(console)
    console.fill("@anna", reply="Det är STÄNGT. /Anna Andersson, bibliotekarie")
    assert console.fill("@anna", choice="").errors == {"choice": T.TONE_CHOICE_REQUIRED}
    assert comment(console, alerted).status == CommentStatus.OPEN


def test_a_link_alone_is_stored_and_marked_unchecked(console: ConsoleBot, alerted: int) -> None:
    press_answered(console)
    assert console.fill("@anna", link="ftp://x").errors == {"link": T.ANSWER_LINK_INVALID}
    assert console.fill("@anna").errors == {"reply": T.ANSWER_REQUIRED}
    link = "https://www.facebook.com/104857600000001/posts/555000111?comment_id=9"
    assert console.fill("@anna", link=link).notice == T.ANSWERED_LINK_NOTICE
    closed = comment(console, alerted)
    assert closed.status == CommentStatus.ANSWERED
    assert closed.reply_link == link and closed.reply_text is None
    [(_, detail)] = audited(console, "comment.answered")
    assert detail["reply_checked"] is False and detail["reply_link"] == link
    alert = console.inbox("@anna")[-1]
    assert T.STATUS_REPLY_UNCHECKED in (alert.footer or "")
    assert any(f.value == link for f in alert.facts)


def test_outsiders_and_second_presses_change_nothing(console: ConsoleBot, alerted: int) -> None:
    value = str(alerted)
    refused = console.act("@olle", router.Press(names.ANSWERED, value))
    assert refused.form is None and refused.notice == T.NOT_ALLOWED
    before = row_counts(console)
    forged = console.act("@olle", router.Submit(names.ANSWERED, {"reply": PROPER}, value))
    assert forged.notice == T.NOT_ALLOWED
    choice = {"choice": "close_anyway"}
    forged = console.act("@olle", router.Submit(names.REPLY_TONE, choice, value))
    assert forged.notice == T.NOT_ALLOWED
    assert row_counts(console) == before
    assert comment(console, alerted).status == CommentStatus.OPEN

    press_answered(console)
    console.fill("@anna", reply=PROPER)
    again = console.act("@bo", router.Press(names.ANSWERED, value))
    assert again.form is None and again.notice == T.ALREADY_HANDLED
    late = console.act("@bo", router.Submit(names.ANSWERED, {"reply": PROPER}, value))
    assert late.notice == T.ALREADY_HANDLED
