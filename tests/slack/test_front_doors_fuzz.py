"""Issue 13 items 10 and 11 on `/slack/events` and `/api/messages`: fuzzed payloads, signed
and unsigned, never get a 5xx or a logged traceback, and a refused one changes no row."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import SQLModel

from tests.support.teams_harness import ANNA

# Examples per endpoint and database: the suite runs this on SQLite and PostgreSQL in CI.
EXAMPLES = 40
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["U1", "", "²", "\u0000", "1" * 30, "opening.approve|0", "D1", "home"]),
)
JSON = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(value, JSON)


USER = maybe(st.fixed_dictionaries({"id": st.sampled_from(["U1", "U2", "", "²"])}))
COMMAND = st.dictionaries(
    st.sampled_from(["command", "text", "user_id", "trigger_id", "channel_id", "team_id"]),
    st.one_of(st.sampled_from(["/hjälp", "/mina-konton", "/", "/x" * 40]), st.text(max_size=20)),
    max_size=6,
).map(lambda form: (urlencode(form).encode(), "application/x-www-form-urlencoded"))
INTERACTION = st.fixed_dictionaries(
    {
        "type": maybe(
            st.sampled_from(
                ["block_actions", "view_submission", "shortcut", "message_action", "view_closed"]
            )
        ),
        "user": USER,
    },
    optional={
        "trigger_id": maybe(st.text(max_size=8)),
        "callback_id": maybe(st.sampled_from(["registrera_kommentar", "nytt_konto"])),
        "actions": maybe(
            st.lists(
                st.fixed_dictionaries(
                    {"action_id": maybe(st.sampled_from(["x|0", "opening.approve|1", "|"]))},
                    optional={"value": JSON},
                ),
                max_size=2,
            )
        ),
        "view": maybe(
            st.fixed_dictionaries(
                {"callback_id": maybe(st.sampled_from(["comments.new", "x"]))},
                optional={"state": maybe(st.fixed_dictionaries({"values": JSON})), "type": JSON},
            )
        ),
        "channel": maybe(st.fixed_dictionaries({"id": JSON})),
        "message": JSON,
        "container": JSON,
    },
).map(
    lambda p: (urlencode({"payload": json.dumps(p)}).encode(), "application/x-www-form-urlencoded")
)
EVENT = st.fixed_dictionaries(
    {
        "type": maybe(st.just("event_callback")),
        "event_id": maybe(st.text(min_size=1, max_size=8)),
        "event": maybe(
            st.fixed_dictionaries(
                {
                    "type": maybe(
                        st.sampled_from(
                            ["app_home_opened", "message", "user_change", "file_shared"]
                        )
                    )
                },
                optional={
                    "user": maybe(st.one_of(st.just("U1"), USER)),
                    "channel": JSON,
                    "channel_type": maybe(st.just("im")),
                    "text": JSON,
                    "tab": JSON,
                    "subtype": maybe(st.just("file_share")),
                    "files": JSON,
                    "file_id": JSON,
                    "user_id": JSON,
                    "channel_id": maybe(st.just("D1")),
                },
            )
        ),
    },
    optional={"team_id": JSON, "api_app_id": JSON},
).map(lambda p: (json.dumps(p).encode(), "application/json"))
SLACK_BODY = st.one_of(
    COMMAND,
    INTERACTION,
    EVENT,
    st.tuples(st.binary(max_size=80), st.sampled_from(["application/json", "text/plain"])),
)

TEAMS_ACTIVITY = st.fixed_dictionaries(
    {"type": maybe(st.sampled_from(["message", "invoke", "conversationUpdate"]))},
    optional={
        "id": maybe(st.text(max_size=6)),
        "serviceUrl": maybe(st.just("SERVICE_URL")),
        "channelId": maybe(st.just("msteams")),
        "from": maybe(
            st.fixed_dictionaries(
                {}, optional={"id": maybe(st.just(ANNA.id)), "aadObjectId": JSON, "name": JSON}
            )
        ),
        "recipient": maybe(st.fixed_dictionaries({"id": maybe(st.just("28:smbot-bot"))})),
        "conversation": maybe(
            st.fixed_dictionaries(
                {"id": maybe(st.just(ANNA.chat))}, optional={"conversationType": JSON}
            )
        ),
        "channelData": JSON,
        "text": JSON,
        "name": maybe(st.just("adaptiveCard/action")),
        "value": maybe(
            st.fixed_dictionaries(
                {"action": maybe(st.fixed_dictionaries({"data": JSON, "verb": JSON}))}
            )
        ),
        "attachments": JSON,
        "membersAdded": JSON,
        "action": JSON,
    },
).map(lambda a: json.dumps(a).encode())
TEAMS_BODY = st.one_of(TEAMS_ACTIVITY, st.binary(max_size=80))


def row_counts(harness) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with harness.core.engine.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in SQLModel.metadata.tables.items()
        }


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@FUZZ
@given(body=SLACK_BODY, signed=st.booleans())
async def test_fuzzed_slack_door(bot, fake_slack, caplog, body, signed) -> None:
    fake_slack.add_user("U1", "Anna Andersson")
    caplog.clear()
    before = row_counts(bot)
    status, _ = await bot.slack.post(body[0], body[1], signed=signed)
    assert status < 500, body
    assert tracebacks(caplog) == [], body
    if status >= 400:
        assert row_counts(bot) == before, body


@FUZZ
@given(body=TEAMS_BODY)
async def test_fuzzed_teams_door(teams, caplog, body) -> None:
    caplog.clear()
    before = row_counts(teams)
    body = body.replace(b"SERVICE_URL", teams.connector.url.encode())
    answer = (await teams.teams.post_raw(body, {"Content-Type": "application/json"})).status
    assert answer < 500, body
    assert tracebacks(caplog) == [], body
    if answer >= 400:
        assert row_counts(teams) == before, body
