"""Applications that stall: a reminder to whoever holds them up, then the communicators.

Each working morning (from MORNING_REMINDER_TIME) the sweep looks at every pending
application. After OPENING_REMINDER_AFTER_WORKING_DAYS the manager, a nominee or the
applicant (asked for a completion) get one reminder; after
OPENING_ESCALATION_AFTER_WORKING_DAYS a step still undone is escalated to the
communicators. The escalation resolves itself as soon as the step is done (`settle`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlmodel import Session, select

from bot.core import Core
from bot.flows.escalation import escalate, resolve
from bot.flows.opening.common import T, admins, key, local_date, name_of, platform_label
from bot.messages import Message
from bot.outbox import enqueue_to_person
from bot.registry import Verbs
from storage.models import Account, AccountStatus, AdminStatus

verbs = Verbs()

# Which step holds an application up, by the state it is in.
BLOCKING: dict[str, Callable[[Account], bool]] = {
    "manager": lambda a: a.manager_approved_at is None,
    "review": lambda a: (
        a.manager_approved_at is not None and a.anchored_at is None and not a.completion_request
    ),
    "service-account": lambda a: a.anchored_at is not None and a.credentials_confirmed_at is None,
}


def stall_key(account: Account, step: str) -> str:
    return key(account.id, "stalled", step, account.revision)


def settle(session: Session, core: Core, account: Account) -> None:
    """Resolve the escalations of steps that no longer hold the application up."""
    pending = account.status == AccountStatus.PENDING
    for step, blocking in BLOCKING.items():
        if not (pending and blocking(account)):
            resolve(session, core, stall_key(account, step), T.STALL_RESOLVED)


@verbs.sweep("opening.reminders")
def remind_stalled(core: Core, session: Session) -> None:
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    pending = session.exec(select(Account).where(Account.status == AccountStatus.PENDING)).all()
    for account in pending:
        _remind_manager(session, core, account, today)
        _remind_nominees(session, core, account, today)
        _remind_completion(session, core, account, today)
        _escalate(session, core, account, today)


def _days(core: Core, since: datetime | None, today: date) -> int:
    if since is None:
        return 0
    return core.calendar.working_days_between(core.calendar.local_date(since), today)


def _due(core: Core, since: datetime | None, today: date) -> bool:
    return _days(core, since, today) >= core.settings.opening_reminder_after_working_days


def _remind_manager(session: Session, core: Core, account: Account, today: date) -> None:
    if not BLOCKING["manager"](account) or not _due(core, account.submitted_at, today):
        return
    message = Message(
        title=T.REMIND_MANAGER_TITLE.format(applicant=name_of(session, account.owner_id)),
        text=T.REMIND_MANAGER.format(
            name=account.name,
            platform=platform_label(account),
            date=local_date(core, account.submitted_at),
        ),
    )
    reminder = key(account.id, "manager-reminder", account.manager_id, account.revision)
    enqueue_to_person(session, core, reminder, account.manager_id, message)


def _remind_nominees(session: Session, core: Core, account: Account, today: date) -> None:
    assert account.id is not None
    for admin in admins(session, account.id, AdminStatus.NOMINATED):
        if not _due(core, admin.nominated_at, today):
            continue
        message = Message(
            title=T.REMIND_NOMINEE_TITLE.format(name=account.name),
            text=T.REMIND_NOMINEE.format(
                by=name_of(session, admin.nominated_by_id or account.owner_id),
                date=local_date(core, admin.nominated_at),
            ),
        )
        stamp = int(admin.nominated_at.timestamp())
        reminder = key(account.id, "admin-reminder", admin.person_id, stamp)
        enqueue_to_person(session, core, reminder, admin.person_id, message)


def _remind_completion(session: Session, core: Core, account: Account, today: date) -> None:
    if not account.completion_request or not _due(core, account.completion_requested_at, today):
        return
    message = Message(
        title=T.REMIND_COMPLETION_TITLE.format(name=account.name),
        text=T.REMIND_COMPLETION.format(
            date=local_date(core, account.completion_requested_at),
            comment=account.completion_request,
        ),
    )
    reminder = key(account.id, "completion-reminder", account.revision)
    enqueue_to_person(session, core, reminder, account.owner_id, message)


def _escalate(session: Session, core: Core, account: Account, today: date) -> None:
    since = {
        "manager": account.submitted_at,
        "review": account.manager_approved_at,
        "service-account": account.anchored_at,
    }
    summaries = {
        "manager": T.STALLED_MANAGER,
        "review": T.STALLED_REVIEW,
        "service-account": T.STALLED_SERVICE_ACCOUNT,
    }
    for step, blocking in BLOCKING.items():
        days = _days(core, since[step], today)
        if not blocking(account) or days < core.settings.opening_escalation_after_working_days:
            continue
        escalate(
            session,
            core,
            key=stall_key(account, step),
            kind=f"opening.{step}",
            summary=summaries[step].format(
                name=account.name, manager=name_of(session, account.manager_id), days=days
            ),
            account_id=account.id,
        )
