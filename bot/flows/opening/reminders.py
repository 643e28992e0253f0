"""Applications that stall: a reminder to whoever holds them up, then the communicators.

Each working morning (from MORNING_REMINDER_TIME) the sweep looks at every pending
application. After OPENING_REMINDER_AFTER_WORKING_DAYS the manager, a nominee or the
applicant (asked for a completion) get one reminder; after
OPENING_ESCALATION_AFTER_WORKING_DAYS a step still undone is escalated to the
communicators. The escalation resolves itself as soon as the step is done (`settle`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from bot.core import Core
from bot.flows.escalation import escalate, resolve
from bot.flows.opening import names
from bot.flows.opening.common import T, key, local_date, name_of, platform_label
from bot.flows.opening.machine import PendingStep, Waiting, main_line_step, pending_steps
from bot.messages import Button, Message
from bot.outbox import enqueue_to_person
from bot.registry import Verbs
from bot.texts.platforms import account_label
from storage.models import Account, AccountStatus

verbs = Verbs()

# The steps that are escalated to the communicators when they stall, with what they say.
ESCALATED: dict[Waiting, str] = {
    Waiting.MANAGER: T.STALLED_MANAGER,
    Waiting.REVIEW: T.STALLED_REVIEW,
    Waiting.SERVICE_ACCOUNT: T.STALLED_SERVICE_ACCOUNT,
}


def is_registered_active(account: Account) -> bool:
    return account.registered_at is not None and account.status == AccountStatus.ACTIVE


def stall_key(account: Account, step: str) -> str:
    return key(account.id, "stalled", step, account.revision)


def settle(session: Session, core: Core, account: Account) -> None:
    """Resolve the escalations of steps that no longer hold the application up."""
    step = main_line_step(account) if account.status == AccountStatus.PENDING else None
    if is_registered_active(account) and account.manager_approved_at is None:
        # A registered account skips review; only its manager's confirmation can stall.
        step = PendingStep(Waiting.MANAGER, account.manager_id, account.registered_at)
    for kind in ESCALATED:
        if step is None or step.kind != kind:
            resolve(session, core, stall_key(account, kind), T.STALL_RESOLVED)


@verbs.sweep("opening.reminders", morning=True)
def remind_stalled(core: Core, session: Session) -> None:
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    waiting = or_(
        col(Account.status) == AccountStatus.PENDING,
        # A registered account still missing answers, unless it is being closed.
        and_(
            col(Account.status) == AccountStatus.ACTIVE,
            col(Account.registered_at).is_not(None),
            col(Account.closing_started_at).is_(None),
        ),
    )
    for account in session.exec(select(Account).where(waiting)).all():
        steps = pending_steps(session, core, account)
        for step in steps:
            _remind(session, core, account, step, today)
        for step in steps:
            _escalate(session, core, account, step, today)


def _days(core: Core, since: datetime | None, today: date) -> int:
    if since is None:
        return 0
    return core.calendar.working_days_between(core.calendar.local_date(since), today)


def _due(core: Core, since: datetime | None, today: date) -> bool:
    return _days(core, since, today) >= core.guideline.rules.opening_reminder_after_working_days


def _escalation_day(core: Core, since: datetime | None) -> str:
    """The day the communicators hear of the stalled step, if nothing happens before."""
    start = core.calendar.local_date(since or core.now())
    days = core.guideline.rules.opening_escalation_after_working_days
    return core.calendar.add_working_days(start, days).isoformat()


def _remind(session: Session, core: Core, account: Account, step: PendingStep, today: date) -> None:
    """One reminder to whoever holds the step up, once it has waited long enough."""
    if step.person_id is None or not _due(core, step.since, today):
        return
    match step.kind:
        case Waiting.MANAGER:
            message = Message(
                title=T.REMIND_MANAGER_TITLE.format(applicant=name_of(session, account.owner_id)),
                text=T.REMIND_MANAGER.format(
                    name=account.name,
                    platform=platform_label(account),
                    date=local_date(core, step.since),
                    escalated=_escalation_day(core, step.since),
                ),
                # The decision right here: the first card may be days up the chat.
                buttons=[
                    Button(
                        label=T.APPROVE,
                        action=names.APPROVE,
                        value=str(account.id),
                        style="primary",
                    ),
                    Button(label=T.REJECT, action=names.REJECT, value=str(account.id)),
                ],
                actors=[step.person_id],
                waiting=[account.owner_id],
                about=account_label(account),
            )
            reminder = key(account.id, "manager-reminder", step.person_id, account.revision)
        case Waiting.NOMINEE:
            nominee = f"{account.id}:{step.person_id}"
            message = Message(
                title=T.REMIND_NOMINEE_TITLE.format(name=account.name),
                text=T.REMIND_NOMINEE.format(
                    by=name_of(session, step.asked_by),
                    date=local_date(core, step.since),
                ),
                buttons=[
                    Button(label=T.ACCEPT, action=names.ACCEPT, value=nominee, style="primary"),
                    Button(
                        label=T.DECLINE,
                        action=names.DECLINE,
                        value=nominee,
                        confirm=T.CONFIRM_DECLINE,
                    ),
                ],
                actors=[step.person_id],
                waiting=[account.owner_id],
                about=account_label(account),
            )
            assert step.since is not None
            stamp = int(step.since.timestamp())
            reminder = key(account.id, "admin-reminder", step.person_id, stamp)
        case Waiting.COMPLETION:
            message = Message(
                title=T.REMIND_COMPLETION_TITLE.format(name=account.name),
                text=T.REMIND_COMPLETION.format(
                    date=local_date(core, step.since), comment=account.completion_request
                ),
            )
            reminder = key(account.id, "completion-reminder", account.revision)
        case _:
            return
    enqueue_to_person(session, core, reminder, step.person_id, message)


def _escalate(
    session: Session, core: Core, account: Account, step: PendingStep, today: date
) -> None:
    summary = ESCALATED.get(step.kind)
    days = _days(core, step.since, today)
    if summary is None or days < core.guideline.rules.opening_escalation_after_working_days:
        return
    escalate(
        session,
        core,
        key=stall_key(account, step.kind),
        kind=f"opening.{step.kind}",
        summary=summary.format(
            name=account.name, manager=name_of(session, account.manager_id), days=days
        ),
        account_id=account.id,
    )
