"""`översikt` for communicators: the Slack App Home section and the Teams card, each item
with its button; a press from the App Home takes the escalation. On a year of a
municipality (open escalations, accounts needing attention) plus a waiting application."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from bot import texts
from storage.models import Escalation, EscalationStatus
from tests.fakes.bot_connector import card_buttons
from tests.support.opening_helpers import APPLICANT, COMMUNICATOR, add_people, apply
from tests.support.reports_year import build_year
from tests.support.slack_messages import buttons
from tests.support.teams_harness import EVE, KIM, TeamsHarness


@pytest.fixture
async def year_bot(bot, fake_slack, tmp_path: Path):  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    with bot.core.session() as session:
        build_year(session, tmp_path / "arkiv")
    await apply(bot, fake_slack)  # waits for the manager
    await bot.dispatch()
    return bot


async def home_of(bot, fake_slack, user: str) -> dict:  # type: ignore[no-untyped-def]
    await bot.slack.event({"type": "app_home_opened", "user": user, "tab": "home"})
    return fake_slack.calls_to("views.publish")[-1].args["view"]


async def test_the_app_home_of_a_communicator_shows_what_waits_with_buttons(year_bot, fake_slack):
    home = await home_of(year_bot, fake_slack, COMMUNICATOR)
    text = json.dumps(home["blocks"], ensure_ascii=False)
    assert "Översikt för kommunikatörerna" in text
    assert "Olösta eskaleringar (2)" in text and "ingen har tagit den" in text
    assert "Ansökningar som väntar (1)" in text and "Forshaga bibliotek" in text
    assert "Konton som behöver åtgärd (2)" in text
    labels = [b["text"]["text"] for b in buttons(home)]
    assert sum(label.startswith("Jag tar den:") for label in labels) == 2
    assert "Kontoregistret" in labels

    take = next(b for b in buttons(home) if b["text"]["text"].startswith("Jag tar den:"))
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": COMMUNICATOR, "team_id": "T1"},
        "api_app_id": "A1",
        "trigger_id": "trig.home",
        "container": {"type": "view", "view_id": "VH"},
        "view": {"id": "VH", "type": "home", "blocks": home["blocks"]},
        "actions": [{"type": "button", "action_id": take["action_id"], "value": take["value"],
                     "block_id": "b", "action_ts": "1.1"}],
    }  # fmt: skip
    status, _ = await year_bot.slack.interactive(payload)
    assert status == 200
    with year_bot.core.session() as session:
        taken = session.get(Escalation, int(take["value"]))
        assert taken is not None and taken.status == EscalationStatus.TAKEN
    text = json.dumps(fake_slack.calls_to("views.publish")[-1].args["view"], ensure_ascii=False)
    assert "tas om hand av Kim Kommunikatör" in text


async def test_anyone_else_sees_no_overview(year_bot, fake_slack):
    home = await home_of(year_bot, fake_slack, APPLICANT)
    assert "Översikt för kommunikatörerna" not in json.dumps(home, ensure_ascii=False)
    _status, body = await year_bot.slack.command(APPLICANT, "/oversikt", "")
    assert body == texts.common.COMMUNICATORS_ONLY


async def test_the_register_button_brings_the_register(year_bot, fake_slack):
    _status, body = await year_bot.slack.command(COMMUNICATOR, "/oversikt", "")
    answer = json.loads(body)
    button = next(b for b in buttons(answer) if b["text"]["text"] == "Kontoregistret")
    await year_bot.slack.press(COMMUNICATOR, button["action_id"], button["value"], channel="C0GEN")
    await year_bot.dispatch()
    assert len(fake_slack.shared_files("D" + COMMUNICATOR)) == 2


@pytest.fixture
async def teams(database_url, fake_slack, clock, fake_connector):  # type: ignore[no-untyped-def]
    harness = TeamsHarness(
        database_url, fake_slack, clock, fake_connector, communicators=[KIM.email]
    )
    await harness.start()
    yield harness
    await harness.stop()


async def test_the_teams_card(teams: TeamsHarness, tmp_path: Path) -> None:
    with teams.core.session() as session:
        build_year(session, tmp_path / "arkiv")
    await teams.teams.message(EVE, "översikt")
    [refused] = teams.connector.to(EVE.chat)
    assert refused.text == texts.common.COMMUNICATORS_ONLY
    await teams.teams.message(KIM, "översikt")
    [card] = teams.connector.to(KIM.chat)
    assert "Olösta eskaleringar (2)" in card.text
    assert "Konton som behöver åtgärd (2)" in card.text
    titles = [a["title"] for a in card_buttons(card.card)]
    assert sum(t.startswith("Jag tar den:") for t in titles) == 2 and "Kontoregistret" in titles
    with teams.core.session() as session:
        assert len(session.exec(select(Escalation)).all()) == 4
