"""When an account is due for documentation, derived from what is stored.

Due date = the local date of the last archived file (or of activation, if none yet)
plus DOCUMENTATION_INTERVAL_MONTHS. Reminders go DOCUMENTATION_FIRST_REMINDER_DAYS days
before (moved back to a working day) and on the last working day before the due date.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.calendar import WorkingCalendar
from bot.core import Core
from storage.models import LIVE_STATUSES, Account, DocumentationFile


def add_months(day: date, months: int) -> date:
    """Same day of the month `months` later; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def last_documented_at(session: Session, account_id: int) -> datetime | None:
    return session.exec(
        select(DocumentationFile.uploaded_at)
        .where(DocumentationFile.account_id == account_id)
        .order_by(col(DocumentationFile.uploaded_at).desc())
        .limit(1)
    ).first()


def documented_since(session: Session, account_id: int, since: datetime) -> bool:
    last = last_documented_at(session, account_id)
    return last is not None and last >= since


def due_date(session: Session, core: Core, account: Account) -> date | None:
    """None for an account that was never activated."""
    assert account.id is not None
    return due_from(core, account, last_documented_at(session, account.id))


def due_from(core: Core, account: Account, last: datetime | None) -> date | None:
    """The due date given the account's last archived file (None: never archived)."""
    interval = core.guideline.rules.documentation_interval_months
    if last is None and account.registered_at is not None:
        # An account that existed before smbot: due from its last documentation, or now.
        if account.documented_before_on is None:
            return core.calendar.local_date(account.registered_at)
        return add_months(account.documented_before_on, interval)
    base = last or account.activated_at
    if base is None:
        return None
    return add_months(core.calendar.local_date(base), interval)


def active_due_dates(session: Session, core: Core) -> list[tuple[Account, date]]:
    """Every active, activated account with its due date (`due_date`), in one query."""
    last = (
        select(func.max(DocumentationFile.uploaded_at))
        .where(col(DocumentationFile.account_id) == col(Account.id))
        .scalar_subquery()
    )
    rows = session.exec(
        select(Account, last)
        # Paused accounts are still published; a closing asks for its final one itself.
        .where(col(Account.status).in_(LIVE_STATUSES), col(Account.closing_started_at).is_(None))
        .order_by(col(Account.id))
    ).all()
    found = []
    for account, documented in rows:
        due = due_from(core, account, documented)
        if due is not None:
            found.append((account, due))
    return found


@dataclass(frozen=True)
class ReminderDays:
    first: date  # DOCUMENTATION_FIRST_REMINDER_DAYS before, on a working day
    last: date  # the last working day before the due date


def reminder_days(calendar: WorkingCalendar, due: date, first_days: int) -> ReminderDays:
    last = calendar.previous_working_day(due)
    first = due - timedelta(days=first_days)
    if not calendar.is_working_day(first):
        # Never later than promised: a Saturday's reminder goes out on the Friday.
        first = calendar.previous_working_day(first)
    return ReminderDays(first=min(first, last), last=last)
