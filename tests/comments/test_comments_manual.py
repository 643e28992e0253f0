"""Registering a comment by hand: `/ny-kommentar` and the `registrera_kommentar` shortcut."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storage.models import CommentStatus
from tests.support.comments_support import (
    add_communicator,
    at,
    comment_posts,
    comments,
    dms,
    make_account,
    opened_views,
)
from tests.support.harness import COMMUNICATORS_CHANNEL
from tests.support.slack_requests import datetime_value, select_value, text_value


def filled(
    account_id: int,
    text: str = "Varför är vägen inte plogad?",
    received: Any = None,
    **extra: str,
) -> dict:
    """The modal's state; `received` is what the datetimepicker sends (epoch seconds)."""
    values = {
        "account": select_value(str(account_id)),
        "author": text_value(extra.get("author", "Sven Svensson")),
        "text": text_value(text),
        "link": text_value(extra.get("link", "https://www.facebook.com/forshaga/posts/1")),
        "received": datetime_value(received),
    }
    return values


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


async def open_form(bot, fake_slack, user: str = "UANNA") -> dict:  # type: ignore[no-untyped-def]
    await bot.slack.command(user, "/ny-kommentar")
    return opened_views(fake_slack)[-1]


async def test_an_admin_registers_a_comment_with_its_arrival_time(bot, fake_slack) -> None:
    account_id = make_account(bot, fake_slack)
    view = await open_form(bot, fake_slack)
    assert view["callback_id"] == "comments.new"
    account_field = view["blocks"][1]["element"]
    assert account_field["initial_option"]["value"] == str(account_id)  # the only choice
    # The arrival is picked, not typed: a datetimepicker at now (Tuesday 1 December, 09:00).
    [picker] = [b["element"] for b in view["blocks"] if b.get("block_id") == "received"]
    assert picker == {
        "type": "datetimepicker",
        "action_id": "value",
        "initial_date_time": epoch(at(2026, 12, 1, 9, 0)),
    }
    status, body = await bot.slack.submit(
        "UANNA", view, filled(account_id, received=epoch(at(2026, 11, 27, 16, 0)))
    )
    assert status == 200 and body == ""
    [comment] = comments(bot)
    assert comment.source == "manual" and comment.registered_manually_by_id is not None
    assert comment.author_name == "Sven Svensson"
    assert comment.permalink == "https://www.facebook.com/forshaga/posts/1"
    assert comment.received_at == at(2026, 11, 27, 16, 0)
    assert comment.deadline == at(2026, 11, 30, 17, 0)  # Friday → Monday, already past
    # The confirmation is shown to her where she typed /ny-kommentar, not in her DM.
    assert fake_slack.calls_to("chat.postMessage") == []
    [told] = [c.args for c in fake_slack.calls_to("chat.postEphemeral")]
    assert told["channel"] == "C0GEN" and told["user"] == "UANNA"
    assert told["text"] == "Kommentaren är sparad (nr 1). Svara senast 2026-11-30 17:00."
    await bot.tick()
    # Overdue at once: the admins' alert and the communicators' escalation.
    assert len(dms(fake_slack, "UANNA")) == 1 and len(dms(fake_slack, "UBO")) == 1
    [escalation] = [m for m in comment_posts(fake_slack) if m["channel"] == COMMUNICATORS_CHANNEL]
    assert "senast 2026-11-30 17:00" in escalation["text"]


async def test_left_at_now_or_without_a_time_it_arrived_now(bot, fake_slack) -> None:
    account_id = make_account(bot, fake_slack)
    view = await open_form(bot, fake_slack)
    await bot.slack.submit("UANNA", view, filled(account_id, link=""))
    now = epoch(at(2026, 12, 1, 9, 0))
    await bot.slack.submit("UANNA", view, filled(account_id, received=now))
    first, second = comments(bot)
    assert first.received_at == second.received_at == at(2026, 12, 1, 9, 0)
    assert first.permalink is None and first.status == CommentStatus.OPEN


async def test_bad_input_is_shown_inline_and_nothing_is_saved(bot, fake_slack) -> None:
    account_id = make_account(bot, fake_slack)
    view = await open_form(bot, fake_slack)
    cases = [
        (
            filled(account_id, received=epoch(at(2026, 12, 1, 9, 30))),
            "received",
            "Tiden kan inte ligga i framtiden.",
        ),
        (filled(account_id, link="www.example.se"), "link", "Länken måste börja med"),
        (filled(account_id, text="  "), "text", "Skriv kommentarens text."),
        (filled(account_id, text="x" * 5001), "text", "högst 5000"),
        (filled(999), "account", "Välj ett konto."),
    ]
    for values, field, message in cases:
        _status, body = await bot.slack.submit("UANNA", view, values)
        errors = json.loads(body)["errors"]
        assert message in errors[field], (field, errors)
    assert comments(bot) == []


async def test_a_picker_value_of_the_wrong_shape_is_refused_at_the_door(bot, fake_slack) -> None:
    """Slack sends epoch seconds as a number; anything else is no datetimepicker's: 400."""
    account_id = make_account(bot, fake_slack)
    view = await open_form(bot, fake_slack)
    for forged in ("2026-11-27 16:00", -1, 10**12, 1.5, True):
        status, _ = await bot.slack.submit("UANNA", view, filled(account_id, received=forged))
        assert status == 400, forged
    assert comments(bot) == []


async def test_only_admins_of_the_account_or_communicators_register(bot, fake_slack) -> None:
    add_communicator(fake_slack)
    fake_slack.add_user("UOLLE", "Olle Obehörig")
    first = make_account(bot, fake_slack)
    second = make_account(bot, fake_slack, "Forshaga simhall", admins=("USIM",))
    _, body = await bot.slack.command("UOLLE", "/ny-kommentar")
    assert body.startswith("Du är inte administratör för något aktivt konto")
    # A forged submission for someone else's account is refused.
    view = await open_form(bot, fake_slack)
    _, body = await bot.slack.submit("UANNA", view, filled(second))
    assert json.loads(body)["errors"] == {"account": "Du är inte administratör för det kontot."}
    assert comments(bot) == []
    # A communicator chooses among all active accounts.
    view = await open_form(bot, fake_slack, "UKOMM")
    options = [o["value"] for o in view["blocks"][1]["element"]["options"]]
    assert options == [str(first), str(second)]
    await bot.slack.submit("UKOMM", view, filled(second))
    assert [c.account_id for c in comments(bot)] == [second]


async def test_a_confidential_comment_by_hand_alerts_at_once(bot, fake_slack) -> None:
    account_id = make_account(bot, fake_slack)
    view = await open_form(bot, fake_slack)
    await bot.slack.submit("UANNA", view, filled(account_id, text="Mitt pnr är 19811218-9876"))
    await bot.dispatch()
    # The receipt where she typed /ny-kommentar; the alert in each admin's DM.
    [notice] = [
        c.args
        for c in fake_slack.calls_to("chat.postEphemeral")
        if c.args["text"].startswith("Kommentaren är sparad")
    ]
    assert notice["channel"] == "C0GEN" and notice["user"] == "UANNA"
    assert "innehåller ett personnummer" in notice["text"]
    for admin in ("UANNA", "UBO"):
        [alert] = dms(fake_slack, admin)
        shown = json.dumps(alert, ensure_ascii=False)
        assert "19811218-9876" not in shown and "ÅÅMMDD-XXXX" in shown


async def test_the_message_shortcut_fills_in_the_text(bot, fake_slack) -> None:
    make_account(bot, fake_slack)
    status, _ = await bot.slack.shortcut(
        "UANNA", "registrera_kommentar", message_text="Någon skrev: när töms soporna?"
    )
    assert status == 200
    [view] = opened_views(fake_slack)
    assert view["callback_id"] == "comments.new"
    text_block = next(b for b in view["blocks"] if b.get("block_id") == "text")
    assert text_block["element"]["initial_value"] == "Någon skrev: när töms soporna?"


async def test_the_shortcut_refuses_someone_without_accounts_by_dm(bot, fake_slack) -> None:
    make_account(bot, fake_slack)
    fake_slack.add_user("UOLLE", "Olle Obehörig")
    await bot.slack.shortcut("UOLLE", "registrera_kommentar", message_text="Något")
    assert opened_views(fake_slack) == []
    [told] = fake_slack.messages_to("DUOLLE")  # a DM, through the outbox
    assert told["text"].startswith("Du är inte administratör för något aktivt konto")
