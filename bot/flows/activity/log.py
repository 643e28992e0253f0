"""The activity log: recording posts and look-overs, and the questions the rules ask of it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot import audit
from bot.core import Core
from bot.summary import any_of
from storage.models import (
    Account,
    AccountAdmin,
    AccountStatus,
    ActivityKind,
    ActivityLog,
    ActivitySource,
    AdminStatus,
    Escalation,
    EscalationStatus,
)

NO_POSTS = "no-posts"


def record_post(
    session: Session,
    core: Core,
    account_id: int,
    at: datetime,
    source: str = ActivitySource.WEBHOOK,
    external_id: str | None = None,
    by_person_id: int | None = None,
) -> ActivityLog | None:
    """Log a post on an account. Returns None when this external id was logged already.

    A post ends any open "no posts" escalation for the account and refreshes the
    admins' morning DM of that day.
    """
    entry = _record(
        session, core, account_id, ActivityKind.POST, at, source, external_id, by_person_id
    )
    if entry is not None:
        _resolve_silence(session, core, account_id)
    return entry


def record_lookover(
    session: Session, core: Core, account_id: int, at: datetime, by_person_id: int | None
) -> ActivityLog | None:
    return _record(
        session,
        core,
        account_id,
        ActivityKind.LOOKOVER,
        at,
        ActivitySource.MANUAL,
        None,
        by_person_id,
    )


def _record(
    session: Session,
    core: Core,
    account_id: int,
    kind: ActivityKind,
    at: datetime,
    source: str,
    external_id: str | None,
    by_person_id: int | None,
) -> ActivityLog | None:
    if session.get(Account, account_id) is None:
        raise ValueError(f"account {account_id} does not exist")
    if external_id is not None and _known_external(session, account_id, external_id):
        return None
    today = core.calendar.local_date(core.now())
    # Only the day's first post (or look-over) changes what today's DMs show.
    changes_today = logged_on(session, account_id, kind, today) is None
    entry = ActivityLog(
        account_id=account_id,
        kind=kind,
        at=at,
        day=core.calendar.local_date(at),
        by_person_id=by_person_id,
        source=source,
        external_id=external_id,
    )
    try:
        with session.begin_nested():
            session.add(entry)
    except IntegrityError:
        return None  # the same webhook delivery, logged by another request just now
    audit.record(
        session,
        core.now(),
        f"activity.{kind}",
        actor_id=by_person_id,
        account_id=account_id,
        source=source,
        external_id=external_id,
        day=entry.day.isoformat(),
    )
    if changes_today and entry.day == today:
        from bot.flows.activity.morning import refresh_morning_messages

        refresh_morning_messages(session, core, account_id, today)
    return entry


def _known_external(session: Session, account_id: int, external_id: str) -> bool:
    return (
        session.exec(
            select(ActivityLog.id).where(
                ActivityLog.account_id == account_id, ActivityLog.external_id == external_id
            )
        ).first()
        is not None
    )


def _resolve_silence(session: Session, core: Core, account_id: int) -> None:
    from bot import texts
    from bot.flows.escalation import resolve

    open_keys = session.exec(
        select(Escalation.key).where(
            Escalation.account_id == account_id,
            Escalation.kind == NO_POSTS,
            Escalation.status != EscalationStatus.RESOLVED,
        )
    ).all()
    for key in open_keys:
        resolve(session, core, key, texts.activity.NO_POSTS_RESOLVED)


def logged_on(session: Session, account_id: int, kind: str, day: date) -> ActivityLog | None:
    return session.exec(
        select(ActivityLog)
        .where(
            ActivityLog.account_id == account_id, ActivityLog.kind == kind, ActivityLog.day == day
        )
        .order_by(col(ActivityLog.at))
    ).first()


def logs_on(
    session: Session, account_ids: Iterable[int], day: date
) -> dict[tuple[int, str], ActivityLog]:
    """The first post and look-over of each account on a day, in one query."""
    found: dict[tuple[int, str], ActivityLog] = {}
    rows = session.exec(
        select(ActivityLog)
        .where(any_of(session, ActivityLog.account_id, account_ids), ActivityLog.day == day)
        .order_by(col(ActivityLog.at))
    ).all()
    for row in rows:
        found.setdefault((row.account_id, row.kind), row)
    return found


def last_post_days(session: Session, account_ids: Iterable[int]) -> dict[int, date]:
    """Each account's latest day with a post, in one query."""
    rows = session.exec(
        select(ActivityLog.account_id, func.max(ActivityLog.day))
        .where(
            any_of(session, ActivityLog.account_id, account_ids),
            ActivityLog.kind == ActivityKind.POST,
        )
        .group_by(col(ActivityLog.account_id))
    ).all()
    return {account_id: day for account_id, day in rows}


def is_admin(session: Session, account_id: int, person_id: int) -> bool:
    return (
        session.exec(
            select(AccountAdmin.id).where(
                AccountAdmin.account_id == account_id,
                AccountAdmin.person_id == person_id,
                AccountAdmin.status == AdminStatus.ACCEPTED,
            )
        ).first()
        is not None
    )


def accounts_of(session: Session, person_id: int) -> list[Account]:
    """The active accounts a person is an accepted admin of, by name."""
    return list(
        session.exec(
            select(Account)
            .join(AccountAdmin, col(AccountAdmin.account_id) == col(Account.id))
            .where(
                AccountAdmin.person_id == person_id,
                AccountAdmin.status == AdminStatus.ACCEPTED,
                Account.status == AccountStatus.ACTIVE,
            )
            .order_by(col(Account.name), col(Account.id))
        ).all()
    )
