"""The alert's buttons: Besvarad, Vidarebefordra, Diarieför, Kräver inget svar.

Each checks who presses (admins, the forwarded-to person, communicators); a second press
changes nothing and says so; every change edits the alerts in place.
"""

from __future__ import annotations

from typing import Any

from bot import audit
from bot.flows.comments.common import (
    T,
    alert_key,
    alert_message,
    is_open,
    load_comment,
    local,
    overdue_key,
    refresh_alerts,
)
from bot.flows.escalation import resolve
from bot.messages import Form, FormField
from bot.outbox import enqueue_to_person
from bot.people import display_name
from bot.router import Context, Reply, action, form
from storage.models import Comment, CommentStatus, Person

MAX_DIARIENUMMER = 100


@action("comments.answered")
def answered(ctx: Context, value: str) -> Reply:
    return _close(ctx, value, CommentStatus.ANSWERED, T.ANSWERED_NOTICE, "kommentaren är besvarad")


@action("comments.no_reply")
def no_reply(ctx: Context, value: str) -> Reply:
    return _close(
        ctx,
        value,
        CommentStatus.NO_REPLY_NEEDED,
        T.NO_REPLY_NOTICE,
        "kommentaren kräver inget svar",
    )


def _close(ctx: Context, value: str, status: CommentStatus, notice: str, reason: str) -> Reply:
    comment, refusal = load_comment(ctx, value)
    if comment is None:
        return refusal
    if not is_open(comment):
        return Reply(notice=T.ALREADY_HANDLED)
    comment.status = status
    comment.closed_at = ctx.now
    comment.closed_by_id = ctx.actor.id
    ctx.session.add(comment)
    audit.record(
        ctx.session,
        ctx.now,
        f"comment.{status}",
        actor_id=ctx.actor.id,
        account_id=comment.account_id,
        comment_id=comment.id,
    )
    resolve(ctx.session, ctx.core, overdue_key(comment.id or 0), reason)
    refresh_alerts(ctx.session, ctx.core, comment)
    return Reply(notice=notice)


@action("comments.forward")
def forward(ctx: Context, value: str) -> Reply:
    comment, refusal = load_comment(ctx, value)
    if comment is None:
        return refusal
    if not is_open(comment):
        return Reply(notice=T.ALREADY_HANDLED)
    return Reply(
        form=Form(
            id="comments.forward",
            title=T.FORWARD_TITLE,
            submit_label=T.FORWARD_SUBMIT,
            intro=T.FORWARD_INTRO.format(deadline=local(ctx.core, comment.deadline)),
            context=str(comment.id),
            fields=[FormField(id="person", label=T.FORWARD_PERSON, kind="user")],
        )
    )


@form("comments.forward")
def forward_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    comment, refusal = load_comment(ctx, context)
    if comment is None:
        return refusal
    if not is_open(comment):
        return Reply(notice=T.ALREADY_HANDLED)
    picked = str(values.get("person") or "")
    person = ctx.session.get(Person, int(picked)) if picked.isdigit() else None
    if person is None:
        return Reply(errors={"person": T.FORWARD_REQUIRED})
    if comment.forwarded_to_id == person.id:
        return Reply(errors={"person": T.FORWARD_SAME})
    comment.forwarded_to_id = person.id
    comment.forwarded_by_id = ctx.actor.id
    ctx.session.add(comment)
    audit.record(
        ctx.session,
        ctx.now,
        "comment.forwarded",
        actor_id=ctx.actor.id,
        account_id=comment.account_id,
        comment_id=comment.id,
        to_id=person.id,
    )
    assert comment.id is not None and person.id is not None
    refresh_alerts(ctx.session, ctx.core, comment)
    # The person it was forwarded to gets the alert too (the deadline stays).
    enqueue_to_person(
        ctx.session,
        ctx.core,
        alert_key(comment.id, person.id, "forward"),
        person.id,
        alert_message(ctx.session, ctx.core, comment),
    )
    return Reply(
        notice=T.FORWARDED_NOTICE.format(
            name=display_name(person), deadline=local(ctx.core, comment.deadline)
        )
    )


@action("comments.register")
def register(ctx: Context, value: str) -> Reply:
    comment, refusal = load_comment(ctx, value)
    if comment is None:
        return refusal
    if comment.diarienummer:
        return Reply(notice=T.ALREADY_REGISTERED.format(number=comment.diarienummer))
    return Reply(
        form=Form(
            id="comments.register",
            title=T.REGISTER_TITLE,
            submit_label=T.REGISTER_SUBMIT,
            context=str(comment.id),
            fields=[
                FormField(
                    id="diarienummer",
                    label=T.REGISTER_LABEL,
                    kind="text",
                    placeholder=T.REGISTER_PLACEHOLDER,
                    max_length=MAX_DIARIENUMMER,
                )
            ],
        )
    )


@form("comments.register")
def register_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    comment, refusal = load_comment(ctx, context)
    if comment is None:
        return refusal
    if comment.diarienummer:
        return Reply(notice=T.ALREADY_REGISTERED.format(number=comment.diarienummer))
    number = str(values.get("diarienummer") or "").strip()
    if not number:
        return Reply(errors={"diarienummer": T.REGISTER_REQUIRED})
    if len(number) > MAX_DIARIENUMMER:
        return Reply(errors={"diarienummer": T.REGISTER_TOO_LONG})
    _register(ctx, comment, number)
    return Reply(notice=T.REGISTERED_NOTICE.format(number=number))


def _register(ctx: Context, comment: Comment, number: str) -> None:
    comment.diarienummer = number
    comment.diarieford_by_id = ctx.actor.id
    comment.diarieford_at = ctx.now
    ctx.session.add(comment)
    audit.record(
        ctx.session,
        ctx.now,
        "comment.registered",
        actor_id=ctx.actor.id,
        account_id=comment.account_id,
        comment_id=comment.id,
        diarienummer=number,
    )
    refresh_alerts(ctx.session, ctx.core, comment)
