"""Documentation before a major change (/storre-andring) and before closing an account."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlmodel import select

from bot.flows.documentation import request_documentation_before_closing
from storage.models import AuditEntry, Escalation, EscalationStatus, MajorChange, MajorChangeKind
from tests.conftest import STOCKHOLM
from tests.support.docs_support import (
    PNG,
    bot_fixture,
    button,
    channel_posts,
    dms,
    library_team,
    person,
    share_file,
)
from tests.support.slack_requests import select_value, text_value

ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)


bot = bot_fixture()


@pytest.fixture
def library(bot) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return library_team(bot, ACTIVATED, own_manager=True)


def morning(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=STOCKHOLM)


def escalations(fake_slack) -> list[dict]:  # type: ignore[no-untyped-def]
    return [m for m in channel_posts(fake_slack) if m["text"].startswith("Eskalering")]


async def open_form(bot, fake_slack, user: str = "U1") -> dict:  # type: ignore[no-untyped-def]
    await bot.slack.command(user, "/storre-andring")
    return fake_slack.calls_to("views.open")[-1].args["view"]


def state(account: int, what: str, when: str) -> dict:
    return {
        "account": select_value(str(account)),
        "what": text_value(what),
        "when": text_value(when),
    }


async def test_bad_input_is_shown_in_the_form_and_nothing_is_saved(
    bot, fake_slack, library
) -> None:
    view = await open_form(bot, fake_slack)
    assert view["callback_id"] == "documentation.major_change"
    for values, field in [
        (state(library["account"], "", "2026-12-10"), "what"),
        (state(library["account"], "Nytt namn", "10/12"), "when"),
        (state(library["account"], "Nytt namn", "2026-11-30"), "when"),  # yesterday
        (state(library["account"], "x" * 1001, "2026-12-10"), "what"),
        (state(999, "Nytt namn", "2026-12-10"), "account"),
    ]:
        status, body = await bot.slack.submit("U1", view, values)
        assert status == 200
        assert field in json.loads(body)["errors"]
    await bot.dispatch()
    with bot.core.session() as session:
        assert session.exec(select(MajorChange)).all() == []
    assert fake_slack.calls_to("chat.postMessage") == []


async def test_a_major_change_asks_reminds_and_escalates(bot, fake_slack, library) -> None:
    view = await open_form(bot, fake_slack)
    # Planned for Monday 2026-12-07: the reminder goes on Friday 12-04.
    await bot.slack.submit("U1", view, state(library["account"], "Ny profilbild", "2026-12-07"))
    await bot.dispatch()
    for user in ("U1", "U2"):
        # The submitter's DMs also hold the form's notice (sent through the outbox).
        [ask] = [m for m in dms(fake_slack, user) if "före ändringen" in m["text"]]
        assert "före ändringen 2026-12-07" in ask["text"] and "Ny profilbild" in str(ask["blocks"])
        assert button(ask, "Ladda upp skärmdumpar")["value"] == str(library["account"])
    with bot.core.session() as session:
        assert "documentation.major_change" in session.exec(select(AuditEntry.action)).all()

    sent: dict[date, int] = {}
    for day in [date(2026, 12, d) for d in (2, 3, 4, 5, 7, 8, 9)]:
        before = len(dms(fake_slack, "U2")) + len(escalations(fake_slack))
        await bot.tick(morning(day))
        await bot.tick(morning(day).replace(hour=16))
        after = len(dms(fake_slack, "U2")) + len(escalations(fake_slack))
        if after > before:
            sent[day] = after - before
    # Friday: a reminder to each admin; Tuesday after the change: one escalation.
    assert sent == {date(2026, 12, 4): 1, date(2026, 12, 8): 1}
    assert "Påminnelse" in dms(fake_slack, "U2")[-1]["text"]
    [posted] = escalations(fake_slack)
    assert "ingen dokumentation före den större ändringen 2026-12-07" in posted["text"]

    # Documentation after all: the escalation is resolved.
    await bot.slack.command("U1", "/skarmdump")
    fake_slack.add_file("F1", PNG, "efter.png", "image/png")
    await share_file(bot, "U1", "F1")
    with bot.core.session() as session:
        assert (
            session.exec(select(Escalation).where(Escalation.kind == "major-change-undocumented"))
            .one()
            .status
            == EscalationStatus.RESOLVED
        )


async def test_documented_in_time_means_no_reminder(bot, fake_slack, library) -> None:
    view = await open_form(bot, fake_slack)
    await bot.slack.submit("U1", view, state(library["account"], "Nytt namn", "2026-12-07"))
    await bot.slack.command("U2", "/skarmdump")
    fake_slack.add_file("F1", PNG, "fore.png", "image/png")
    await share_file(bot, "U2", "F1")
    await bot.dispatch()
    fake_slack.clear()
    for day in (4, 7, 8):
        await bot.tick(morning(date(2026, 12, day)))
    assert dms(fake_slack, "U1") == [] and dms(fake_slack, "U2") == []
    assert channel_posts(fake_slack) == []


async def test_closing_asks_for_documentation_first(bot, fake_slack, library) -> None:
    with bot.core.session() as session:
        change = request_documentation_before_closing(
            session, bot.core, library["account"], date(2026, 12, 15), library["anna"]
        )
        assert change is not None and change.kind == MajorChangeKind.CLOSING
    await bot.dispatch()
    [ask] = dms(fake_slack, "U2")
    assert "innan kontot stängs 2026-12-15" in ask["text"]
    await bot.tick(morning(date(2026, 12, 16)))
    [posted] = escalations(fake_slack)
    assert "före stängningen 2026-12-15" in posted["text"]


async def test_outsiders_cannot_report_a_change(bot, fake_slack, library) -> None:
    person(bot, "UX", "Olle Obehörig")
    _, body = await bot.slack.command("UX", "/storre-andring")
    assert "inte administratör" in body
    view = {"callback_id": "documentation.major_change", "private_metadata": ""}
    _, body = await bot.slack.submit("UX", view, state(library["account"], "Hack", "2026-12-10"))
    assert "account" in json.loads(body)["errors"]
