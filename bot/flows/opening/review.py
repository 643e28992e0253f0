"""Rule 2: a communicator anchors purpose and audience, or asks the applicant for more."""

from __future__ import annotations

from typing import Any

from bot.flows.opening import names, updates
from bot.flows.opening.activation import maybe_activate
from bot.flows.opening.common import T, for_communicator, name_of, record, text_form
from bot.flows.opening.validation import checked_text
from bot.markup import strong
from bot.messages import Button, Form, FormField, Message
from bot.registry import Verbs
from bot.router import Context, Reply
from storage.models import Account

verbs = Verbs()

COMMENT_MAX = 1000


def _may_review(ctx: Context, value: str) -> tuple[Account | None, Reply | None]:
    account, refusal = for_communicator(ctx, value)
    if refusal or account is None:
        return None, refusal
    if account.manager_approved_at is None:
        return None, Reply(notice=T.NOT_YET_APPROVED)
    if account.anchored_at is not None:
        return None, Reply(notice=T.ALREADY_ANCHORED)
    if account.completion_request:
        return None, Reply(notice=T.COMPLETION_PENDING)
    return account, None


@verbs.action(names.ANCHOR)
def anchor(ctx: Context, value: str) -> Reply:
    account, refusal = _may_review(ctx, value)
    if refusal or account is None:
        return refusal or Reply(notice=T.NOT_FOUND)
    account.anchored_at = ctx.now
    account.anchored_by_id = ctx.actor.id
    ctx.session.add(account)
    record(ctx, "anchored", account, revision=account.revision)
    updates.tell_applicant(
        ctx,
        account,
        "anchored",
        Message(
            text=T.ANCHORED_TO_APPLICANT.format(
                communicator=name_of(ctx.session, ctx.actor.id), name=account.name
            )
        ),
    )
    maybe_activate(ctx, account)
    updates.refresh_status_cards(ctx.session, ctx.core, account)
    return Reply(notice=T.ANCHORED_NOTICE.format(name=account.name))


def completion_form(account: Account) -> Form:
    return text_form(
        names.COMPLETION,
        T.COMPLETION_FORM_TITLE,
        T.COMPLETION_FORM_SUBMIT,
        account,
        strong(account.name),
        FormField(id="comment", label=T.LABEL_COMPLETION, kind="textarea", max_length=COMMENT_MAX),
    )


@verbs.action(names.REQUEST_COMPLETION)
def ask_completion(ctx: Context, value: str) -> Reply:
    account, refusal = _may_review(ctx, value)
    if refusal or account is None:
        return refusal or Reply(notice=T.NOT_FOUND)
    return Reply(form=completion_form(account))


@verbs.form(names.COMPLETION)
def request_completion(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    account, refusal = _may_review(ctx, context)
    if refusal or account is None:
        return refusal or Reply(notice=T.NOT_FOUND)
    comment, invalid = checked_text(values, "comment", COMMENT_MAX)
    if invalid:
        return invalid
    account.completion_request = comment
    account.completion_requested_at = ctx.now
    account.completion_requested_by_id = ctx.actor.id
    ctx.session.add(account)
    record(ctx, "completion_requested", account, revision=account.revision, comment=comment)
    updates.tell_applicant(
        ctx,
        account,
        f"completion:{account.revision}",
        Message(
            title=T.COMPLETION_TO_APPLICANT_TITLE.format(name=account.name),
            text=T.COMPLETION_TO_APPLICANT.format(
                communicator=name_of(ctx.session, ctx.actor.id), comment=comment
            ),
            buttons=[
                Button(label=T.EDIT, action=names.EDIT, value=str(account.id), style="primary")
            ],
        ),
    )
    updates.refresh_status_cards(ctx.session, ctx.core, account)
    return Reply(notice=T.COMPLETION_NOTICE)
