"""Rule 2: a communicator anchors purpose and audience, or asks the applicant for more."""

from __future__ import annotations

from typing import Any

from bot.flows.opening import names, updates
from bot.flows.opening.common import T, name_of, text_form
from bot.flows.opening.machine import Event
from bot.flows.opening.steps import Step, asking, step
from bot.flows.opening.validation import checked_text
from bot.markup import strong
from bot.messages import Button, Form, FormField, Message
from bot.registry import Verbs
from bot.router import Reply
from storage.models import Account

verbs = Verbs()

COMMENT_MAX = 1000


@verbs.action(names.ANCHOR)
@step(Event.ANCHOR)
def anchor(step: Step) -> Reply:
    ctx, account = step.ctx, step.account
    account.anchored_at = ctx.now
    account.anchored_by_id = ctx.actor.id
    ctx.session.add(account)
    step.record(revision=account.revision)
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
@asking(Event.REQUEST_COMPLETION)
def ask_completion(step: Step) -> Reply:
    return Reply(form=completion_form(step.account))


@verbs.form(names.COMPLETION)
@step(Event.REQUEST_COMPLETION)
def request_completion(step: Step, values: dict[str, Any]) -> Reply:
    ctx, account = step.ctx, step.account
    comment, invalid = checked_text(values, "comment", COMMENT_MAX)
    if invalid:
        return invalid
    account.completion_request = comment
    account.completion_requested_at = ctx.now
    account.completion_requested_by_id = ctx.actor.id
    ctx.session.add(account)
    step.record(revision=account.revision, comment=comment)
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
    return Reply(notice=T.COMPLETION_NOTICE)
