"""`pausa-konto`: the owner asks to pause an account until a date; a communicator approves.

While PAUSED the posting sweeps (morning DM, silence escalation) leave the account alone, since
they look at ACTIVE accounts only; comments keep their deadlines and alerts. The sweep here
tells the admins the day before the pause ends and ends it on its date (`resumed_at`: silence
is counted from then, not from the last post before the pause).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from bot import audit
from bot import texts as t
from bot.core import Core
from bot.flows.account_choice import account_label
from bot.flows.accounts import lifecycle, names
from bot.flows.admins.roster import present_admins
from bot.flows.opening.common import load_account, name_of
from bot.messages import Button, Fact, Form, FormField, Message
from bot.outbox import enqueue_to_communicators, enqueue_to_person, enqueue_update
from bot.registry import COMMUNICATORS, Verbs
from bot.router import Context, Reply
from storage.models import Account, AccountStatus

verbs = Verbs()
A = t.accounts

# A summer break, a parental leave: longer than this is a closing, not a pause.
LONGEST_PAUSE = timedelta(days=365)


def pause_form(accounts: list[Account]) -> Form:
    return Form(
        id=names.PAUSE,
        title=A.PAUSE_FORM_TITLE,
        submit_label=A.PAUSE_FORM_SUBMIT,
        intro=A.PAUSE_FORM_INTRO,
        fields=[
            lifecycle.account_select(accounts),
            FormField(id="until", label=A.LABEL_PAUSE_UNTIL, kind="date", hint=A.HINT_PAUSE_UNTIL),
            lifecycle.reason_field(),
        ],
    )


@verbs.command("pausa-konto", A.COMMAND_PAUSE)
def pause_command(ctx: Context, text: str) -> Reply:
    accounts = lifecycle.owned_accounts(ctx.session, ctx.actor.id)
    if not accounts:
        return Reply(notice=A.PAUSE_NO_ACCOUNTS)
    return Reply(form=pause_form(accounts))


@verbs.form(names.PAUSE)
def pause_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    errors: dict[str, str] = {}
    account = lifecycle.chosen_account(
        ctx, values, lifecycle.owned_accounts(ctx.session, ctx.actor.id)
    )
    if account is None:
        errors["account"] = A.ERROR_PAUSE_NOT_OWNER
    elif account.status != AccountStatus.ACTIVE or lifecycle.pause_waiting(account):
        errors["account"] = A.ERROR_PAUSE_WAITING
    until, date_error = _until(ctx, str(values.get("until") or "").strip())
    if date_error:
        errors["until"] = date_error
    reason = str(values.get("reason") or "").strip()
    if not reason:
        errors["reason"] = A.ERROR_REASON
    elif len(reason) > 500:
        errors["reason"] = t.opening.ERROR_TOO_LONG.format(max=500, length=len(reason))
    if errors or account is None or until is None:
        return Reply(errors=errors)
    account.pause_until = until
    account.pause_reason = reason
    account.pause_requested_by_id = ctx.actor.id
    account.pause_requested_at = ctx.now
    account.pause_approved_by_id = None
    ctx.session.add(account)
    ctx.audit("accounts.pause_requested", account.id, until=until.isoformat(), reason=reason)
    enqueue_to_communicators(
        ctx.session, ctx.core, request_key(account), request_card(ctx.session, account)
    )
    return Reply(
        notice=A.PAUSE_REQUESTED_NOTICE.format(
            account=account_label(account), until=until.isoformat()
        )
    )


def _until(ctx: Context, raw: str) -> tuple[date | None, str | None]:
    try:
        until = date.fromisoformat(raw)
    except ValueError:
        return None, A.ERROR_DATE
    today = ctx.core.calendar.local_date(ctx.now)
    if until <= today:
        return None, A.ERROR_PAUSE_DATE_PAST
    if until > today + LONGEST_PAUSE:
        return None, A.ERROR_PAUSE_TOO_LONG.format(last=(today + LONGEST_PAUSE).isoformat())
    return until, None


def request_key(account: Account) -> str:
    assert account.pause_requested_at is not None
    return f"pause-request:{account.id}:{int(account.pause_requested_at.timestamp())}"


def request_card(session: Session, account: Account, footer: str | None = None) -> Message:
    assert account.pause_until is not None
    value = str(account.id)
    buttons = (
        []
        if footer
        else [
            Button(
                label=A.PAUSE_APPROVE_BUTTON,
                action=names.PAUSE_APPROVE,
                value=value,
                style="primary",
            ),
            Button(
                label=A.PAUSE_DECLINE_BUTTON,
                action=names.PAUSE_DECLINE,
                value=value,
                confirm=A.CONFIRM_PAUSE_DECLINE,
            ),
        ]
    )
    until = account.pause_until.isoformat()
    return Message(
        title=A.PAUSE_REQUEST_TITLE.format(
            owner=name_of(session, account.pause_requested_by_id),
            account=account_label(account),
            until=until,
        ),
        text=A.PAUSE_REQUEST_TEXT.format(until=until),
        facts=[
            Fact(label=A.FACT_PAUSE_UNTIL, value=until),
            Fact(label=A.FACT_REASON, value=account.pause_reason or "–"),
        ],
        buttons=buttons,
        footer=footer,
    )


def _waiting(ctx: Context, value: str) -> tuple[Account | None, Reply]:
    account = load_account(ctx.session, int(value)) if value.isdigit() else None
    if account is None:
        return None, Reply(notice=A.NO_SUCH_ACCOUNT)
    if not lifecycle.pause_waiting(account) or lifecycle.is_closing(account):
        return None, Reply(notice=A.PAUSE_NOT_WAITING)
    return account, Reply()


@verbs.action(names.PAUSE_APPROVE, audience=COMMUNICATORS)
def approve(ctx: Context, value: str) -> Reply:
    account, refusal = _waiting(ctx, value)
    if account is None:
        return refusal
    assert account.pause_until is not None
    if account.pause_until <= ctx.core.calendar.local_date(ctx.now):
        return Reply(notice=A.ERROR_PAUSE_DATE_PAST)
    account.status = AccountStatus.PAUSED
    account.pause_approved_by_id = ctx.actor.id
    ctx.session.add(account)
    until = account.pause_until.isoformat()
    ctx.audit("accounts.paused", account.id, until=until, reason=account.pause_reason)
    footer = A.PAUSE_APPROVED_FOOTER.format(
        name=name_of(ctx.session, ctx.actor.id), when=lifecycle.when(ctx.core, ctx.now)
    )
    enqueue_update(
        ctx.session, ctx.core, request_key(account), request_card(ctx.session, account, footer)
    )
    told = Message(
        title=A.PAUSED_TITLE.format(account=account_label(account), until=until),
        text=A.PAUSED_TEXT.format(approver=name_of(ctx.session, ctx.actor.id), until=until),
    )
    _tell(ctx.session, ctx.core, account, f"paused:{account.id}:{until}", told)
    return Reply(notice=A.PAUSE_APPROVED_NOTICE.format(account=account_label(account), until=until))


@verbs.action(names.PAUSE_DECLINE, audience=COMMUNICATORS)
def decline(ctx: Context, value: str) -> Reply:
    account, refusal = _waiting(ctx, value)
    if account is None:
        return refusal
    footer = A.PAUSE_DECLINED_FOOTER.format(
        name=name_of(ctx.session, ctx.actor.id), when=lifecycle.when(ctx.core, ctx.now)
    )
    key = request_key(account)
    enqueue_update(ctx.session, ctx.core, key, request_card(ctx.session, account, footer))
    ctx.audit("accounts.pause_declined", account.id, until=str(account.pause_until))
    owner = account.pause_requested_by_id
    if owner is not None:
        message = Message(
            title=A.PAUSE_DECLINED_TITLE.format(account=account_label(account)),
            text=A.PAUSE_DECLINED_TEXT.format(name=name_of(ctx.session, ctx.actor.id)),
        )
        enqueue_to_person(ctx.session, ctx.core, f"{key}:declined", owner, message)
    # The request is gone (the audit log keeps it): the owner may ask again.
    account.pause_until = account.pause_reason = None
    account.pause_requested_at = None
    account.pause_requested_by_id = None
    ctx.session.add(account)
    return Reply(notice=A.PAUSE_DECLINED_NOTICE.format(account=account_label(account)))


def _tell(session: Session, core: Core, account: Account, key: str, message: Message) -> None:
    """The account's present admins, and its owner if not among them, once each."""
    assert account.id is not None
    people = [p.id for p in present_admins(session, account.id)]
    if account.owner_id not in people:
        people.append(account.owner_id)
    for person_id in people:
        assert person_id is not None
        enqueue_to_person(session, core, f"{key}:{person_id}", person_id, message)


@verbs.sweep("accounts.pause")
def pause_ends(core: Core, session: Session) -> None:
    """The day before its date the admins hear the pause ends; on the date it ends."""
    now = core.now()
    today = core.calendar.local_date(now)
    morning = now >= core.calendar.at_local(today, core.settings.morning_reminder_time)
    paused = session.exec(
        select(Account).where(
            Account.status == AccountStatus.PAUSED,
            col(Account.pause_until) <= today + timedelta(days=1),
        )
    ).all()
    for account in paused:
        assert account.pause_until is not None
        if account.pause_until <= today:
            _resume(session, core, account)
        elif morning:
            until = account.pause_until.isoformat()
            message = Message(
                title=A.PAUSE_ENDS_TITLE.format(account=account_label(account)),
                text=A.PAUSE_ENDS_TEXT.format(account=account_label(account), until=until),
            )
            _tell(session, core, account, f"pause-ends:{account.id}:{until}", message)


def _resume(session: Session, core: Core, account: Account) -> None:
    account.status = AccountStatus.ACTIVE
    account.resumed_at = core.now()
    session.add(account)
    audit.record(
        session,
        core.now(),
        "accounts.pause_ended",
        account_id=account.id,
        until=str(account.pause_until),
    )
