"""Rule 1: the närmaste chef approves (or rejects, with a reason). Only the named manager."""

from __future__ import annotations

from typing import Any

from bot.flows.opening import names, updates
from bot.flows.opening.common import T, name_of, text_form
from bot.flows.opening.machine import Event
from bot.flows.opening.steps import Step, asking, step
from bot.flows.opening.validation import checked_text
from bot.markup import escape, strong
from bot.messages import Button, Form, FormField, Message
from bot.registry import Verbs
from bot.router import Reply
from storage.models import Account, AccountStatus

verbs = Verbs()

REASON_MAX = 1000


@verbs.action(names.APPROVE)
@step(Event.APPROVE)
def approve(step: Step) -> Reply:
    ctx, account = step.ctx, step.account
    account.manager_approved_at = ctx.now
    ctx.session.add(account)
    step.record(manager_id=account.manager_id)
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
@asking(Event.REJECT)
def ask_reason(step: Step) -> Reply:
    return Reply(form=reject_form(step.account))


@verbs.form(names.REJECT)
@step(Event.REJECT)  # checked again: the form may have been open while someone else acted
def reject(step: Step, values: dict[str, Any]) -> Reply:
    ctx, account = step.ctx, step.account
    reason, invalid = checked_text(values, "reason", REASON_MAX)
    if invalid:
        return invalid
    account.status = AccountStatus.REJECTED
    account.rejected_reason = reason
    account.rejected_at = ctx.now
    ctx.session.add(account)
    step.record(manager_id=account.manager_id, reason=reason)
    updates.tell_applicant(
        ctx,
        account,
        "rejected",
        Message(
            title=T.REJECTED_TO_APPLICANT_TITLE.format(name=account.name),
            text=T.REJECTED_TO_APPLICANT.format(
                manager=name_of(ctx.session, account.manager_id), reason=escape(reason)
            ),
            buttons=[Button(label=T.NEW_APPLICATION, action=names.NEW_APPLICATION)],
        ),
    )
    return Reply(notice=T.REJECTED_NOTICE.format(name=account.name))
