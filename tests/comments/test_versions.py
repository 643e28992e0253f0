"""Nothing the author does destroys the record (issue 9): every version of a comment's text
is kept, a deletion on the platform is an event the admins are told of with the earlier
text, evidence can be saved from any version and says which, and disposal purges all
versions of an ordinary comment and none under evidence or registration."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import select

from storage.models import AuditEntry, CommentStatus, CommentVersion, Evidence
from tests.support.comments_support import (
    answer,
    at,
    button_labels,
    comments,
    fb_comment,
    link,
    make_account,
    meta_post,
    opened_views,
)
from tests.support.slack_requests import select_value

COMMENT_ID = "555000111_700001"
THREAT = "Jag ska hämnas på personalen i kväll, det kommer ni att få se."
HARMLESS = "Bra simhall!"


def versions(bot) -> list[CommentVersion]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return list(session.exec(select(CommentVersion).order_by(CommentVersion.id)).all())


def changed_dms(fake_slack, user: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [m for m in fake_slack.messages_to("D" + user) if m["text"].startswith("Kommentar nr")]


async def account(bot, fake_slack) -> int:  # type: ignore[no-untyped-def]
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    return account_id


async def test_an_edit_keeps_the_earlier_text_and_the_admins_see_both(bot, fake_slack) -> None:
    await account(bot, fake_slack)
    await meta_post(bot, fb_comment(COMMENT_ID, THREAT))
    bot.clock.set(at(2026, 12, 1, 22, 40))
    await meta_post(bot, fb_comment(COMMENT_ID, HARMLESS, verb="edited"))
    await meta_post(bot, fb_comment(COMMENT_ID, HARMLESS, verb="edited"))  # Meta again
    [comment] = comments(bot)
    assert comment.text == HARMLESS  # what the platform shows now
    kept = versions(bot)
    assert [(v.number, v.kind, v.text) for v in kept] == [
        (1, "received", THREAT),
        (2, "edited", HARMLESS),
    ]
    assert kept[1].at == at(2026, 12, 1, 22, 40)
    assert kept[1].said["verb"] == "edited" and kept[1].said["message"] == HARMLESS
    await bot.dispatch()
    for user in ("UANNA", "UBO"):
        [told] = changed_dms(fake_slack, user)
        shown = json.dumps(told, ensure_ascii=False)
        assert "har ändrats av skribenten" in told["text"]
        assert THREAT in shown and HARMLESS in shown
        assert "Olagligt innehåll" in button_labels(told)


async def test_a_deletion_is_an_event_shown_with_the_text_and_evidence_still_saved(
    bot, fake_slack
) -> None:
    await account(bot, fake_slack)
    await meta_post(bot, fb_comment(COMMENT_ID, THREAT))
    bot.clock.set(at(2026, 12, 1, 23, 5))
    await meta_post(bot, fb_comment(COMMENT_ID, verb="remove"))
    [comment] = comments(bot)
    assert comment.status == CommentStatus.REMOVED
    assert comment.deleted_on_platform_at == at(2026, 12, 1, 23, 5)
    assert comment.text == THREAT
    assert [(v.kind, v.text) for v in versions(bot)] == [("received", THREAT), ("deleted", "")]
    await bot.dispatch()
    [told] = changed_dms(fake_slack, "UANNA")
    assert "har tagits bort på plattformen" in told["text"]
    assert THREAT in json.dumps(told, ensure_ascii=False)

    bot.clock.set(at(2026, 12, 2, 8, 10))
    await bot.slack.press("UANNA", "comments.illegal|0", str(comment.id), channel="DUANNA")
    [view] = opened_views(fake_slack)
    await bot.slack.submit("UANNA", view, {"category": select_value("olaga_hot")})
    with bot.core.session() as session:
        evidence = session.exec(select(Evidence)).one()
    assert evidence.record["text"] == THREAT and evidence.version_number == 1
    assert evidence.record["deleted_on_platform_at"] == "2026-12-01T22:05:00+00:00"


async def test_evidence_is_saved_from_the_version_chosen_and_says_which(bot, fake_slack) -> None:
    await account(bot, fake_slack)
    await meta_post(bot, fb_comment(COMMENT_ID, THREAT))
    bot.clock.set(at(2026, 12, 1, 22, 40))
    await meta_post(bot, fb_comment(COMMENT_ID, HARMLESS, verb="edited"))
    [comment] = comments(bot)
    bot.clock.set(at(2026, 12, 2, 9, 5))
    await bot.slack.press("UANNA", "comments.illegal|0", str(comment.id), channel="DUANNA")
    [view] = opened_views(fake_slack)
    options = [o["value"] for o in view["blocks"][2]["element"]["options"]]
    assert options == ["1", "2"]
    _status, body = await bot.slack.submit(
        "UANNA", view, {"category": select_value("olaga_hot"), "version": select_value("")}
    )
    assert json.loads(body)["errors"] == {"version": "Välj vilken version som ska sparas."}
    await bot.slack.submit(
        "UANNA", view, {"category": select_value("olaga_hot"), "version": select_value("1")}
    )
    with bot.core.session() as session:
        evidence = session.exec(select(Evidence)).one()
        saved = session.exec(
            select(AuditEntry).where(AuditEntry.action == "comment.evidence_saved")
        ).one()
    assert evidence.record["text"] == THREAT
    assert (evidence.record["version"], evidence.record["versions"]) == (1, 2)
    assert evidence.version_number == 1 and saved.detail["version"] == 1
    _status, body = await bot.slack.command("UANNA", "/bevis", str(evidence.id))
    assert "Version 1 av 2" in body


async def test_disposal_purges_every_version_of_an_ordinary_comment_only(bot, fake_slack) -> None:
    await account(bot, fake_slack)
    await meta_post(bot, fb_comment("555000111_1", "Öppet i dag?"))
    await meta_post(bot, fb_comment("555000111_2", "Hot mot personalen"))
    bot.clock.set(at(2026, 12, 1, 12, 0))
    await meta_post(bot, fb_comment("555000111_1", "Öppet i morgon?", verb="edited"))
    await meta_post(bot, fb_comment("555000111_2", "Hot, ändrat", verb="edited"))
    ordinary, illegal = comments(bot)
    closed = at(2026, 12, 2, 10, 0)
    bot.clock.set(closed)
    await answer(bot, fake_slack, "UANNA", "comments.answered|0", ordinary.id)
    await bot.slack.submit(
        "UANNA",
        {"callback_id": "comments.illegal", "private_metadata": str(illegal.id)},
        {"category": select_value("olaga_hot"), "version": select_value("1")},
    )
    await bot.slack.press("UANNA", "comments.removed|0", str(illegal.id), channel="DUANNA")
    await bot.tick(closed + timedelta(days=91))
    left = versions(bot)
    assert {v.comment_id for v in left} == {illegal.id}
    assert [v.text for v in left] == ["Hot mot personalen", "Hot, ändrat"]
