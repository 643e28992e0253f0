"""The six-monthly documentation: reminders to the admins, escalation when overdue.

Each working morning the sweep looks at every active account's derived due date:
from the first reminder day on, the admins get the first reminder; from the last
working day before the due date, the last one; after the due date, an escalation.
Keys carry the due date, so a new deadline starts afresh and nothing goes twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.flows.account_choice import account_label
from bot.flows.admins.roster import present_admins
from bot.flows.documentation import schedule
from bot.flows.documentation.upload import UPLOAD_ACTION
from bot.flows.escalation import escalate
from bot.guideline.words import every_months
from bot.messages import Button, Fact, Message
from bot.outbox import enqueue_to_person
from bot.registry import Verbs
from bot.summary import any_of
from storage.models import Account, DocumentationFile

verbs = Verbs()

T = texts.documentation


@verbs.sweep("documentation-reminders", morning=True)
def documentation_reminders(core: Core, session: Session) -> None:
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    # One query for the accounts due soon (or overdue): the others never leave the database.
    # The first reminder may move back a week or more over jul, hence the margin.
    horizon = today + timedelta(days=core.guideline.rules.documentation_first_reminder_days + 21)
    for account, due in schedule.active_due_dates(session, core, due_by=horizon):
        _remind_or_escalate(session, core, account, due, today)


def _remind_or_escalate(
    session: Session, core: Core, account: Account, due: date, today: date
) -> None:
    days = schedule.reminder_days(
        core.calendar, due, core.guideline.rules.documentation_first_reminder_days
    )
    if today > due:
        _escalate_overdue(session, core, account, due)
    elif today >= days.last:
        _tell_admins(session, core, account, due, "last", _reminder(core, account, due, last=True))
    elif today >= days.first:
        _tell_admins(
            session, core, account, due, "first", _reminder(core, account, due, last=False)
        )


def _escalate_overdue(session: Session, core: Core, account: Account, due: date) -> None:
    assert account.id is not None
    opened = escalate(
        session,
        core,
        key=f"documentation-overdue:{account.id}:{due.isoformat()}",
        kind="documentation-overdue",
        summary=T.OVERDUE_SUMMARY.format(account=account_label(account), due=due.isoformat()),
        account_id=account.id,
        facts=_facts(session, core, account, due),
    )
    if opened is not None:
        message = Message(
            title=T.OVERDUE_TITLE.format(account=account_label(account)),
            text=T.OVERDUE_TEXT.format(account=account_label(account), due=due.isoformat()),
            buttons=[_upload_button(account)],
        )
        _tell_admins(session, core, account, due, "overdue", message)


def _tell_admins(
    session: Session, core: Core, account: Account, due: date, stage: str, message: Message
) -> None:
    assert account.id is not None
    for admin in present_admins(session, account.id):
        assert admin.id is not None
        key = f"documentation-{stage}:{account.id}:{due.isoformat()}:{admin.id}"
        enqueue_to_person(session, core, key, admin.id, message)


def _reminder(core: Core, account: Account, due: date, *, last: bool) -> Message:
    label = account_label(account)
    if last:
        title = T.REMINDER_LAST_TITLE.format(account=label, due=due.isoformat())
        text = T.REMINDER_LAST_TEXT.format(account=label, due=due.isoformat())
    else:
        title = T.REMINDER_FIRST_TITLE.format(account=label)
        text = T.REMINDER_FIRST_TEXT.format(
            account=label,
            due=due.isoformat(),
            every=every_months(core.guideline.rules.documentation_interval_months),
        )
    return Message(
        title=title,
        text=text,
        facts=[Fact(label=T.DUE_FACT, value=due.isoformat())],
        buttons=[_upload_button(account)],
    )


def _upload_button(account: Account) -> Button:
    return Button(
        label=T.UPLOAD_BUTTON, action=UPLOAD_ACTION, value=str(account.id), style="primary"
    )


def _facts(session: Session, core: Core, account: Account, due: date) -> list[Fact]:
    assert account.id is not None
    last = schedule.last_documented_at(session, account.id)
    shown = core.calendar.local_date(last).isoformat() if last else T.NEVER
    return [
        Fact(label=T.DUE_FACT, value=due.isoformat()),
        Fact(label=T.LAST_DOCUMENTED_FACT, value=shown),
    ]


@verbs.summary_section
def documentation_line(
    session: Session, core: Core, accounts: Sequence[Account], now: datetime
) -> dict[int, list[str]]:
    """For the admins' morning DM: the due date once the first reminder day has come."""
    ids = [account.id for account in accounts if account.id]
    last = dict(
        session.exec(
            select(DocumentationFile.account_id, func.max(DocumentationFile.uploaded_at))
            .where(any_of(session, DocumentationFile.account_id, ids))
            .group_by(col(DocumentationFile.account_id))
        ).all()
    )
    today = core.calendar.local_date(now)
    lines: dict[int, list[str]] = {}
    for account in accounts:
        assert account.id is not None
        due = schedule.due_from(core, account, last.get(account.id))
        if due is None:
            continue
        days = schedule.reminder_days(
            core.calendar, due, core.guideline.rules.documentation_first_reminder_days
        )
        if today > due:
            lines[account.id] = [T.SUMMARY_OVERDUE.format(due=due.isoformat())]
        elif today >= days.first:
            lines[account.id] = [T.SUMMARY_DUE.format(due=due.isoformat())]
    return lines
