"""What pause, closing and the yearly review share: which accounts a person may act on, and
how an account's place in its life reads (paused until, closing since, closed)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.flows.account_choice import account_field
from bot.messages import FormField
from bot.router import Context
from storage.models import LIVE_STATUSES, Account, AccountStatus

A = texts.accounts


def is_closing(account: Account) -> bool:
    """Closing started (and not yet closed): no posting reminders, no new pause or review."""
    return account.closing_started_at is not None and account.status in LIVE_STATUSES


def pause_waiting(account: Account) -> bool:
    """The owner asked for a pause that no communicator has decided on yet."""
    return (
        account.status == AccountStatus.ACTIVE
        and account.pause_requested_at is not None
        and account.pause_approved_by_id is None
    )


def live_accounts(session: Session) -> list[Account]:
    """Accounts still out there and not being closed, by name."""
    return list(
        session.exec(
            select(Account)
            .where(
                col(Account.status).in_(LIVE_STATUSES), col(Account.closing_started_at).is_(None)
            )
            .order_by(col(Account.name), col(Account.id))
        ).all()
    )


def owned_accounts(session: Session, person_id: int) -> list[Account]:
    return [a for a in live_accounts(session) if a.owner_id == person_id]


def chosen_account(ctx: Context, values: dict[str, Any], allowed: list[Account]) -> Account | None:
    """The form's account, if it is one of those offered to this person (checked again now)."""
    raw = str(values.get("account") or "")
    return next((a for a in allowed if str(a.id) == raw), None)


def account_select(accounts: list[Account], chosen: int | None = None) -> FormField:
    return account_field(accounts, A.LABEL_ACCOUNT, chosen=chosen)


def reason_field() -> FormField:
    return FormField(id="reason", label=A.LABEL_REASON, kind="textarea", max_length=500)


def when(core: Core, moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(core.settings.tz).strftime("%Y-%m-%d %H:%M")


def state_note(core: Core, account: Account) -> str | None:
    """How the register and `mina-konton` say where the account is in its life, if anywhere
    special: paused, a pause asked for, closing, closed (with date and reason)."""
    if account.status == AccountStatus.CLOSED and account.closed_at is not None:
        return A.STATE_CLOSED.format(
            date=core.calendar.local_date(account.closed_at).isoformat(),
            reason=account.closing_reason or "–",
        )
    if is_closing(account):
        assert account.closing_started_at is not None
        return A.STATE_CLOSING.format(
            date=core.calendar.local_date(account.closing_started_at).isoformat(),
            reason=account.closing_reason or "–",
        )
    if account.status == AccountStatus.PAUSED and account.pause_until is not None:
        return A.STATE_PAUSED.format(
            until=account.pause_until.isoformat(), reason=account.pause_reason or "–"
        )
    if pause_waiting(account) and account.pause_until is not None:
        return A.STATE_PAUSE_ASKED.format(until=account.pause_until.isoformat())
    return None
