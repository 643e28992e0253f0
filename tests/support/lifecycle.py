"""Shared by the account-lifecycle tests (pause, closing, review) on the console backend."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import select

from bot.flows.comments.intake import Incoming, receive
from handlers.console.bot import ConsoleBot
from handlers.console.inbox import CHANNEL
from storage.models import Account, AuditEntry, Escalation, EscalationStatus
from tests.conftest import STOCKHOLM
from tests.support.console_accounts import active_account

# Recent enough that no documentation falls due in these tests (due 2027-04-01).
ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def library(bot: ConsoleBot) -> int:
    """Anna (owner) and Bertil run the library's account; Cecilia is their manager."""
    return active_account(
        bot, "Forshaga bibliotek", ["@anna", "@bertil"], ACTIVATED, manager="@cecilia"
    )


def account(bot: ConsoleBot, account_id: int) -> Account:
    with bot.core.session() as session:
        row = session.get(Account, account_id)
        assert row is not None
        return row


def titles(bot: ConsoleBot, handle: str) -> list[str]:
    return [m.title or "" for m in (bot.channel() if handle == CHANNEL else bot.inbox(handle))]


def new_titles(bot: ConsoleBot) -> dict[str, list[str]]:
    """The titles of what arrived (or was edited) since the last look, by inbox."""
    found: dict[str, list[str]] = {}
    for delivered in bot.drain():
        found.setdefault(delivered.board, []).append(delivered.message.title or "")
    return found


def audit_actions(bot: ConsoleBot, prefix: str = "accounts.") -> list[str]:
    with bot.core.session() as session:
        entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [e.action for e in entries if e.action.startswith(prefix)]


def audit_entry(bot: ConsoleBot, action: str) -> AuditEntry:
    with bot.core.session() as session:
        return session.exec(select(AuditEntry).where(AuditEntry.action == action)).one()


def open_escalations(bot: ConsoleBot) -> list[str]:
    with bot.core.session() as session:
        rows = session.exec(
            select(Escalation).where(Escalation.status != EscalationStatus.RESOLVED)
        ).all()
        return [e.kind for e in rows]


def comment_arrives(bot: ConsoleBot, account_id: int, external_id: str, text: str) -> int:
    """A visitor's comment as the Meta webhook hands it to the core."""
    with bot.core.session() as session:
        comment = receive(
            session,
            bot.core,
            account_id,
            Incoming(platform="facebook", external_id=external_id, text=text, author_name="Vera"),
        )
        assert comment is not None and comment.id is not None
        return comment.id
