"""`/gdpr` on Slack: the search answers in place, the files are uploaded into the
communicator's DM once, and erasure edits the admins' alerts with chat.update."""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import select

from bot import texts
from storage.models import Comment, GdprRequest
from tests.conftest import STOCKHOLM
from tests.support.comments_support import add_communicator, make_account, updates_to
from tests.support.privacy_support import VERA, received

P = texts.privacy
TEXT = "Varför är simhallen stängd på söndagar?"


async def test_gdpr_files_and_erasure_through_slack(bot, fake_slack) -> None:
    add_communicator(fake_slack)
    account_id = make_account(bot, fake_slack)
    comment_id = received(bot.core, account_id, "c-1", TEXT)
    await bot.tick(datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM))  # Anna's alert
    [alert] = [m for m in fake_slack.posted["DUANNA"] if TEXT in m["text"]]

    status, body = await bot.slack.command("UKOMM", "/gdpr", "Vera Väljare")
    answer = json.dumps(json.loads(body), ensure_ascii=False)
    assert status == 200 and "1 kommentar på 1 konto" in answer and TEXT not in answer
    with bot.core.session() as session:
        request_id = session.exec(select(GdprRequest.id)).one()

    await bot.slack.press("UKOMM", "gdpr.export|0", str(request_id), channel="DUKOMM")
    await bot.slack.press("UKOMM", "gdpr.export|0", str(request_id), channel="DUKOMM")
    await bot.dispatch()
    shared = fake_slack.shared_files("DUKOMM")
    assert [f["title"] for f in shared] == [f"gdpr-{request_id}.json", f"gdpr-{request_id}.txt"]
    data = json.loads(shared[0]["content"])
    assert data["items"][0]["text"] == TEXT and data["items"][0]["author_id"] == VERA["id"]
    assert TEXT in shared[1]["content"].decode("utf-8")

    await bot.slack.press("UKOMM", "gdpr.erase|1", str(request_id), channel="DUKOMM")
    await bot.dispatch()
    with bot.core.session() as session:
        assert session.get(Comment, comment_id).text == ""
    [edit] = [u for u in updates_to(fake_slack, "DUANNA") if u["ts"] == alert["ts"]]
    assert "på skribentens begäran" in json.dumps(edit, ensure_ascii=False)
    assert TEXT not in json.dumps(edit, ensure_ascii=False)
