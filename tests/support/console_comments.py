"""Comments through the console backend: an account, a comment registered by hand, its alert.

`ny-kommentar` is the platform-neutral intake (the webhooks have their own tests); a
comment holding a personnummer is alerted at once, any other on the morning it is due.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import SQLModel, func, select

from handlers.console.bot import ConsoleBot
from storage.models import AuditEntry, Comment
from tests.conftest import STOCKHOLM
from tests.support.console_accounts import active_account

ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)
# The morning after DEFAULT_NOW (Tuesday 09:00): a comment from Tuesday is due Wednesday.
DUE_MORNING = datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM)
DEADLINE = datetime(2026, 12, 2, 17, 0, tzinfo=STOCKHOLM)
PROPER = "Vi har öppet till 20 i kväll. /Anna Andersson, bibliotekarie"
# Valid (Luhn) personnummer; tests/rules/test_personnummer.py has the table.
PNR = "811218-9876"


def library(bot: ConsoleBot) -> int:
    """Anna (owner) and Bo run the library's Facebook page."""
    return active_account(bot, "Forshaga bibliotek", ["@anna", "@bo"], ACTIVATED)


def register_comment(bot: ConsoleBot, account_id: int, text: str, by: str = "@anna") -> int:
    """A comment registered by hand (`ny-kommentar`), arrived now; returns its id."""
    assert bot.say(by, "ny-kommentar").form is not None
    reply = bot.fill(by, account=str(account_id), author="Vera Väljare", text=text)
    assert reply.ok, reply.errors
    with bot.core.session() as session:
        return max(session.exec(select(Comment.id)).all())  # type: ignore[type-var]


def comment(bot: ConsoleBot, comment_id: int) -> Comment:
    with bot.core.session() as session:
        found = session.get(Comment, comment_id)
        assert found is not None
        return found


def audited(bot: ConsoleBot, prefix: str = "comment.") -> list[tuple[str, dict[str, Any]]]:
    with bot.core.session() as session:
        rows = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()  # type: ignore[arg-type]
        return [(r.action, dict(r.detail or {})) for r in rows if r.action.startswith(prefix)]


def row_counts(bot: ConsoleBot) -> dict[str, int]:
    """Rows in every table: to show that a request saved nothing."""
    with bot.core.session() as session:
        return {
            table.name: session.exec(select(func.count()).select_from(table)).one()
            for table in SQLModel.metadata.sorted_tables
        }
