"""Pause and closing end to end through the Slack stack: slash commands, modals (a datepicker),
buttons in DMs and in the communicators' channel, a screenshot sent in the DM."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select

from bot import texts
from bot.flows.accounts import names
from bot.flows.documentation.upload import UPLOAD_ACTION
from storage.models import Account, AccountStatus, AuditEntry
from tests.conftest import STOCKHOLM
from tests.support.docs_support import (
    PNG,
    active_account,
    bot_fixture,
    channel_posts,
    communicator,
    dms,
    person,
    share_file,
)
from tests.support.opening_helpers import (
    find,
    last_view,
    prefilled,
    press,
    submit,
    text_of,
    updates_in,
)
from tests.support.slack_messages import buttons

A = texts.accounts
bot = bot_fixture()
ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)


def library(bot) -> int:  # type: ignore[no-untyped-def]
    anna = person(bot, "UANNA", "Anna Andersson")
    bo = person(bot, "UBO", "Bo Berg")
    chef = person(bot, "UCHEF", "Cecilia Chef")
    communicator(bot)
    person(bot, "UEVE", "Eve Utomstående")
    return active_account(bot, owner=anna, admins=[bo], manager=chef, activated_at=ACTIVATED)


def status(bot) -> Account:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return session.exec(select(Account)).one()


def audited(bot) -> list[str]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        rows = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
    return [e.action for e in rows if e.action.startswith("accounts.")]


async def test_pause_asked_in_a_modal_and_approved_in_the_channel(bot, fake_slack) -> None:
    library(bot)
    code, _ = await bot.slack.command("UANNA", "/pausa-konto")
    assert code == 200
    view = last_view(fake_slack)
    assert any(b["element"]["type"] == "datepicker" for b in view["blocks"] if "element" in b)
    values = {**prefilled(view), "until": "2027-01-11", "reason": "Vinteruppehåll"}
    code, body = await submit(bot, "UANNA", view, values)
    assert code == 200 and body == {}
    await bot.dispatch()
    card = find(channel_posts(fake_slack), names.PAUSE_APPROVE)
    assert "Vinteruppehåll" in text_of(card)

    refused = await press(bot, "UEVE", card, names.PAUSE_APPROVE)
    assert refused == texts.common.COMMUNICATORS_ONLY
    assert status(bot).status == AccountStatus.ACTIVE
    await press(bot, "UKOMM", card, names.PAUSE_APPROVE)
    assert status(bot).status == AccountStatus.PAUSED
    assert status(bot).pause_until == date(2027, 1, 11)
    await bot.dispatch()
    assert any("är pausat till 2027-01-11" in m["text"] for m in dms(fake_slack, "UBO"))
    assert audited(bot) == ["accounts.pause_requested", "accounts.paused"]


async def test_closing_with_final_screenshots_and_the_communicators_confirmation(
    bot, fake_slack
) -> None:
    library(bot)
    code, _ = await bot.slack.command("UEVE", "/avsluta-konto")
    assert code == 200 and fake_slack.calls_to("views.open") == []
    await bot.slack.command("UANNA", "/avsluta-konto")
    view = last_view(fake_slack)
    code, body = await submit(bot, "UANNA", view, {**prefilled(view), "reason": "Läggs ner"})
    assert code == 200 and body == {}
    await bot.dispatch()
    card = find(channel_posts(fake_slack), names.CLOSE_CONFIRM)
    assert "Läggs ner" in text_of(card)

    # Not yet: the final documentation is missing.
    assert await press(bot, "UKOMM", card, names.CLOSE_CONFIRM) == A.CLOSE_NEEDS_DOCUMENTATION
    ask = find(dms(fake_slack, "UBO"), UPLOAD_ACTION)
    await press(bot, "UBO", ask, UPLOAD_ACTION)
    fake_slack.add_file("F1", PNG, "slut.png", "image/png")
    assert await share_file(bot, "UBO", "F1") == 200

    assert await press(bot, "UEVE", card, names.CLOSE_CONFIRM) == texts.common.COMMUNICATORS_ONLY
    notice = await press(bot, "UKOMM", card, names.CLOSE_CONFIRM)
    assert notice == A.CLOSED_NOTICE.format(account="Forshaga bibliotek (Facebook)")
    closed = status(bot)
    assert closed.status == AccountStatus.CLOSED and closed.closing_reason == "Läggs ner"
    await bot.dispatch()
    [edited] = updates_in(fake_slack, card["channel"])
    assert buttons(edited) == []
    assert "Avslutat av Karin Kommunikatör" in text_of(edited)
    assert audited(bot) == ["accounts.closing_started", "accounts.closed"]


async def test_the_yearly_review_answered_in_slack(bot, fake_slack) -> None:
    anna = person(bot, "UANNA", "Anna Andersson")
    bo = person(bot, "UBO", "Bo Berg")
    chef = person(bot, "UCHEF", "Cecilia Chef")
    a_year_ago = datetime(2025, 12, 1, 8, 0, tzinfo=STOCKHOLM)
    active_account(bot, owner=anna, admins=[bo], manager=chef, activated_at=a_year_ago)
    await bot.tick(datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM))
    asked = find(dms(fake_slack, "UANNA"), names.REVIEW_OK)
    assert "/andra-konto" in text_of(asked)  # the command for changes, as typed in Slack
    confirm = find(dms(fake_slack, "UCHEF"), names.REVIEW_MANAGER_OK)
    assert await press(bot, "UBO", asked, names.REVIEW_OK) == A.REVIEW_ONLY_OWNER
    assert await press(bot, "UANNA", confirm, names.REVIEW_MANAGER_OK) == A.REVIEW_ONLY_MANAGER
    await press(bot, "UANNA", asked, names.REVIEW_OK)
    await press(bot, "UCHEF", confirm, names.REVIEW_MANAGER_OK)
    assert audited(bot) == [
        "accounts.review_asked",
        "accounts.review_confirmed",
        "accounts.review_confirmed",
    ]
    await bot.dispatch()
    [edited] = updates_in(fake_slack, asked["channel"])
    assert buttons(edited) == [] and "Bekräftat av Anna Andersson" in text_of(edited)
