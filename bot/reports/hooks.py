"""Figures the report shows once other issues land; each returns None ("not yet recorded").

The report prints "–" and a note for None, so the board sees the gap instead of a zero.
When the issue lands, replace the body; the callers need no change.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.reports.period import Month
from storage.models import Account


def guideline_version(session: Session, month: Month) -> str | None:
    """The guideline version in force during the month. Hook: issue 11 (guideline versions)."""
    return None


def accounts_paused(session: Session, month: Month, account_ids: set[int]) -> int | None:
    """Accounts paused during the month. Hook: issue 8 (paused and closed accounts)."""
    return None


def admins_login_confirmed(session: Session, account_id: int) -> int | None:
    """Admins whose login is confirmed. Hook: the login confirmations issue."""
    return None


def guideline_versions_for_account(session: Session, account: Account) -> list[str]:
    """Guideline versions in force during the account's life. Hook: issue 11; empty today."""
    return []
