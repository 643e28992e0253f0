"""What the report and the archive read from records other parts of smbot keep: the
guideline versions enforced (bot/guideline/versions.py) and the pauses in the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.core import Core
from bot.reports.period import Month
from storage.models import Account, AuditEntry, GuidelineVersion

PAUSED = "accounts.paused"  # bot/flows/accounts/pause.py: a communicator approved a pause


def guideline_version(session: Session, core: Core, month: Month) -> str | None:
    """The guideline versions in force during the month, with the day each took effect;
    None when smbot enforced none yet (it was not in use)."""
    tz = core.settings.tz
    versions = in_force_between(session, month.start(tz), month.end(tz))
    if not versions:
        return None
    return "; ".join(
        f"version {v.version} ({v.title}), i kraft från "
        f"{core.calendar.local_date(v.took_effect_at).isoformat()}"
        for v in versions
    )


def accounts_paused(session: Session, core: Core, month: Month, account_ids: set[int]) -> int:
    """Accounts whose pause began (was approved) during the month."""
    tz = core.settings.tz
    found = session.exec(
        select(func.count(func.distinct(AuditEntry.account_id))).where(
            AuditEntry.action == PAUSED,
            col(AuditEntry.at) >= month.start(tz),
            col(AuditEntry.at) < month.end(tz),
            col(AuditEntry.account_id).in_(account_ids),
        )
    ).one()
    return int(found or 0)


def guideline_versions_for_account(session: Session, core: Core, account: Account) -> list[str]:
    """The guideline versions in force during the account's life."""
    return [v.version for v in in_force_between(session, *life(core, account))]


def life(core: Core, account: Account) -> tuple[datetime, datetime]:
    """From the application to its closing (or rejection, withdrawal), or until now."""
    began = account.submitted_at or account.created_at
    ended = account.closed_at or account.rejected_at or account.withdrawn_at or core.now()
    return began, ended


def in_force_between(session: Session, start: datetime, end: datetime) -> list[GuidelineVersion]:
    """Versions in force at some moment of [start, end): the one in force at `start` and
    those that took effect before `end`. Oldest first."""
    versions = session.exec(
        select(GuidelineVersion)
        .where(col(GuidelineVersion.took_effect_at) < end)
        .order_by(col(GuidelineVersion.took_effect_at))
    ).all()
    kept: list[GuidelineVersion] = []
    for version in versions:
        if version.took_effect_at <= start:
            kept = [version]  # a later one took over before `start`
        else:
            kept.append(version)
    return kept
