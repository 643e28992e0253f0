"""`avsluta-konto`: closing an account, in three steps.

The owner or a communicator starts it with a reason; the admins are asked for a final
documentation (the ordinary upload flow); a communicator confirms, with **Kontot är borttaget**,
that the account is removed or unpublished and its login details destroyed. Only then is it
CLOSED: every sweep looks past it, its open escalations are resolved with a note, and its open
comments are listed for the communicator to settle. Documentation, evidence and registered
items are kept. A closing that stalls is reminded and escalated like a stalled application.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from bot import texts as t
from bot.core import Core
from bot.flows.account_choice import account_label
from bot.flows.accounts import lifecycle, names
from bot.flows.admins.roster import present_admins
from bot.flows.comments.common import local as comment_local
from bot.flows.comments.names import NO_REPLY
from bot.flows.documentation import schedule
from bot.flows.documentation.upload import UPLOAD_ACTION
from bot.flows.escalation import escalate, resolve
from bot.flows.opening.common import load_account, name_of
from bot.messages import Button, Fact, Form, Message
from bot.outbox import enqueue_to_communicators, enqueue_to_person, enqueue_update
from bot.platforms import SMALLEST
from bot.registry import COMMUNICATORS, Verbs
from bot.router import Context, Reply
from bot.texts.plural import antal
from storage.models import (
    Account,
    AccountReview,
    AccountStatus,
    AdminShortage,
    Comment,
    CommentStatus,
    Escalation,
    EscalationStatus,
)

verbs = Verbs()
A = t.accounts


def closable_accounts(ctx: Context) -> list[Account]:
    """A communicator may close any live account; an owner their own."""
    if ctx.actor.is_communicator:
        return lifecycle.live_accounts(ctx.session)
    return lifecycle.owned_accounts(ctx.session, ctx.actor.id)


def close_form(accounts: list[Account], chosen: int | None = None) -> Form:
    return Form(
        id=names.CLOSE,
        title=A.CLOSE_FORM_TITLE,
        submit_label=A.CLOSE_FORM_SUBMIT,
        intro=A.CLOSE_FORM_INTRO,
        fields=[lifecycle.account_select(accounts, chosen), lifecycle.reason_field()],
    )


@verbs.command("avsluta-konto", A.COMMAND_CLOSE)
def close_command(ctx: Context, text: str) -> Reply:
    accounts = closable_accounts(ctx)
    if not accounts:
        return Reply(notice=A.CLOSE_NO_ACCOUNTS)
    return Reply(form=close_form(accounts))


@verbs.form(names.CLOSE)
def close_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    errors: dict[str, str] = {}
    account = lifecycle.chosen_account(ctx, values, closable_accounts(ctx))
    if account is None:
        started = _started(ctx, values)
        errors["account"] = A.ERROR_CLOSE_STARTED if started else A.ERROR_CLOSE_NOT_ALLOWED
    reason = str(values.get("reason") or "").strip()
    if not reason:
        errors["reason"] = A.ERROR_REASON
    elif len(reason) > 500:
        errors["reason"] = t.opening.ERROR_TOO_LONG.format(max=500, length=len(reason))
    if errors or account is None:
        return Reply(errors=errors)
    start_closing(ctx, account, reason)
    return Reply(notice=A.CLOSE_STARTED_NOTICE.format(account=account_label(account)))


def _started(ctx: Context, values: dict[str, Any]) -> bool:
    """The chosen account is one this person could close, but its closing already began."""
    raw = str(values.get("account") or "")
    account = ctx.session.get(Account, int(raw)) if raw.isdigit() else None
    if account is None or not lifecycle.is_closing(account):
        return False
    return ctx.actor.is_communicator or account.owner_id == ctx.actor.id


def start_closing(ctx: Context, account: Account, reason: str) -> None:
    assert account.id is not None
    account.closing_reason = reason
    account.closing_started_by_id = ctx.actor.id
    account.closing_started_at = ctx.now
    ctx.session.add(account)
    ctx.audit("accounts.closing_started", account.id, reason=reason)
    # The yearly review has its answer: the account is going.
    for review in open_reviews(ctx.session, account.id):
        review.done_at = ctx.now
        ctx.session.add(review)
    message = Message(
        title=A.CLOSE_DOCS_TITLE.format(account=account_label(account)),
        text=A.CLOSE_DOCS_TEXT.format(
            by=name_of(ctx.session, ctx.actor.id), account=account_label(account), reason=reason
        ),
        buttons=[_upload_button(account)],
    )
    for admin in present_admins(ctx.session, account.id):
        assert admin.id is not None
        enqueue_to_person(
            ctx.session, ctx.core, f"{closing_key(account)}:docs:{admin.id}", admin.id, message
        )
    enqueue_to_communicators(
        ctx.session, ctx.core, closing_key(account), closing_card(ctx.session, ctx.core, account)
    )


def open_reviews(session: Session, account_id: int) -> list[AccountReview]:
    return list(
        session.exec(
            select(AccountReview).where(
                AccountReview.account_id == account_id, col(AccountReview.done_at).is_(None)
            )
        ).all()
    )


def closing_key(account: Account) -> str:
    assert account.closing_started_at is not None
    return f"closing:{account.id}:{int(account.closing_started_at.timestamp())}"


def _upload_button(account: Account) -> Button:
    return Button(
        label=t.documentation.UPLOAD_BUTTON,
        action=UPLOAD_ACTION,
        value=str(account.id),
        style="primary",
    )


def final_documentation(session: Session, account: Account) -> bool:
    assert account.id is not None and account.closing_started_at is not None
    return schedule.documented_since(session, account.id, account.closing_started_at)


def closing_card(
    session: Session, core: Core, account: Account, footer: str | None = None
) -> Message:
    assert account.closing_started_at is not None
    buttons = (
        []
        if footer
        else [
            Button(
                label=A.CLOSE_CONFIRM_BUTTON,
                action=names.CLOSE_CONFIRM,
                value=str(account.id),
                style="danger",
                confirm=A.CONFIRM_CLOSE,
            )
        ]
    )
    return Message(
        title=A.CLOSE_CARD_TITLE.format(account=account_label(account)),
        text=A.CLOSE_CARD_TEXT,
        facts=[
            Fact(label=A.FACT_REASON, value=account.closing_reason or "–"),
            Fact(label=A.FACT_ASKED_BY, value=name_of(session, account.closing_started_by_id)),
            Fact(
                label=A.FACT_CLOSE_STARTED, value=lifecycle.when(core, account.closing_started_at)
            ),
        ],
        buttons=buttons,
        footer=footer,
    )


@verbs.action(names.CLOSE_CONFIRM, audience=COMMUNICATORS)
def confirm_closed(ctx: Context, value: str) -> Reply:
    account = load_account(ctx.session, int(value)) if value.isdigit() else None
    if account is None:
        return Reply(notice=A.NO_SUCH_ACCOUNT)
    if account.status == AccountStatus.CLOSED:
        return Reply(notice=A.CLOSE_ALREADY_DONE)
    if not lifecycle.is_closing(account):
        return Reply(notice=A.CLOSE_NOT_STARTED)
    if not final_documentation(ctx.session, account):
        return Reply(notice=A.CLOSE_NEEDS_DOCUMENTATION)
    assert account.id is not None
    was = account.status
    account.status = AccountStatus.CLOSED
    account.closed_at = ctx.now
    account.closed_by_id = ctx.actor.id
    ctx.session.add(account)
    resolved = _resolve_escalations(ctx, account.id)
    _end_shortage(ctx, account.id)
    comments = _open_comments(ctx.session, account.id)
    ctx.audit(
        "accounts.closed",
        account.id,
        reason=account.closing_reason,
        status_before=str(was),
        escalations_resolved=resolved,
        open_comments=[c.id for c in comments],
    )
    footer = A.CLOSED_FOOTER.format(
        name=name_of(ctx.session, ctx.actor.id), when=lifecycle.when(ctx.core, ctx.now)
    )
    enqueue_update(
        ctx.session,
        ctx.core,
        closing_key(account),
        closing_card(ctx.session, ctx.core, account, footer),
    )
    told = Message(
        title=A.CLOSED_TITLE.format(account=account_label(account)),
        text=A.CLOSED_TEXT.format(name=name_of(ctx.session, ctx.actor.id)),
    )
    for admin in present_admins(ctx.session, account.id):
        assert admin.id is not None
        enqueue_to_person(
            ctx.session, ctx.core, f"{closing_key(account)}:closed:{admin.id}", admin.id, told
        )
    notice = A.CLOSED_NOTICE.format(account=account_label(account))
    if not comments:
        return Reply(notice=notice)
    return Reply(notice=notice, message=_comments_to_settle(ctx, account, comments))


def _resolve_escalations(ctx: Context, account_id: int) -> list[str]:
    keys = ctx.session.exec(
        select(Escalation.key).where(
            Escalation.account_id == account_id, Escalation.status != EscalationStatus.RESOLVED
        )
    ).all()
    for key in keys:
        resolve(ctx.session, ctx.core, key, A.CLOSED_ESCALATION_NOTE)
    return list(keys)


def _end_shortage(ctx: Context, account_id: int) -> None:
    """A closed account needs no admins: its shortage (if any) ends with it."""
    for shortage in ctx.session.exec(
        select(AdminShortage).where(
            AdminShortage.account_id == account_id, col(AdminShortage.ended_at).is_(None)
        )
    ).all():
        shortage.ended_at = ctx.now
        shortage.open_account_id = None
        ctx.session.add(shortage)


def _open_comments(session: Session, account_id: int) -> list[Comment]:
    return list(
        session.exec(
            select(Comment)
            .where(Comment.account_id == account_id, Comment.status == CommentStatus.OPEN)
            .order_by(col(Comment.id))
        ).all()
    )


def _comments_to_settle(ctx: Context, account: Account, comments: list[Comment]) -> Message:
    lines = [
        A.OPEN_COMMENT_LINE.format(
            id=c.id,
            received=comment_local(ctx.core, c.received_at),
            deadline=comment_local(ctx.core, c.deadline),
            link=f" – {c.permalink}" if c.permalink else "",
        )
        for c in comments
    ]
    buttons = [
        Button(
            label=A.OPEN_COMMENT_BUTTON.format(id=c.id),
            action=NO_REPLY,
            value=str(c.id),
            confirm=t.comments.CONFIRM_NO_REPLY,
        )
        for c in comments
    ]
    return Message(
        title=A.CLOSED_OPEN_COMMENTS_TITLE.format(
            account=account_label(account),
            count=antal(len(comments), "öppen kommentar", "öppna kommentarer"),
        ),
        text=A.CLOSED_OPEN_COMMENTS_TEXT,
        checklist=lines,
        buttons=buttons[: SMALLEST.buttons],
    )


@verbs.sweep("accounts.closing", morning=True)
def stalled_closings(core: Core, session: Session) -> None:
    """Each working morning: a closing still open is reminded, then escalated, by the
    opening's numbers (OPENING_REMINDER/ESCALATION_AFTER_WORKING_DAYS)."""
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    closing = session.exec(
        select(Account).where(
            col(Account.status).in_((AccountStatus.ACTIVE, AccountStatus.PAUSED)),
            col(Account.closing_started_at).is_not(None),
        )
    ).all()
    rules = core.guideline.rules
    for account in closing:
        assert account.closing_started_at is not None
        started = core.calendar.local_date(account.closing_started_at)
        days = core.calendar.working_days_between(started, today)
        documented = final_documentation(session, account)
        if days >= rules.opening_reminder_after_working_days and not documented:
            _remind_admins(session, core, account, started)
        if days >= rules.opening_escalation_after_working_days:
            waiting = A.CLOSING_WAITING_CONFIRM if documented else A.CLOSING_WAITING_DOCS
            escalate(
                session,
                core,
                key=f"{closing_key(account)}:stalled",
                kind="closing-stalled",
                summary=A.CLOSING_STALLED.format(
                    name=account_label(account), days=days, waiting=waiting
                ),
                account_id=account.id,
            )


def _remind_admins(session: Session, core: Core, account: Account, started: date) -> None:
    assert account.id is not None
    escalated = core.calendar.add_working_days(
        started, core.guideline.rules.opening_escalation_after_working_days
    )
    message = Message(
        title=A.CLOSING_REMIND_TITLE.format(account=account_label(account)),
        text=A.CLOSING_REMIND_TEXT.format(
            account=account_label(account),
            date=started.isoformat(),
            escalated=escalated.isoformat(),
        ),
        buttons=[_upload_button(account)],
    )
    for admin in present_admins(session, account.id):
        assert admin.id is not None
        key = f"{closing_key(account)}:reminder:{admin.id}"
        enqueue_to_person(session, core, key, admin.id, message)
