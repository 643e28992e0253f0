"""Documentation before a major change (`storre-andring`) and before closing an account.

A recorded change asks the admins for screenshots at once, reminds them on the last
working day before the planned date, and escalates once the date has passed with
nothing archived since the change was recorded. Documented is derived from the archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import audit, texts
from bot.core import Core
from bot.flows.account_choice import account_field, account_label
from bot.flows.admins.roster import present_admins
from bot.flows.documentation import schedule
from bot.flows.documentation.upload import UPLOAD_ACTION, uploadable_accounts
from bot.flows.escalation import escalate
from bot.messages import Button, Fact, Form, FormField, Message
from bot.outbox import enqueue_to_person
from bot.people import display_name
from bot.registry import Verbs, action_name
from bot.router import Context, Reply
from bot.summary import any_of
from storage.models import (
    Account,
    AccountStatus,
    DocumentationFile,
    MajorChange,
    MajorChangeKind,
    Person,
)

verbs = Verbs()

T = texts.documentation
FORM_ID = action_name("documentation.major_change")
MAX_DESCRIPTION = 1000
MAX_DAYS_AHEAD = 366
# Changes whose date passed longer ago than this are no longer looked at by the sweep.
LOOK_BACK = timedelta(days=60)


@verbs.command("storre-andring", T.MAJOR_CHANGE_HELP)
def major_change_command(ctx: Context, text: str) -> Reply:
    accounts = uploadable_accounts(ctx)
    if not accounts:
        return Reply(notice=T.NO_ACCOUNTS)
    return Reply(form=_form(accounts))


def _form(accounts: list[Account]) -> Form:
    return Form(
        id=FORM_ID,
        title=T.MAJOR_FORM_TITLE,
        intro=T.MAJOR_FORM_INTRO,
        submit_label=T.MAJOR_FORM_SUBMIT,
        fields=[
            account_field(accounts, T.MAJOR_FIELD_ACCOUNT),
            FormField(
                id="what", label=T.MAJOR_FIELD_WHAT, kind="textarea", max_length=MAX_DESCRIPTION
            ),
            FormField(
                id="when",
                label=T.MAJOR_FIELD_WHEN,
                kind="date",
                max_length=10,
            ),
        ],
    )


@verbs.form(FORM_ID)
def submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    errors: dict[str, str] = {}
    chosen = str(values.get("account") or "")
    account = next((a for a in uploadable_accounts(ctx) if str(a.id) == chosen), None)
    if account is None:
        errors["account"] = T.MAJOR_ERR_ACCOUNT
    description = str(values.get("what") or "").strip()
    if not description:
        errors["what"] = T.MAJOR_ERR_WHAT_EMPTY
    elif len(description) > MAX_DESCRIPTION:
        errors["what"] = T.MAJOR_ERR_WHAT_LONG.format(max=MAX_DESCRIPTION)
    planned, date_error = _parse_date(ctx, str(values.get("when") or ""))
    if date_error:
        errors["when"] = date_error
    if errors or account is None or planned is None:
        return Reply(errors=errors)
    change = record_change(
        ctx.session,
        ctx.core,
        account,
        planned,
        description,
        created_by_id=ctx.actor.id,
        kind=MajorChangeKind.CHANGE,
    )
    return Reply(notice=T.MAJOR_RECORDED.format(planned=change.planned_for.isoformat()))


def _parse_date(ctx: Context, raw: str) -> tuple[date | None, str | None]:
    try:
        planned = date.fromisoformat(raw.strip())
    except ValueError:
        return None, T.MAJOR_ERR_WHEN_FORMAT
    today = ctx.core.calendar.local_date(ctx.now)
    if planned < today:
        return None, T.MAJOR_ERR_WHEN_PAST
    if planned > today + timedelta(days=MAX_DAYS_AHEAD):
        return None, T.MAJOR_ERR_WHEN_FAR
    return planned, None


def record_change(
    session: Session,
    core: Core,
    account: Account,
    planned: date,
    description: str,
    *,
    created_by_id: int | None,
    kind: str = MajorChangeKind.CHANGE,
) -> MajorChange:
    assert account.id is not None
    change = MajorChange(
        account_id=account.id,
        kind=kind,
        description=description,
        planned_for=planned,
        created_by_id=created_by_id,
        created_at=core.now(),
    )
    session.add(change)
    session.flush()
    audit.record(
        session,
        core.now(),
        "documentation.major_change" if kind == MajorChangeKind.CHANGE else "documentation.closing",
        actor_id=created_by_id,
        account_id=account.id,
        change_id=change.id,
        planned_for=planned.isoformat(),
        description=description,
    )
    who = display_name(session.get(Person, created_by_id)) if created_by_id else ""
    _tell_admins(session, core, account, change, "ask", _ask(account, change, who))
    return change


def request_documentation_before_closing(
    session: Session, core: Core, account_id: int, closing_on: date, actor_id: int | None
) -> MajorChange | None:
    """For the account-close flow: ask the admins for screenshots before the account goes.

    Reminders and the escalation then follow like for any major change.
    """
    account = session.get(Account, account_id)
    if account is None or account.status != AccountStatus.ACTIVE:
        return None
    return record_change(
        session,
        core,
        account,
        closing_on,
        T.CLOSING_DESCRIPTION,
        created_by_id=actor_id,
        kind=MajorChangeKind.CLOSING,
    )


@verbs.sweep("documentation-major-changes", morning=True)
def major_change_sweep(core: Core, session: Session) -> None:
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    for change, account in _open_changes(session, today):
        if schedule.documented_since(session, account.id or 0, change.created_at):
            continue
        if today > change.planned_for:
            _escalate(session, core, account, change)
        elif today >= core.calendar.previous_working_day(change.planned_for) and (
            today > core.calendar.local_date(change.created_at)
        ):
            _tell_admins(session, core, account, change, "reminder", _reminder(account, change))


def _open_changes(session: Session, today: date) -> list[tuple[MajorChange, Account]]:
    rows = session.exec(
        select(MajorChange, Account)
        .join(Account, col(Account.id) == MajorChange.account_id)
        .where(
            Account.status == AccountStatus.ACTIVE,
            MajorChange.planned_for >= today - LOOK_BACK,
        )
        .order_by(col(MajorChange.id))
    ).all()
    return [(change, account) for change, account in rows]


def _escalate(session: Session, core: Core, account: Account, change: MajorChange) -> None:
    template = (
        T.CLOSING_ESCALATION_SUMMARY
        if change.kind == MajorChangeKind.CLOSING
        else T.MAJOR_ESCALATION_SUMMARY
    )
    escalate(
        session,
        core,
        key=f"major-change-undocumented:{change.id}",
        kind="major-change-undocumented",
        summary=template.format(
            account=account_label(account), planned=change.planned_for.isoformat()
        ),
        account_id=account.id,
        facts=[Fact(label=T.MAJOR_FACT_CHANGE, value=change.description)],
    )


def _tell_admins(
    session: Session,
    core: Core,
    account: Account,
    change: MajorChange,
    stage: str,
    message: Message,
) -> None:
    assert account.id is not None
    for admin in present_admins(session, account.id):
        assert admin.id is not None
        key = f"major-change-{stage}:{change.id}:{admin.id}"
        enqueue_to_person(session, core, key, admin.id, message)


def _ask(account: Account, change: MajorChange, who: str) -> Message:
    label, planned = account_label(account), change.planned_for.isoformat()
    if change.kind == MajorChangeKind.CLOSING:
        title = T.CLOSING_ASK_TITLE.format(account=label, planned=planned)
        text = T.CLOSING_ASK_TEXT.format(account=label, planned=planned)
    else:
        title = T.MAJOR_ASK_TITLE.format(account=label, planned=planned)
        text = T.MAJOR_ASK_TEXT.format(
            who=who, account=label, planned=planned, description=change.description
        )
    return Message(title=title, text=text, buttons=[_upload_button(account)])


def _reminder(account: Account, change: MajorChange) -> Message:
    label, planned = account_label(account), change.planned_for.isoformat()
    return Message(
        title=T.MAJOR_REMINDER_TITLE.format(account=label, planned=planned),
        text=T.MAJOR_REMINDER_TEXT.format(account=label, planned=planned),
        facts=[Fact(label=T.MAJOR_FACT_CHANGE, value=change.description)],
        buttons=[_upload_button(account)],
    )


def _upload_button(account: Account) -> Button:
    return Button(
        label=T.UPLOAD_BUTTON, action=UPLOAD_ACTION, value=str(account.id), style="primary"
    )


@verbs.summary_section
def major_change_lines(
    session: Session, core: Core, accounts: Sequence[Account], now: datetime
) -> dict[int, list[str]]:
    """Upcoming changes and closings that still wait for documentation."""
    today = core.calendar.local_date(now)
    last_documented = (
        select(func.max(DocumentationFile.uploaded_at))
        .where(col(DocumentationFile.account_id) == col(MajorChange.account_id))
        .scalar_subquery()
    )
    rows = session.exec(
        select(MajorChange, last_documented)
        .where(
            any_of(session, MajorChange.account_id, (a.id for a in accounts if a.id)),
            MajorChange.planned_for >= today,
        )
        .order_by(col(MajorChange.planned_for), col(MajorChange.id))
    ).all()
    lines: dict[int, list[str]] = {}
    for change, last in rows:
        if last is not None and last >= change.created_at:
            continue  # documented since the change was recorded
        planned = change.planned_for.isoformat()
        if change.kind == MajorChangeKind.CLOSING:
            line = T.SUMMARY_CLOSING.format(planned=planned)
        else:
            line = T.SUMMARY_MAJOR_CHANGE.format(planned=planned, description=change.description)
        lines.setdefault(change.account_id, []).append(line)
    return lines
