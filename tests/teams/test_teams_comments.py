"""Comments in Teams: the due-day alert card through `tick`, evidence before removal via the
category form, answered; strangers refused; the card edited in place."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from bot import texts
from bot.flows.comments.intake import Incoming, receive
from handlers.teams import texts as teams_texts
from storage.models import Comment, CommentStatus, Evidence
from tests.conftest import STOCKHOLM
from tests.fakes.bot_connector import card_buttons
from tests.support.teams_accounts import active_account
from tests.support.teams_harness import ANNA, CECILIA, EVE, TeamsHarness
from tests.support.teams_requests import button as card_button

T = texts.comments


async def test_a_comment_alert_in_teams_evidence_then_removed(teams: TeamsHarness) -> None:
    for user in (ANNA, CECILIA, EVE):
        await teams.teams.install(user)
    await teams.dispatch()
    account_id = active_account(teams, "Biblioteket", [ANNA, CECILIA])
    with teams.core.session() as session:
        comment = receive(
            session,
            teams.core,
            account_id,
            Incoming(
                platform="facebook",
                external_id="c-1",
                text="Ni borde skämmas, jag vet var ni bor.",
                author_name="Troll Trollsson",
                permalink="https://facebook.example/c-1",
            ),
        )
        assert comment is not None
        comment_id = comment.id
    teams.connector.clear()

    # Wednesday morning, the due day: one alert card per admin.
    await teams.tick(datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM))
    await teams.tick(datetime(2026, 12, 2, 9, 30, tzinfo=STOCKHOLM))
    [alert] = [m for m in teams.connector.to(ANNA.chat) if "Kommentar att besvara" in m.text]
    assert (
        len([m for m in teams.connector.to(CECILIA.chat) if "Kommentar att besvara" in m.text]) == 1
    )
    labels = [b["title"] for b in card_buttons(alert.card)]
    assert labels[:2] == [T.BUTTON_ANSWERED, T.BUTTON_FORWARD]
    assert T.BUTTON_ILLEGAL in labels

    illegal = next(b for b in card_buttons(alert.card) if b["title"] == T.BUTTON_ILLEGAL)
    forged = await teams.teams.execute(EVE, illegal["verb"], illegal["data"], alert.activity_id)
    assert forged.status == 200 and forged.text
    with teams.core.session() as session:
        assert session.exec(select(Evidence)).all() == []

    # The category form opens in Anna's chat; submitting it saves the evidence first.
    teams.connector.clear()
    opened = await teams.teams.execute(ANNA, illegal["verb"], illegal["data"], alert.activity_id)
    assert opened.text == teams_texts.FORM_BELOW
    form = teams.connector.to(ANNA.chat)[-1].card
    [submit] = form["actions"]
    answer = await teams.teams.execute(
        ANNA, "smbot.form", {**submit["data"], "in_category": "olaga_hot"}
    )
    assert answer.status == 200
    with teams.core.session() as session:
        [evidence] = session.exec(select(Evidence)).all()
        assert evidence.comment_id == comment_id
    await teams.dispatch()
    edited = [u for u in teams.connector.of("update") if u.activity_id == alert.activity_id]
    assert edited and T.BUTTON_REMOVED in [b["title"] for b in card_buttons(edited[-1].card)]

    removed = card_button(edited[-1].card, T.BUTTON_REMOVED)
    await teams.teams.execute(ANNA, removed["verb"], removed["data"], alert.activity_id)
    with teams.core.session() as session:
        assert session.get(Comment, comment_id).status == CommentStatus.REMOVED


async def test_ny_kommentar_picks_the_arrival_with_a_date_and_a_time(teams: TeamsHarness) -> None:
    """Input.Date and Input.Time at now (local time); checked as on Slack: not in the future,
    both halves needed; the comment's deadline counts from the time picked."""
    for user in (ANNA, CECILIA):
        await teams.teams.install(user)
    await teams.dispatch()
    account_id = active_account(teams, "Biblioteket", [ANNA, CECILIA])
    teams.connector.clear()
    await teams.teams.message(ANNA, "ny kommentar")
    form = teams.connector.to(ANNA.chat)[-1].card
    assert form is not None
    day, time = [e for e in form["body"] if e.get("id", "").startswith("in_received")]
    assert (day["type"], day.get("value")) == ("Input.Date", "2026-12-01")
    assert (time["type"], time.get("value")) == ("Input.Time", "09:00")
    assert "ÅÅÅÅ" not in str(form)
    [submit] = form["actions"]

    async def send(date: str, clock: str):  # type: ignore[no-untyped-def]
        data = {
            **submit["data"],
            "in_account": str(account_id),
            "in_text": "Har ni öppet på lördag?",
            "in_received": date,
            "in_received__time": clock,
        }
        return await teams.teams.execute(ANNA, "smbot.form", data)

    for date, clock, error in (
        ("2026-12-01", "09:30", T.NEW_RECEIVED_FUTURE),
        ("2026-12-01", "", T.NEW_RECEIVED_INVALID),
        ("", "14:30", T.NEW_RECEIVED_INVALID),
        ("igår", "14:30", T.NEW_RECEIVED_INVALID),
    ):
        refused = await send(date, clock)
        assert refused.card is not None and error in str(refused.card), (date, clock)
    with teams.core.session() as session:
        assert session.exec(select(Comment)).all() == []
    assert (await send("2026-11-27", "16:00")).status == 200
    with teams.core.session() as session:
        [comment] = session.exec(select(Comment)).all()
    assert comment.received_at == datetime(2026, 11, 27, 16, 0, tzinfo=STOCKHOLM)
