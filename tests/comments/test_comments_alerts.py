"""The alert on the morning of the due day, the escalation at the deadline, and the
alert's buttons: exactly the messages that reach Slack, none on a second run, and every
refusal changes nothing."""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import select

from bot.summary import lines_for
from storage.models import Account, Comment, CommentStatus, Escalation, EscalationStatus
from tests.conftest import STOCKHOLM
from tests.support.comments_support import (
    ADMINS,
    SIGNED_REPLY,
    add_communicator,
    alerted_comment,
    answer,
    at,
    button_id,
    button_labels,
    comment_posts,
    dms,
    fb_comment,
    link,
    make_account,
    meta_post,
    notices,
    opened_views,
    person,
    updates_to,
)
from tests.support.harness import COMMUNICATORS_CHANNEL
from tests.support.slack_requests import text_value, user_value

COMMENT_ID = "555000111_700001"
ALL_BUTTONS = ["Besvarad", "Vidarebefordra", "Diarieför", "Kräver inget svar", "Olagligt innehåll"]


async def comment_alerted(bot, fake_slack) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    """A comment from Tuesday morning, alerted Wednesday 09:00; returns (id, Anna's alert)."""
    return await alerted_comment(bot, fake_slack, COMMENT_ID, "Har ni öppet på lördag?")


async def press(
    bot, user: str, alert: dict, label: str, comment_id: int, channel: str | None = None
):  # type: ignore[no-untyped-def]
    return await bot.slack.press(
        user, button_id(alert, label), str(comment_id), channel=channel or "D" + user
    )


def status_of(bot, comment_id: int) -> Comment:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return session.get(Comment, comment_id)


async def test_alert_on_the_due_morning_and_escalation_at_the_deadline_once(
    bot, fake_slack
) -> None:
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    await meta_post(bot, fb_comment(COMMENT_ID, "Har ni öppet på lördag?"))

    await bot.tick(at(2026, 12, 1, 17, 0))
    await bot.tick(at(2026, 12, 2, 8, 59))
    assert comment_posts(fake_slack) == []

    await bot.tick(at(2026, 12, 2, 9, 0))
    await bot.tick(at(2026, 12, 2, 9, 1))
    assert sorted(m["channel"] for m in comment_posts(fake_slack)) == ["DUANNA", "DUBO"]
    alert = dms(fake_slack, "UANNA")[0]
    assert button_labels(alert) == ALL_BUTTONS
    shown = json.dumps(alert["blocks"], ensure_ascii=False)
    assert "Har ni öppet på lördag?" in shown
    assert "2026-12-02 17:00" in shown and "Vera Väljare" in shown

    await bot.tick(at(2026, 12, 2, 16, 59))
    assert escalations(fake_slack) == []
    await bot.tick(at(2026, 12, 2, 17, 0))
    await bot.tick(at(2026, 12, 2, 17, 30))
    [escalation] = escalations(fake_slack)
    assert "Obesvarad kommentar på Forshaga bibliotek" in escalation["text"]
    # The escalation carries no comment text: escalations outlive disposal.
    assert "lördag" not in json.dumps(escalation, ensure_ascii=False)

    await bot.restart()
    await bot.tick(at(2026, 12, 3, 9, 0))
    await bot.tick(at(2026, 12, 3, 17, 0))
    assert len(escalations(fake_slack)) == 1
    assert len(dms(fake_slack, "UANNA")) == 1 and len(dms(fake_slack, "UBO")) == 1


def escalations(fake_slack) -> list[dict]:  # type: ignore[no-untyped-def]
    # The communicators' channel also gets the escalation flow's morning digest.
    return [m for m in comment_posts(fake_slack) if m["channel"] == COMMUNICATORS_CHANNEL]


async def test_a_late_first_tick_catches_up_with_alert_and_escalation(bot, fake_slack) -> None:
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    await meta_post(bot, fb_comment(COMMENT_ID))
    await bot.tick(at(2026, 12, 4, 11, 0))  # down since Tuesday
    assert len(dms(fake_slack, "UANNA")) == 1 and len(dms(fake_slack, "UBO")) == 1
    assert len(escalations(fake_slack)) == 1


async def test_answered_closes_resolves_the_escalation_and_updates_alerts_in_place(
    bot, fake_slack
) -> None:
    comment_id, alert = await comment_alerted(bot, fake_slack)
    await bot.tick(at(2026, 12, 2, 17, 0))  # escalated
    fake_slack.clear()
    bot.clock.set(at(2026, 12, 2, 17, 10))
    status, _ = await press(bot, "UANNA", alert, "Besvarad", comment_id)
    assert status == 200
    # Besvarad asks for the reply as posted; an unsigned one is refused inline.
    [view] = opened_views(fake_slack)
    assert view["callback_id"] == "comments.answered"
    assert [b.get("block_id") for b in view["blocks"] if b["type"] == "input"] == [
        "reply",
        "link",
    ]
    _status, body = await bot.slack.submit("UANNA", view, {"reply": text_value("Ja.")})
    assert "namn och titel" in json.loads(body)["errors"]["reply"]
    assert status_of(bot, comment_id).status == CommentStatus.OPEN
    _status, body = await bot.slack.submit("UANNA", view, {"reply": text_value(SIGNED_REPLY)})
    assert body == ""
    assert [m["text"] for m in fake_slack.messages_to("DUANNA")] == [
        "Kommentaren är markerad som besvarad."
    ]
    comment = status_of(bot, comment_id)
    assert comment.reply_text == SIGNED_REPLY
    assert comment.status == CommentStatus.ANSWERED and comment.closed_at == at(2026, 12, 2, 17, 10)
    await bot.dispatch()
    for admin in ADMINS:
        [update] = updates_to(fake_slack, "D" + admin)
        assert "Besvarad 2026-12-02 17:10 av Anna Andersson" in json.dumps(
            update["blocks"], ensure_ascii=False
        )
        assert button_labels(update) == ["Diarieför", "Olagligt innehåll"]
    [escalation_update] = updates_to(fake_slack, COMMUNICATORS_CHANNEL)
    assert button_labels(escalation_update) == []
    with bot.core.session() as session:
        assert session.exec(select(Escalation.status)).one() == EscalationStatus.RESOLVED

    # A second press: a notice, nothing changes, nothing is sent.
    fake_slack.clear()
    await press(bot, "UBO", alert, "Besvarad", comment_id)
    await press(bot, "UBO", alert, "Kräver inget svar", comment_id)
    await press(bot, "UBO", alert, "Vidarebefordra", comment_id)
    assert notices(fake_slack, "UBO") == ["Kommentaren är redan hanterad – inget ändrades."] * 3
    await bot.dispatch()
    assert fake_slack.calls_to("chat.update") == [] and opened_views(fake_slack) == []
    _status, body = await bot.slack.submit("UBO", view, {"reply": text_value(SIGNED_REPLY)})
    assert fake_slack.messages_to("DUBO")[-1]["text"] == (
        "Kommentaren är redan hanterad – inget ändrades."
    )
    unchanged = status_of(bot, comment_id)
    assert unchanged.status == CommentStatus.ANSWERED
    assert unchanged.closed_at == at(2026, 12, 2, 17, 10)
    await bot.tick(at(2026, 12, 3, 17, 0))
    assert comment_posts(fake_slack) == []


async def test_outsiders_are_refused_and_nothing_changes(bot, fake_slack) -> None:
    comment_id, alert = await comment_alerted(bot, fake_slack)
    fake_slack.add_user("UOLLE", "Olle Obehörig")
    fake_slack.clear()
    for label in ALL_BUTTONS:
        await press(bot, "UOLLE", alert, label, comment_id, channel="C0GEN")
    expected = (
        "Bara kontots administratörer, den som fått kommentaren vidarebefordrad och "
        "kommunikatörerna kan hantera den här kommentaren."
    )
    assert notices(fake_slack, "UOLLE") == [expected] * len(ALL_BUTTONS)
    assert opened_views(fake_slack) == []
    comment = status_of(bot, comment_id)
    assert comment.status == CommentStatus.OPEN and comment.forwarded_to_id is None
    # A form submitted by an outsider (a forged view) is refused as well.
    await bot.slack.submit(
        "UOLLE",
        {"callback_id": "comments.register", "private_metadata": str(comment_id)},
        {"diarienummer": text_value("KS 2026/1")},
    )
    assert status_of(bot, comment_id).diarienummer is None
    await press(bot, "UANNA", alert, "Besvarad", 999999)
    assert notices(fake_slack, "UANNA")[-1] == "Kommentaren finns inte."


async def test_no_reply_needed_by_a_communicator(bot, fake_slack) -> None:
    comment_id, alert = await comment_alerted(bot, fake_slack)
    add_communicator(fake_slack)
    await press(bot, "UKOMM", alert, "Kräver inget svar", comment_id, channel="C0GEN")
    comment = status_of(bot, comment_id)
    assert comment.status == CommentStatus.NO_REPLY_NEEDED
    await bot.tick(at(2026, 12, 2, 17, 0))
    assert escalations(fake_slack) == []


async def test_forwarding_keeps_the_deadline_and_alerts_the_new_person(bot, fake_slack) -> None:
    comment_id, alert = await comment_alerted(bot, fake_slack)
    carl = person(bot, fake_slack, "UCARL", "Carl Cirkulation")
    await press(bot, "UANNA", alert, "Vidarebefordra", comment_id)
    [view] = opened_views(fake_slack)
    assert view["callback_id"] == "comments.forward"
    assert "2026-12-02 17:00" in json.dumps(view["blocks"], ensure_ascii=False)
    await bot.slack.submit(
        "UANNA", view, {"person": {"value": {"type": "users_select", "selected_user": ""}}}
    )
    assert status_of(bot, comment_id).forwarded_to_id is None
    status, body = await bot.slack.submit("UANNA", view, {"person": user_value("UCARL")})
    assert status == 200
    comment = status_of(bot, comment_id)
    assert comment.forwarded_to_id == carl and comment.deadline == at(2026, 12, 2, 17, 0)
    await bot.dispatch()
    [forwarded] = dms(fake_slack, "UCARL")
    assert "Carl Cirkulation" in json.dumps(forwarded["blocks"], ensure_ascii=False)
    assert button_labels(forwarded) == ALL_BUTTONS
    # Forwarding to the same person again is an inline error; nothing changes.
    status, body = await bot.slack.submit("UBO", view, {"person": user_value("UCARL")})
    assert (
        json.loads(body)["errors"]["person"]
        == "Kommentaren är redan vidarebefordrad till den personen."
    )
    # Carl may now handle it.
    await answer(bot, fake_slack, "UCARL", button_id(forwarded, "Besvarad"), comment_id)
    assert status_of(bot, comment_id).status == CommentStatus.ANSWERED
    assert status_of(bot, comment_id).closed_by_id == carl


async def test_register_asks_for_the_diarienummer_once(bot, fake_slack) -> None:
    comment_id, alert = await comment_alerted(bot, fake_slack)
    await press(bot, "UANNA", alert, "Diarieför", comment_id)
    [view] = opened_views(fake_slack)
    _status, body = await bot.slack.submit("UANNA", view, {"diarienummer": text_value("  ")})
    assert json.loads(body)["errors"] == {"diarienummer": "Skriv diarienumret."}
    _status, body = await bot.slack.submit("UANNA", view, {"diarienummer": text_value("x" * 101)})
    assert "högst 100" in json.loads(body)["errors"]["diarienummer"]
    assert status_of(bot, comment_id).diarienummer is None
    await bot.slack.submit("UANNA", view, {"diarienummer": text_value("KS 2026/123")})
    comment = status_of(bot, comment_id)
    assert comment.diarienummer == "KS 2026/123" and comment.status == CommentStatus.OPEN
    await bot.dispatch()
    [update] = updates_to(fake_slack, "DUANNA")
    assert "Diarieför" not in button_labels(update) and "Besvarad" in button_labels(update)
    fake_slack.clear()
    await press(bot, "UBO", alert, "Diarieför", comment_id)
    assert notices(fake_slack, "UBO") == [
        "Kommentaren är redan diarieförd (KS 2026/123) – inget ändrades."
    ]
    assert opened_views(fake_slack) == []


async def test_the_morning_summary_lists_open_comments_and_deadlines(bot, fake_slack) -> None:
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    await meta_post(bot, fb_comment(COMMENT_ID, "Har ni öppet på lördag?"))
    await meta_post(bot, fb_comment("555000111_700009", "Mitt pnr 811218-9876"))
    with bot.core.session() as session:
        account = session.get(Account, account_id)
        lines = lines_for(session, bot.core, account, bot.core.now())
    assert lines == [
        "Kommentar nr 1, mottagen 2026-12-01 08:30 – svara senast 2026-12-02 17:00",
        "Kommentar nr 2, mottagen 2026-12-01 08:30 – svara senast 2026-12-02 17:00"
        " (innehåller personnummer – hantera som sekretess)",
    ]
    # Days later, still unanswered: marked as late, in bold, at the head of the account's lines.
    later = datetime(2026, 12, 7, 9, 0, tzinfo=STOCKHOLM)
    with bot.core.session() as session:
        account = session.get(Account, account_id)
        lines = lines_for(session, bot.core, account, later)
    assert lines[0] == (
        "⚠️ **Kommentar nr 1 är försenad** – skulle ha besvarats senast 2026-12-02 17:00"
    )
