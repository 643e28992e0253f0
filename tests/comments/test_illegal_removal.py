"""Illegal content is removed promptly (issue 9): within ILLEGAL_REMOVAL_WITHIN_HOURS office
hours of the evidence, else an escalation and a reminder every working morning until
**Borttaget** resolves it; words of a threat or hatred reach admins and communicators at
once, any hour, with **Olagligt innehåll** first."""

from __future__ import annotations

import json

from sqlmodel import select

from bot.rules.threats import threat_terms
from storage.models import Escalation, EscalationStatus
from tests.support.comments_support import (
    add_communicator,
    at,
    button_labels,
    comments,
    fb_comment,
    link,
    make_account,
    meta_post,
)
from tests.support.harness import COMMUNICATORS_CHANNEL, Harness
from tests.support.slack_requests import select_value

HATE = "Jag vet var du bor, bibliotekarien."


def escalations(bot) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        rows = session.exec(select(Escalation).order_by(Escalation.id)).all()
        return {row.kind: row.status for row in rows if row.kind.startswith("illegal")}


def reminders(fake_slack, channel: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [
        m
        for m in fake_slack.messages_to(channel)
        if m["text"].startswith("Påminnelse: olagligt innehåll")
    ]


def digest(fake_slack, day: str) -> str:  # type: ignore[no-untyped-def]
    found = [
        json.dumps(m, ensure_ascii=False)
        for m in fake_slack.messages_to(COMMUNICATORS_CHANNEL)
        if m["text"].startswith(f"Olösta eskaleringar – {day}")
    ]
    return "".join(found)


async def evidence_saved_wednesday_afternoon(bot, fake_slack) -> int:  # type: ignore[no-untyped-def]
    add_communicator(fake_slack)
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    await meta_post(bot, fb_comment("555000111_9", "Ni borde alla skämmas"))
    [comment] = comments(bot)
    bot.clock.set(at(2026, 12, 2, 16, 30))
    await bot.slack.submit(
        "UANNA",
        {"callback_id": "comments.illegal", "private_metadata": str(comment.id)},
        {"category": select_value("olaga_hot")},
    )
    return comment.id


async def test_not_removed_within_two_office_hours_is_escalated_every_morning(
    bot, fake_slack
) -> None:
    comment_id = await evidence_saved_wednesday_afternoon(bot, fake_slack)
    # Half an hour on Wednesday, then from 08:00 on Thursday: due at 09:30.
    [comment] = comments(bot)
    assert comment.removal_due == at(2026, 12, 3, 9, 30)
    await bot.tick(at(2026, 12, 3, 9, 29))
    assert "illegal-not-removed" not in escalations(bot)
    await bot.tick(at(2026, 12, 3, 9, 30))
    assert escalations(bot)["illegal-not-removed"] == EscalationStatus.OPEN
    await bot.dispatch()
    assert reminders(fake_slack, COMMUNICATORS_CHANNEL) == []  # the escalation told them today
    for day in (4, 7, 8):  # Friday, Monday, Tuesday mornings
        await bot.tick(at(2026, 12, day, 9, 0))
        await bot.tick(at(2026, 12, day, 9, 5))  # a second tick sends nothing twice
    await bot.dispatch()
    assert len(reminders(fake_slack, COMMUNICATORS_CHANNEL)) == 3
    assert len(reminders(fake_slack, "DUANNA")) == 3

    bot.clock.set(at(2026, 12, 8, 10, 0))
    await bot.slack.press("UBO", "comments.removed|0", str(comment_id), channel="DUBO")
    assert escalations(bot) == {
        "illegal-content": EscalationStatus.RESOLVED,
        "illegal-not-removed": EscalationStatus.RESOLVED,
    }
    await bot.tick(at(2026, 12, 9, 9, 0))
    await bot.dispatch()
    assert len(reminders(fake_slack, COMMUNICATORS_CHANNEL)) == 3
    # The digest lists what is not removed; once removed, it is gone from the digest.
    assert "inte borttaget" in digest(fake_slack, "2026-12-08")
    assert "Olagligt innehåll" not in digest(fake_slack, "2026-12-09")


async def test_removed_in_time_is_never_escalated(bot, fake_slack) -> None:
    comment_id = await evidence_saved_wednesday_afternoon(bot, fake_slack)
    bot.clock.set(at(2026, 12, 2, 16, 45))
    await bot.slack.press("UANNA", "comments.removed|0", str(comment_id), channel="DUANNA")
    await bot.tick(at(2026, 12, 3, 9, 30))
    await bot.tick(at(2026, 12, 4, 9, 0))
    assert escalations(bot) == {"illegal-content": EscalationStatus.RESOLVED}


async def test_threat_words_alert_admins_and_communicators_at_once_any_hour(
    bot, fake_slack
) -> None:
    add_communicator(fake_slack)
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    bot.clock.set(at(2026, 12, 5, 23, 10))  # a Saturday night
    await meta_post(bot, fb_comment("555000111_13", HATE, created_time=1796508600))
    await bot.dispatch()
    [comment] = comments(bot)
    assert comment.threat_terms == "jag vet var du bor"
    for channel in ("DUANNA", "DUBO", COMMUNICATORS_CHANNEL):
        [alert] = [m for m in fake_slack.messages_to(channel) if "Kommentar" in m["text"]]
        assert button_labels(alert)[0] == "Olagligt innehåll"


async def test_a_configured_word_is_a_threat_too(database_url, fake_slack, clock) -> None:  # type: ignore[no-untyped-def]
    bot = await Harness(
        database_url, fake_slack, clock, threat_words="brandbomb, era  råttor"
    ).start()
    try:
        account_id = make_account(bot, fake_slack)
        link(bot, account_id)
        await meta_post(bot, fb_comment("555000111_14", "Ni är ERA RÅTTOR allihop"))
        [comment] = comments(bot)
        assert comment.threat_terms == "era  råttor"
    finally:
        await bot.stop()


def test_threat_words_match_whole_words_and_prefixes() -> None:
    assert threat_terms("Jag ska döda er") == ["döda*"]
    assert threat_terms("Han dödade ingen") == ["döda*"]
    assert threat_terms("ödmjuk fråga om bokbussen") == []
    assert threat_terms("Vi  VET var du\nbor") == ["vi vet var du bor"]
    assert threat_terms("skjutsa dig hem?") == []
    assert threat_terms("mörkret", ["mörk"]) == []
    assert threat_terms("mörkret", ["mörk*"]) == ["mörk*"]
