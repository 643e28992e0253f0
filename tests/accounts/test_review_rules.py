"""The yearly follow-up through the console backend: ACCOUNT_REVIEW_INTERVAL_MONTHS after
activation (or the last review) the owner and the manager are asked; a reminder, then an
escalation to the communicators; the next review counts from the last one. Every refusal."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from bot import router, texts
from bot.app import build_registry
from bot.flows import activity
from bot.flows.accounts import names
from handlers.console.bot import ConsoleBot
from handlers.console.inbox import CHANNEL
from storage.models import AccountReview
from tests.conftest import DEFAULT_NOW, STOCKHOLM
from tests.support.console_accounts import active_account
from tests.support.console_backend import console_fixture
from tests.support.lifecycle import (
    account,
    at,
    audit_actions,
    days,
    new_titles,
    open_escalations,
)

A = texts.accounts
LABEL = "Forshaga bibliotek (Facebook)"
# A year before Thursday 10 December 2026.
ACTIVATED = datetime(2025, 12, 10, 10, 0, tzinfo=STOCKHOLM)

# Only the follow-up's messages are looked at; daily activity has its own tests.
console = console_fixture(lambda: build_registry().without_sweeps(*activity.SWEEP_NAMES))


@pytest.fixture
def library(console: ConsoleBot) -> int:
    return active_account(
        console, "Forshaga bibliotek", ["@anna", "@bertil"], ACTIVATED, manager="@cecilia"
    )


def review_titles(bot: ConsoleBot) -> dict[str, list[str]]:
    found = {
        board: [t for t in got if "uppföljning" in t.lower()]
        for board, got in new_titles(bot).items()
    }
    return {board: got for board, got in found.items() if got}


def reviews(bot: ConsoleBot) -> list[AccountReview]:
    with bot.core.session() as session:
        return list(session.exec(select(AccountReview).order_by(AccountReview.id)).all())


def press(bot: ConsoleBot, handle: str, action: str, value: int) -> router.Reply:
    return bot.act(handle, router.Press(action, str(value)))


def test_owner_and_manager_confirm_reminded_and_escalated(
    console: ConsoleBot, library: int
) -> None:
    console.tick(at(date(2026, 12, 9), 9))
    assert review_titles(console) == {}
    console.tick(at(date(2026, 12, 10), 9))
    console.tick(at(date(2026, 12, 10), 14))  # a later tick asks nobody twice
    assert review_titles(console) == {
        "anna": [A.REVIEW_OWNER_TITLE.format(account=LABEL)],
        "cecilia": [A.REVIEW_MANAGER_TITLE.format(account=LABEL)],
    }
    [review] = reviews(console)
    assert review.due_on == date(2026, 12, 10)
    asked = console.read("@anna")
    assert A.REVIEW_OK_BUTTON in asked and A.REVIEW_CLOSE_BUTTON in asked
    assert "ändra konto" in asked  # the command for changes, as typed on this platform
    # **Ändra kontot** opens the change form with this account chosen; only for its owner.
    change = console.press("@anna", A.REVIEW_CHANGE_BUTTON).form
    assert change is not None and change.fields[0].initial == str(library)
    refused = press(console, "@bertil", names.CHANGE_OPEN, library)
    assert refused.form is None and refused.notice == A.CHANGE_NOTHING_TO_CHANGE

    # Refusals: not the owner, not the manager, nothing changes.
    assert press(console, "@bertil", names.REVIEW_OK, review.id).notice == A.REVIEW_ONLY_OWNER
    assert press(console, "@kim", names.REVIEW_CLOSE, review.id).notice == A.REVIEW_ONLY_OWNER
    refused = press(console, "@anna", names.REVIEW_MANAGER_OK, review.id)
    assert refused.notice == A.REVIEW_ONLY_MANAGER
    assert press(console, "@anna", names.REVIEW_OK, 999).notice == A.REVIEW_UNKNOWN
    assert reviews(console)[0].owner_confirmed_at is None

    console.press("@anna", A.REVIEW_OK_BUTTON)
    assert console.notices("@anna")[-1] == A.REVIEW_OK_NOTICE.format(account=LABEL)
    assert press(console, "@anna", names.REVIEW_OK, review.id).notice == A.REVIEW_ALREADY
    review_titles(console)

    # The manager stays silent: a reminder after two working days, the communicators after five.
    seen = {}
    for day in days(date(2026, 12, 11), date(2026, 12, 17)):
        console.tick(at(day, 9))
        got = review_titles(console)
        if got:
            seen[day] = got
    assert seen[date(2026, 12, 14)] == {"cecilia": [A.REVIEW_REMIND_TITLE.format(account=LABEL)]}
    [escalated] = [d for d, boards in seen.items() if CHANNEL in boards]
    assert escalated == date(2026, 12, 17)
    assert "review-stalled" in open_escalations(console)

    console.press("@cecilia", A.REVIEW_MANAGER_BUTTON)
    done = reviews(console)[0]
    assert done.done_at == console.core.now() and done.manager_confirmed_at is not None
    assert "review-stalled" not in open_escalations(console)
    assert audit_actions(console) == [
        "accounts.review_asked",
        "accounts.review_confirmed",
        "accounts.review_confirmed",
    ]

    # The next follow-up counts from this one: not a day before 17 December 2027.
    console.tick(at(date(2027, 12, 16), 9))
    assert len(reviews(console)) == 1
    console.tick(at(date(2027, 12, 17), 9))
    assert [r.due_on for r in reviews(console)] == [date(2026, 12, 10), date(2027, 12, 17)]


def test_owner_chooses_to_close_instead(console: ConsoleBot, library: int) -> None:
    console.tick(at(date(2026, 12, 10), 9))
    reply = console.press("@anna", A.REVIEW_CLOSE_BUTTON)
    assert reply.form is not None and reply.form.id == names.CLOSE
    assert reply.form.fields[0].initial == str(library)
    assert console.fill("@anna", reason="Behövs inte längre").ok
    assert account(console, library).closing_started_at is not None
    assert reviews(console)[0].done_at is not None
    # The review is answered by the closing: no reminder, no escalation for it.
    for day in days(date(2026, 12, 11), date(2026, 12, 18)):
        console.tick(at(day, 9))
    assert "review-stalled" not in open_escalations(console)
    review = reviews(console)[0]
    assert press(console, "@anna", names.REVIEW_OK, review.id or 0).notice == A.REVIEW_ALREADY


def test_the_deprecated_environment_name_still_sets_the_interval(database_url: str) -> None:
    """ACCOUNT_REVIEW_INTERVAL_MONTHS=6 overrides the guideline's 12 (with a warning)."""
    with pytest.warns(DeprecationWarning, match="ACCOUNT_REVIEW_INTERVAL_MONTHS"):
        bot = ConsoleBot.start(database_url, now=DEFAULT_NOW, account_review_interval_months=6)
    try:
        assert bot.core.guideline.rules.account_review_interval_months == 6
        half_year_ago = datetime(2026, 6, 10, 10, 0, tzinfo=STOCKHOLM)
        active_account(bot, "Forshaga simhall", ["@anna", "@bertil"], half_year_ago)
        bot.tick(at(date(2026, 12, 9), 9))
        assert reviews(bot) == []
        bot.tick(at(date(2026, 12, 10), 9))
        assert [r.due_on for r in reviews(bot)] == [date(2026, 12, 10)]
    finally:
        bot.close()
