"""The month's figures, for the municipality and per account, from the audit-backed tables.

Every figure is computed with a fixed number of set-based statements per month (grouped
by account), so the cost follows the month's rows and never the number of accounts; only
the month's comments are read row by row, for the median reply time.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.core import Core
from bot.flows.documentation.schedule import add_months
from bot.reports import recorded
from bot.reports.period import Month
from bot.reports.worktime import OfficeDays
from storage.models import (
    Account,
    AccountAdmin,
    ActivityKind,
    ActivityLog,
    AdminStatus,
    AuditEntry,
    Comment,
    CommentStatus,
    DocumentationFile,
    Escalation,
    Evidence,
    Person,
)

# A reply deadline is never this long after arrival (holidays included): lets the month's
# comments be found through the indexed deadline column.
_DEADLINE_MARGIN = timedelta(days=21)
_NEEDS_REPLY = (CommentStatus.OPEN, CommentStatus.ANSWERED)


class DocStatus:
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NOT_DUE = "not_due"  # never activated


@dataclass
class AccountMonth:
    """One account's month."""

    account_id: int
    name: str
    platform: str
    working_days_active: int = 0  # the daily rule asks a post on each of these
    post_days: int = 0
    comments_received: int = 0
    needing_reply: int = 0
    answered_on_time: int = 0
    overdue_comments: int = 0
    reply_hours: list[float] = field(default_factory=list)
    illegal_cases: int = 0
    removal_hours: list[float] = field(default_factory=list)
    documentation: str = DocStatus.NOT_DUE
    documentation_due: date | None = None
    admins_accepted: int = 0
    admins_present: int = 0
    admins_login_confirmed: int = 0

    @property
    def post_share(self) -> float | None:
        return _share(self.post_days, self.working_days_active)

    @property
    def on_time_share(self) -> float | None:
        return _share(self.answered_on_time, self.needing_reply)

    @property
    def median_reply_hours(self) -> float | None:
        return _median(self.reply_hours)

    @property
    def median_removal_hours(self) -> float | None:
        return _median(self.removal_hours)


@dataclass
class EscalationKind:
    kind: str
    opened: int = 0
    resolved: int = 0
    resolve_hours: list[float] = field(default_factory=list)

    @property
    def median_resolve_hours(self) -> float | None:
        return _median(self.resolve_hours)


@dataclass
class MonthFigures:
    month: Month
    working_days: int
    accounts: list[AccountMonth]
    escalations: list[EscalationKind]
    accounts_opened: int
    accounts_closed: int
    accounts_paused: int | None

    def total(self, name: str) -> int:
        return sum(getattr(account, name) for account in self.accounts)

    @property
    def post_share(self) -> float | None:
        return _share(self.total("post_days"), self.total("working_days_active"))

    @property
    def on_time_share(self) -> float | None:
        return _share(self.total("answered_on_time"), self.total("needing_reply"))

    @property
    def median_reply_hours(self) -> float | None:
        return _median([h for a in self.accounts for h in a.reply_hours])

    @property
    def median_removal_hours(self) -> float | None:
        return _median([h for a in self.accounts for h in a.removal_hours])

    def documentation_counts(self) -> dict[str, int]:
        counts = {DocStatus.ON_TIME: 0, DocStatus.DUE_SOON: 0, DocStatus.OVERDUE: 0}
        for account in self.accounts:
            if account.documentation in counts:
                counts[account.documentation] += 1
        return counts

    @property
    def escalations_opened(self) -> int:
        return sum(kind.opened for kind in self.escalations)

    @property
    def has_activity(self) -> bool:
        """Anything happened: a post, a comment, an escalation, an account opened or closed."""
        return bool(
            self.total("post_days")
            or self.total("comments_received")
            or self.total("illegal_cases")
            or self.escalations_opened
            or self.accounts_opened
            or self.accounts_closed
        )


@dataclass
class Report:
    """The report for `month` with the months before it beside (oldest first)."""

    month: Month
    months: list[MonthFigures]
    scope: str  # "Hela kommunen" or whose accounts
    guideline_version: str | None
    generated_at: datetime

    @property
    def current(self) -> MonthFigures:
        return self.months[-1]

    @property
    def has_activity(self) -> bool:
        return self.current.has_activity


def build_report(
    session: Session,
    core: Core,
    month: Month,
    *,
    account_ids: Iterable[int] | None = None,
    scope: str = "Hela kommunen",
    months_beside: int = 2,
) -> Report:
    """The report for `month` and the `months_beside` months before it."""
    wanted = set(account_ids) if account_ids is not None else None
    months = [month_figures(session, core, m, wanted) for m in month.back(months_beside + 1)]
    return Report(
        month=month,
        months=months,
        scope=scope,
        guideline_version=recorded.guideline_version(session, core, month),
        generated_at=core.now(),
    )


def month_figures(
    session: Session, core: Core, month: Month, account_ids: set[int] | None = None
) -> MonthFigures:
    tz = core.settings.tz
    start, end = month.start(tz), month.end(tz)
    accounts = _accounts_in_month(session, start, end, account_ids)
    rows = {
        account.id: AccountMonth(account.id, account.name, account.platform)
        for account in accounts
        if account.id is not None
    }
    working = month.working_days(core.calendar)
    for account in accounts:
        assert account.id is not None
        rows[account.id].working_days_active = _active_days(core, account, working)
    ids = set(rows)
    # The whole municipality: no list of ids in the SQL, so the database reads by date
    # (its index) instead of account by account; rows of other accounts are skipped here.
    scope = rows if account_ids is not None else None
    if ids:
        _posts(session, core, month, rows, scope)
        _comments(session, core, start, end, rows, scope)
        _documentation(session, core, month, end, accounts, rows)
        _admins(session, end, rows)
        _illegal(session, start, end, rows)
    return MonthFigures(
        month=month,
        working_days=len(working),
        accounts=sorted(rows.values(), key=lambda a: a.name.lower()),
        escalations=_escalations(session, start, end, account_ids),
        accounts_opened=sum(
            1 for a in accounts if a.activated_at and start <= a.activated_at < end
        ),
        accounts_closed=sum(1 for a in accounts if a.closed_at and start <= a.closed_at < end),
        accounts_paused=recorded.accounts_paused(session, core, month, ids),
    )


def _accounts_in_month(
    session: Session, start: datetime, end: datetime, account_ids: set[int] | None
) -> list[Account]:
    """Accounts active at some moment of the month."""
    statement = select(Account).where(
        col(Account.activated_at).is_not(None),
        col(Account.activated_at) < end,
        col(Account.closed_at).is_(None) | (col(Account.closed_at) >= start),
    )
    if account_ids is not None:
        statement = statement.where(col(Account.id).in_(account_ids or {-1}))
    return list(session.exec(statement.order_by(col(Account.id))).all())


def _active_days(core: Core, account: Account, working: list[date]) -> int:
    assert account.activated_at is not None
    first = core.calendar.local_date(account.activated_at)
    last = core.calendar.local_date(account.closed_at) if account.closed_at else date.max
    # The day of activation counts only when the account was opened before the day's end.
    return sum(1 for day in working if first <= day <= last)


def _posts(
    session: Session,
    core: Core,
    month: Month,
    rows: dict[int, AccountMonth],
    scope: Collection[int] | None,
) -> None:
    statement = select(ActivityLog.account_id, ActivityLog.day).where(
        ActivityLog.kind == ActivityKind.POST,
        col(ActivityLog.day) >= month.first_day,
        col(ActivityLog.day) <= month.last_day,
    )
    if scope is not None:
        statement = statement.where(col(ActivityLog.account_id).in_(scope))
    working = set(month.working_days(core.calendar))
    for account_id, day in session.exec(statement.distinct()).all():
        if day in working and account_id in rows:
            rows[account_id].post_days += 1


def _comments(
    session: Session,
    core: Core,
    start: datetime,
    end: datetime,
    rows: dict[int, AccountMonth],
    scope: Collection[int] | None,
) -> None:
    now = core.now()
    statement = select(
        Comment.account_id,
        Comment.status,
        Comment.received_at,
        Comment.deadline,
        Comment.closed_at,
    ).where(
        col(Comment.deadline) >= start,
        col(Comment.deadline) < end + _DEADLINE_MARGIN,
        col(Comment.received_at) >= start,
        col(Comment.received_at) < end,
    )
    if scope is not None:
        statement = statement.where(col(Comment.account_id).in_(scope))
    office = OfficeDays(core.calendar, core.guideline.rules.office_day_end)
    for account_id, status, received, deadline, closed in session.exec(statement).all():
        row = rows.get(account_id)
        if row is None:
            continue  # an account not active this month
        row.comments_received += 1
        if status not in _NEEDS_REPLY:
            continue
        row.needing_reply += 1
        if status == CommentStatus.ANSWERED and closed is not None:
            row.reply_hours.append(office.hours(received, closed))
            if closed <= deadline:
                row.answered_on_time += 1
                continue
        if (closed or now) > deadline:
            row.overdue_comments += 1


def _documentation(
    session: Session,
    core: Core,
    month: Month,
    end: datetime,
    accounts: list[Account],
    rows: dict[int, AccountMonth],
) -> None:
    """Status at the end of the month: the due date from the newest file archived by then."""
    last_files = dict(
        session.exec(
            select(DocumentationFile.account_id, func.max(DocumentationFile.uploaded_at))
            .where(
                col(DocumentationFile.uploaded_at) < end,
                col(DocumentationFile.account_id).in_(rows),
            )
            .group_by(col(DocumentationFile.account_id))
        ).all()
    )
    soon = month.last_day + timedelta(days=core.guideline.rules.documentation_first_reminder_days)
    for account in accounts:
        assert account.id is not None
        base = last_files.get(account.id) or account.activated_at
        if base is None:
            continue
        due = add_months(
            core.calendar.local_date(aware_utc(base)),
            core.guideline.rules.documentation_interval_months,
        )
        row = rows[account.id]
        row.documentation_due = due
        if due <= month.last_day:
            row.documentation = DocStatus.OVERDUE
        elif due <= soon:
            row.documentation = DocStatus.DUE_SOON
        else:
            row.documentation = DocStatus.ON_TIME


def _admins(session: Session, end: datetime, rows: dict[int, AccountMonth]) -> None:
    """Admins as they stood at the month's end, so earlier months keep their own figures.

    Accepted: an accepted row decided before the end, or a row removed after the end whose
    admin stepped down then (audit `admin.stepped_down`: they held the role until then;
    when they accepted is not kept, their nomination before the end stands for it).
    Present: accepted and not departed by the end. Login confirmed: accepted and confirmed
    ("Jag kan logga in", `login_confirmed_at`) before the end.
    """
    found = session.exec(
        select(AccountAdmin, Person.departed_at)
        .join(Person, col(Person.id) == AccountAdmin.person_id)
        .where(
            col(AccountAdmin.status).in_([AdminStatus.ACCEPTED, AdminStatus.REMOVED]),
            col(AccountAdmin.account_id).in_(rows),
        )
    ).all()
    stepped_down = _stepped_down_after(session, end, set(rows))
    for admin, departed in found:
        if admin.status == AdminStatus.ACCEPTED:
            held = aware_utc(admin.decided_at or admin.nominated_at) < end
        else:
            held = (admin.account_id, admin.person_id) in stepped_down and aware_utc(
                admin.nominated_at
            ) < end
        if not held:
            continue
        row = rows[admin.account_id]
        row.admins_accepted += 1
        if departed is None or aware_utc(departed) >= end:
            row.admins_present += 1
        confirmed = admin.login_confirmed_at
        if confirmed is not None and aware_utc(confirmed) < end:
            row.admins_login_confirmed += 1


def _stepped_down_after(session: Session, end: datetime, ids: set[int]) -> set[tuple[int, int]]:
    """(account, person) of every admin who stepped down at or after `end`."""
    found = session.exec(
        select(AuditEntry.account_id, AuditEntry.actor_id).where(
            AuditEntry.action == "admin.stepped_down",
            col(AuditEntry.at) >= end,
            col(AuditEntry.account_id).in_(ids),
        )
    ).all()
    return {(a, p) for a, p in found if a is not None and p is not None}


def _illegal(
    session: Session, start: datetime, end: datetime, rows: dict[int, AccountMonth]
) -> None:
    found = session.exec(
        select(Evidence.account_id, Evidence.captured_at, Comment.removed_at)
        .join(Comment, col(Comment.id) == Evidence.comment_id)
        .where(
            col(Evidence.captured_at) >= start,
            col(Evidence.captured_at) < end,
            col(Evidence.account_id).in_(rows),
        )
    ).all()
    for account_id, captured, removed in found:
        rows[account_id].illegal_cases += 1
        if removed is not None:
            rows[account_id].removal_hours.append(_hours(captured, removed))


def _escalations(
    session: Session, start: datetime, end: datetime, account_ids: set[int] | None
) -> list[EscalationKind]:
    statement = select(Escalation.kind, Escalation.created_at, Escalation.resolved_at).where(
        col(Escalation.created_at) >= start, col(Escalation.created_at) < end
    )
    if account_ids is not None:
        statement = statement.where(col(Escalation.account_id).in_(account_ids or {-1}))
    kinds: dict[str, EscalationKind] = defaultdict(lambda: EscalationKind(""))
    for kind, created, resolved in session.exec(statement).all():
        entry = kinds[kind]
        entry.kind = kind
        entry.opened += 1
        if resolved is not None:
            entry.resolved += 1
            entry.resolve_hours.append(_hours(created, resolved))
    return sorted(kinds.values(), key=lambda k: k.kind)


def aware_utc(moment: datetime) -> datetime:
    # func.max() bypasses the column type on SQLite and hands back a naive UTC value.
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _hours(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
