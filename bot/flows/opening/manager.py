"""Rule 1: the närmsta chef approves (or rejects, with a reason). Only the named manager."""

from __future__ import annotations

from typing import Any

from bot.flows.opening import names, updates
from bot.flows.opening.activation import maybe_activate
from bot.flows.opening.common import (
    T,
    account_from_value,
    name_of,
    not_pending,
    record,
    text_form,
)
from bot.flows.opening.validation import checked_text
from bot.markup import strong
from bot.messages import Form, FormField, Message
from bot.registry import Verbs
from bot.router import Context, Reply
from storage.models import Account, AccountStatus

verbs = Verbs()

REASON_MAX = 1000


def _may_decide(ctx: Context, value: str) -> tuple[Account | None, Reply | None]:
    account, _, refusal = account_from_value(ctx, value)
    if refusal or account is None:
        return None, refusal
    if ctx.actor.id != account.manager_id:
        return None, Reply(notice=T.ONLY_MANAGER)
    if account.manager_approved_at is not None or account.status == AccountStatus.REJECTED:
        return None, Reply(notice=T.MANAGER_ALREADY_DECIDED)
    if refusal := not_pending(account):
        return None, refusal
    return account, None


@verbs.action(names.APPROVE)
def approve(ctx: Context, value: str) -> Reply:
    account, refusal = _may_decide(ctx, value)
    if refusal or account is None:
        return refusal or Reply(notice=T.NOT_FOUND)
    account.manager_approved_at = ctx.now
    ctx.session.add(account)
    record(ctx, "manager_approved", account, manager_id=account.manager_id)
    updates.refresh_manager_request(ctx.session, ctx.core, account)
    updates.send_review(ctx.session, ctx.core, account)
    updates.tell_applicant(
        ctx,
        account,
        f"approved:{account.revision}",
        Message(
            text=T.APPROVED_TO_APPLICANT.format(
                manager=name_of(ctx.session, account.manager_id), name=account.name
            )
        ),
    )
    maybe_activate(ctx, account)
    updates.refresh_status_cards(ctx.session, ctx.core, account)
    return Reply(notice=T.APPROVED_NOTICE.format(name=account.name))


def reject_form(account: Account) -> Form:
    return text_form(
        names.REJECT,
        T.REJECT_FORM_TITLE,
        T.REJECT_FORM_SUBMIT,
        account,
        f"{strong(account.name)}. {T.REJECT_FORM_INTRO}",
        FormField(id="reason", label=T.LABEL_REASON, kind="textarea", max_length=REASON_MAX),
    )


@verbs.action(names.REJECT)
def ask_reason(ctx: Context, value: str) -> Reply:
    account, refusal = _may_decide(ctx, value)
    if refusal or account is None:
        return refusal or Reply(notice=T.NOT_FOUND)
    return Reply(form=reject_form(account))


@verbs.form(names.REJECT)
def reject(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    # Checked again: the form may have been open while someone else acted.
    account, refusal = _may_decide(ctx, context)
    if refusal or account is None:
        return refusal or Reply(notice=T.NOT_FOUND)
    reason, invalid = checked_text(values, "reason", REASON_MAX)
    if invalid:
        return invalid
    account.status = AccountStatus.REJECTED
    account.rejected_reason = reason
    account.rejected_at = ctx.now
    ctx.session.add(account)
    record(ctx, "manager_rejected", account, manager_id=account.manager_id, reason=reason)
    updates.close_open_requests(ctx.session, ctx.core, account)
    updates.tell_applicant(
        ctx,
        account,
        "rejected",
        Message(
            title=T.REJECTED_TO_APPLICANT_TITLE.format(name=account.name),
            text=T.REJECTED_TO_APPLICANT.format(
                manager=name_of(ctx.session, account.manager_id), reason=reason
            ),
        ),
    )
    return Reply(notice=T.REJECTED_NOTICE.format(name=account.name))
