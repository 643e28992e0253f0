"""Issue 13 on `/api/messages`: odd activities are refused at the door (400, one log line, no
change), and a message whose turn failed (the connector down) is handled on the retry."""

from __future__ import annotations

import copy
import json
import logging

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel

from storage.models import InboundEvent
from tests.support.teams_harness import ANNA, TeamsHarness


def row_counts(teams: TeamsHarness) -> dict[str, int]:
    with teams.core.engine.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in SQLModel.metadata.tables.items()
        }


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def hjalp(teams: TeamsHarness) -> dict:
    return teams.teams._activity(ANNA, "message", teams.teams.personal(ANNA), text="hjälp")


def without_from_id(activity: dict) -> None:
    del activity["from"]["id"]


def odd_channel_data(activity: dict) -> None:
    activity["channelData"] = ["tenant", {"id": 1}]


def huge_card_number(activity: dict) -> None:
    activity["value"] = {"smbot": "action", "action": "x", "value": 10**30}


def conversation_as_text(activity: dict) -> None:
    activity["conversation"] = "a:chat"


def service_url_not_http(activity: dict) -> None:
    activity["serviceUrl"] = "file:///etc/passwd"


SPOILS = [
    without_from_id,
    odd_channel_data,
    huge_card_number,
    conversation_as_text,
    service_url_not_http,
]


@pytest.mark.parametrize("spoil", SPOILS)
async def test_an_odd_activity_is_a_400_and_changes_nothing(teams, caplog, spoil) -> None:
    activity = copy.deepcopy(hjalp(teams))
    spoil(activity)
    before = row_counts(teams)
    answer = await teams.teams.post_raw(
        json.dumps(activity).encode(), {"Content-Type": "application/json"}
    )
    assert answer.status == 400
    assert tracebacks(caplog) == []
    assert row_counts(teams) == before
    assert teams.connector.of("send") == []


async def test_a_message_whose_answer_failed_is_handled_when_teams_retries(teams) -> None:
    activity = hjalp(teams)
    teams.connector.fail("send", 503, times=5)  # the connector is down for a while
    first = await teams.teams.post(activity)
    assert first.status == 500  # not 2xx: the channel delivers it again
    with teams.core.session() as session:
        assert session.exec(select(InboundEvent)).all() == []
    teams.connector.failures.clear()
    retry = await teams.teams.post(activity)
    assert retry.status == 200
    [reply] = teams.connector.to(ANNA.chat)
    assert "Det här kan smbot hjälpa dig med" in reply.text
    again = await teams.teams.post(activity)
    assert again.status == 200
    assert len(teams.connector.to(ANNA.chat)) == 1
