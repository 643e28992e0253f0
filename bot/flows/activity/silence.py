"""N working days in a row without a post → one escalation, until the account posts again.

Set-based: the database finds the accounts silent for N working days that have no open
escalation about it (one query, however many accounts), and the new escalations are
opened together (`escalate_many`), so the sweep costs a few statements at any size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from bot import texts
from bot.calendar import WorkingCalendar
from bot.core import Core
from bot.flows.activity.log import NO_POSTS
from bot.flows.escalation import Cause, escalate_many
from bot.messages import Fact
from bot.people import display_name
from bot.registry import Verbs
from bot.summary import any_of
from storage.models import (
    Account,
    AccountAdmin,
    AccountStatus,
    ActivityKind,
    ActivityLog,
    AdminStatus,
    Escalation,
    EscalationStatus,
    Person,
)

verbs = Verbs()

T = texts.activity


@verbs.sweep("activity-no-posts", morning=True)
def no_posts(core: Core, session: Session) -> None:
    """Each working morning: count the finished working days since the last post."""
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    limit = core.guideline.rules.working_days_without_post
    silent = _silent_accounts(session, core, silent_since_before(core.calendar, today, limit))
    if not silent:
        return
    causes = [
        Cause(
            key=_key(account, since),
            kind=NO_POSTS,
            summary=T.NO_POSTS_SUMMARY.format(name=account.name, days=limit),
            account_id=account.id,
            facts=_facts(last, since, admins),
        )
        for account, last, since, admins in _with_admins(session, silent)
    ]
    escalate_many(session, core, causes)


def silent_since_before(calendar: WorkingCalendar, today: date, limit: int) -> date:
    """The day an account's silence must have begun before to count `limit` working days:
    the `limit`-th working day before today (`silent_working_days` ≥ limit exactly then)."""
    day = today
    for _ in range(limit):
        day = calendar.previous_working_day(day)
    return day


@lru_cache(maxsize=4096)
def silent_working_days(calendar: WorkingCalendar, since: date, today: date, cap: int) -> int:
    """Finished working days strictly between `since` and `today`, counted up to `cap`.

    Cached: a morning asks it for thousands of accounts that share a few dozen dates,
    and the holiday lookup is slow."""
    count, day = 0, today
    while count < cap:
        day = calendar.previous_working_day(day)
        if day <= since:
            break
        count += 1
    return count


class Began(Protocol):
    """What silence is counted from: an `Account`, or a row of its columns."""

    @property
    def activated_at(self) -> datetime | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def resumed_at(self) -> datetime | None: ...


# The columns the sweep reads of a silent account (rows, not ORM objects: thousands a morning).
_COLUMNS = (
    Account.id,
    Account.name,
    Account.activated_at,
    Account.created_at,
    Account.resumed_at,
)
Silent = tuple[Any, date | None, date]  # the account's row, its last post day, silent since


def counted_from(core: Core, account: Began, last: date | None) -> date:
    """The day silence is counted from: the last post, or activation, or the end of the last
    pause, whichever is latest (a pause's weeks without posts are no silence)."""
    since = last or core.calendar.local_date(account.activated_at or account.created_at)
    if account.resumed_at is not None:
        since = max(since, core.calendar.local_date(account.resumed_at))
    return since


def _silent_accounts(session: Session, core: Core, before: date) -> list[Silent]:
    """Active accounts silent since before `before` and not escalated for this silence.

    An account with an unresolved no-posts escalation is left out in SQL (a post resolves
    them, so an unresolved one is about the present silence): a tick later in the day reads
    no rows. One that a communicator resolved while it stayed silent is found again and
    left alone here by its key, as `escalate` would."""
    last_post = (
        select(func.max(ActivityLog.day))
        .where(
            col(ActivityLog.account_id) == col(Account.id), ActivityLog.kind == ActivityKind.POST
        )
        .scalar_subquery()
    )
    escalated = (
        select(Escalation.id)
        .where(
            col(Escalation.account_id) == col(Account.id),
            Escalation.kind == NO_POSTS,
            Escalation.status != EscalationStatus.RESOLVED,
        )
        .exists()
    )
    began = func.coalesce(Account.activated_at, Account.created_at)
    midnight = core.calendar.at_local(before, time(0))
    rows = session.exec(
        select(*_COLUMNS, last_post.label("last_post"))
        .where(
            # Paused and closing accounts are not expected to post.
            Account.status == AccountStatus.ACTIVE,
            col(Account.closing_started_at).is_(None),
            or_(last_post < before, and_(last_post.is_(None), began < midnight)),
            # A pause's weeks without posts are no silence: it counts from the pause's end.
            or_(col(Account.resumed_at).is_(None), col(Account.resumed_at) < midnight),
            ~escalated,
        )
        .order_by(col(Account.id))
    ).all()
    found = [(row, row.last_post, counted_from(core, row, row.last_post)) for row in rows]
    if not found:
        return []
    known = set(
        session.exec(
            select(Escalation.key).where(
                Escalation.kind == NO_POSTS,
                any_of(session, Escalation.account_id, (account.id for account, _, _ in found)),
            )
        ).all()
    )
    return [
        (account, last, since)
        for account, last, since in found
        if _key(account, since) not in known
    ]


def _with_admins(
    session: Session, silent: Sequence[Silent]
) -> list[tuple[Any, date | None, date, list[str]]]:
    """Each silent account with its accepted admins' names (one query for all)."""
    admins: dict[int, list[str]] = defaultdict(list)
    rows = session.exec(
        select(AccountAdmin.account_id, Person.id, Person.name, Person.email)
        .join(Person, col(Person.id) == col(AccountAdmin.person_id))
        .where(
            any_of(session, AccountAdmin.account_id, (account.id for account, _, _ in silent)),
            AccountAdmin.status == AdminStatus.ACCEPTED,
        )
        .order_by(col(Person.name), col(Person.id))
    ).all()
    for row in rows:
        admins[row.account_id].append(display_name(row))  # type: ignore[arg-type]
    return [(account, last, since, admins[account.id]) for account, last, since in silent]


def _key(account: Any, since: date) -> str:
    return f"{NO_POSTS}:{account.id}:{since.isoformat()}"


def _facts(last: date | None, since: date, admins: list[str]) -> list[Fact]:
    return [
        Fact(
            label=T.NO_POSTS_LAST,
            value=last.isoformat() if last else T.NO_POSTS_NEVER.format(date=since.isoformat()),
        ),
        Fact(label=T.NO_POSTS_ADMINS, value=", ".join(admins) or "–"),
    ]
