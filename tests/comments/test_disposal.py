"""Gallring: ordinary closed comments lose text and author data after DISPOSAL_AFTER_DAYS;
registered ones and evidence are kept; the audit log says what and when, without content."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import select

from storage.models import AuditEntry, Comment, Evidence, OutboxMessage
from tests.support.comments_support import (
    answer,
    at,
    comments,
    fb_comment,
    link,
    make_account,
    meta_post,
    updates_to,
)
from tests.support.slack_requests import select_value, text_value

TEXTS = {
    "555000111_1": "Vanlig fråga om öppettider",
    "555000111_2": "Fråga som diarieförs",
    "555000111_3": "Olagligt hot mot personalen",
    "555000111_4": "Fråga som ingen svarat på",
}
CLOSED_AT = at(2026, 12, 2, 10, 0)


async def setup(bot, fake_slack) -> dict[str, int]:  # type: ignore[no-untyped-def]
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    for external_id, text in TEXTS.items():
        await meta_post(bot, fb_comment(external_id, text))
    await bot.tick(at(2026, 12, 2, 9, 0))  # alerts go out (and carry the texts)
    ids = {c.external_id: c.id for c in comments(bot)}
    bot.clock.set(CLOSED_AT)
    press = bot.slack.press
    await answer(bot, fake_slack, "UANNA", "comments.answered|0", ids["555000111_1"])
    await bot.slack.submit(
        "UANNA",
        {"callback_id": "comments.register", "private_metadata": str(ids["555000111_2"])},
        {"diarienummer": text_value("KS 2026/77")},
    )
    await answer(bot, fake_slack, "UANNA", "comments.answered|0", ids["555000111_2"])
    await bot.slack.submit(
        "UANNA",
        {"callback_id": "comments.illegal", "private_metadata": str(ids["555000111_3"])},
        {"category": select_value("olaga_hot")},
    )
    await press("UANNA", "comments.removed|0", str(ids["555000111_3"]), channel="DUANNA")
    await bot.dispatch()
    return ids


def purge_entries(bot) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return list(
            session.exec(select(AuditEntry).where(AuditEntry.action == "comments.purged")).all()
        )


async def test_only_ordinary_closed_comments_are_purged_after_the_period(bot, fake_slack) -> None:
    ids = await setup(bot, fake_slack)
    await bot.tick(CLOSED_AT + timedelta(days=90) - timedelta(minutes=1))
    assert purge_entries(bot) == []
    assert all(c.text for c in comments(bot))

    purge_time = CLOSED_AT + timedelta(days=90)
    await bot.tick(purge_time)
    await bot.tick(purge_time + timedelta(days=1))
    by_id = {c.external_id: c for c in comments(bot)}
    purged = by_id["555000111_1"]
    assert purged.text == "" and purged.author_name is None
    assert purged.author_external_id is None and purged.author_profile is None
    assert purged.purged_at == purge_time
    for kept in ("555000111_2", "555000111_3", "555000111_4"):
        assert by_id[kept].text == TEXTS[kept] and by_id[kept].author_name == "Vera Väljare"
        assert by_id[kept].purged_at is None

    [entry] = purge_entries(bot)
    assert entry.at == purge_time
    assert entry.detail["count"] == 1 and entry.detail["comment_ids"] == [ids["555000111_1"]]
    with bot.core.session() as session:
        everything = json.dumps(
            [e.detail for e in session.exec(select(AuditEntry)).all()]
            + [r.payload for r in session.exec(select(OutboxMessage)).all()],
            ensure_ascii=False,
        )
        evidence = session.exec(select(Evidence)).one()
    # Nothing of the purged comment is left in the database, not even in sent alerts.
    assert TEXTS["555000111_1"] not in everything
    assert TEXTS["555000111_2"] in everything  # registered: kept
    assert evidence.record["text"] == TEXTS["555000111_3"]


async def test_a_purged_comment_offers_no_evidence_capture(bot, fake_slack) -> None:
    ids = await setup(bot, fake_slack)
    await bot.tick(CLOSED_AT + timedelta(days=91))
    await bot.slack.press("UANNA", "comments.illegal|0", str(ids["555000111_1"]), channel="DUANNA")
    told = fake_slack.calls_to("chat.postEphemeral")[-1].args["text"]
    assert told == "Kommentarens text är gallrad, så inget bevis kan sparas."
    with bot.core.session() as session:
        assert session.exec(select(Comment).where(Comment.purged_at.is_not(None))).all()
        assert len(session.exec(select(Evidence)).all()) == 1


async def test_each_chat_message_about_a_purged_comment_is_edited_once(bot, fake_slack) -> None:
    ids = await setup(bot, fake_slack)
    purged_id = ids["555000111_1"]
    [alert] = [m for m in fake_slack.posted["DUANNA"] if TEXTS["555000111_1"] in m["text"]]
    before = len(updates_to(fake_slack, "DUANNA"))
    before_all = len(fake_slack.calls_to("chat.update"))

    purge_time = CLOSED_AT + timedelta(days=90)
    await bot.tick(purge_time)
    await bot.dispatch()
    await bot.tick(purge_time + timedelta(days=1))
    await bot.tick(purge_time + timedelta(days=2))
    await bot.dispatch()

    edits = [u for u in updates_to(fake_slack, "DUANNA")[before:] if u["ts"] == alert["ts"]]
    assert len(edits) == 1  # chat.update, once, however many ticks follow
    [edit] = edits
    assert f"Kommentar nr {purged_id} på Forshaga bibliotek" in edit["text"]
    assert "Gallrad 2027-03-02 10:00" in json.dumps(edit, ensure_ascii=False)
    assert TEXTS["555000111_1"] not in json.dumps(edit, ensure_ascii=False)
    assert "Vera" not in json.dumps(edit, ensure_ascii=False)
    # Bo's copy of the alert too; the kept comments' alerts are not touched.
    assert len(updates_to(fake_slack, "DUBO")) >= 1
    assert not [
        u
        for u in fake_slack.calls_to("chat.update")[before_all:]
        if any(TEXTS[k] in json.dumps(u.args, ensure_ascii=False) for k in TEXTS)
    ]
