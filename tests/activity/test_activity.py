"""Daily activity: the admins' morning DM, logging posts and look-overs, silence escalation."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calendar import WorkingCalendar
from bot.flows.activity.silence import silent_working_days
from bot.people import find_by_identity
from storage.models import (
    AccountStatus,
    AdminStatus,
)
from tests.conftest import STOCKHOLM
from tests.support.accounts_db import Admin, active_account

# Activated on Monday 2026-11-30; the clock fixture stands at Tue 2026-12-01 09:00.
ACTIVATED = datetime(2026, 11, 30, 10, 0, tzinfo=STOCKHOLM)


def at(day: str, clock_time: str = "09:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock_time}").replace(tzinfo=STOCKHOLM)


def dms(fake_slack) -> dict[str, list[dict]]:
    """Every DM posted, by Slack user."""
    found: dict[str, list[dict]] = {}
    for call in fake_slack.calls_to("chat.postMessage"):
        channel = call.args.get("channel", "")
        if channel.startswith("D"):
            found.setdefault(channel[1:], []).append(call.args)
    return found


def buttons(args: dict) -> list[dict]:
    return [e for b in args["blocks"] if b["type"] == "actions" for e in b["elements"]]


def notices(fake_slack, user: str) -> list[str]:
    return [
        c.args["text"] for c in fake_slack.calls_to("chat.postEphemeral") if c.args["user"] == user
    ]


@pytest.fixture
def accounts(bot, fake_slack):
    """Biblioteket (Anna, Bo), Simhallen (Anna, Cecilia), and people who must get nothing."""
    for user, name in [("UANNA", "Anna Andersson"), ("UBO", "Bo Berg"), ("UCEC", "Cecilia Ek")]:
        fake_slack.add_user(user, name)
    with bot.core.session() as session:
        library = active_account(
            session,
            "Biblioteket",
            [Admin("UANNA", "Anna Andersson"), Admin("UBO", "Bo Berg")],
            ACTIVATED,
        )
        pool = active_account(
            session,
            "Simhallen",
            [
                Admin("UANNA", "Anna Andersson"),
                Admin("UCEC", "Cecilia Ek"),
                Admin("UNOM", "Nils Nominerad", AdminStatus.NOMINATED),
                Admin("UGONE", "Greta Gått"),
            ],
            ACTIVATED,
            platform="instagram",
        )
        gone = find_by_identity(session, "slack", "UGONE")
        assert gone is not None
        gone.departed_at = ACTIVATED
        session.add(gone)
        active_account(
            session,
            "Ansökan",
            [Admin("UPEND", "Per Pending")],
            ACTIVATED,
            status=AccountStatus.PENDING,
        )
        return {"library": library.id, "pool": pool.id}


CALENDAR = WorkingCalendar(STOCKHOLM)


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(0, 30),
    st.integers(1, 5),
)
def test_silent_days_are_the_working_days_strictly_between(since: date, gap: int, cap: int):
    today = since + timedelta(days=gap)
    between = [since + timedelta(days=n) for n in range(1, gap)]
    expected = sum(CALENDAR.is_working_day(day) for day in between)
    assert silent_working_days(CALENDAR, since, today, cap) == min(expected, cap)
