"""The alert's buttons: Vidarebefordra, Diarieför, Kräver inget svar (Besvarad, with its
reply check, is in reply_check.py).

Each checks who presses (admins, the forwarded-to person, communicators); a second press
changes nothing and says so; every change edits the alerts in place.
"""

from __future__ import annotations

from typing import Any

from bot.flows.comments import names
from bot.flows.comments.common import (
    T,
    alert_key,
    alert_message,
    comment_form,
    is_open,
    load_comment,
    local,
    overdue_key,
    reference_number,
    refresh_alerts,
    send_about,
)
from bot.flows.comments.confidential import close_if_handled
from bot.flows.escalation import resolve
from bot.messages import FormField
from bot.people import display_name
from bot.registry import Verbs
from bot.router import Context, Reply
from storage.models import Comment, CommentStatus, Person

verbs = Verbs()

MAX_DIARIENUMMER = 100


@verbs.action(names.NO_REPLY)
def no_reply(ctx: Context, value: str) -> Reply:
    comment, refusal = _open_comment(ctx, value)
    if comment is None:
        return refusal
    if comment.confidential:
        # Confidential data is registered, moved and removed; "no reply" would skip that.
        return Reply(notice=T.NO_REPLY_CONFIDENTIAL)
    close_comment(ctx, comment, CommentStatus.NO_REPLY_NEEDED, "kommentaren kräver inget svar")
    return Reply(notice=T.NO_REPLY_NOTICE)


def close_comment(
    ctx: Context, comment: Comment, status: CommentStatus, reason: str, **recorded: Any
) -> None:
    """Close an open comment by hand: audited with `recorded`, escalation resolved, alerts
    edited in place."""
    comment.status = status
    comment.closed_at = ctx.now
    comment.closed_by_id = ctx.actor.id
    ctx.session.add(comment)
    ctx.audit(f"comment.{status}", account_id=comment.account_id, comment_id=comment.id, **recorded)
    resolve(ctx.session, ctx.core, overdue_key(comment.id or 0), reason)
    refresh_alerts(ctx.session, ctx.core, comment)


def _open_comment(ctx: Context, value: str) -> tuple[Comment | None, Reply]:
    comment, refusal = load_comment(ctx, value)
    if comment is not None and not is_open(comment):
        return None, Reply(notice=T.ALREADY_HANDLED)
    return comment, refusal


@verbs.action(names.FORWARD)
def forward(ctx: Context, value: str) -> Reply:
    comment, refusal = _open_comment(ctx, value)
    if comment is None:
        return refusal
    return Reply(
        form=comment_form(
            names.FORWARD,
            T.FORWARD_TITLE,
            T.FORWARD_SUBMIT,
            comment.id or 0,
            FormField(id="person", label=T.FORWARD_PERSON, kind="user"),
            intro=T.FORWARD_INTRO.format(deadline=local(ctx.core, comment.deadline)),
        )
    )


@verbs.form(names.FORWARD)
def forward_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    comment, refusal = _open_comment(ctx, context)
    if comment is None:
        return refusal
    picked = str(values.get("person") or "")
    person = ctx.session.get(Person, int(picked)) if picked.isdigit() else None
    if person is None:
        return Reply(errors={"person": T.FORWARD_REQUIRED})
    if comment.forwarded_to_id == person.id:
        return Reply(errors={"person": T.FORWARD_SAME})
    comment.forwarded_to_id = person.id
    comment.forwarded_by_id = ctx.actor.id
    ctx.session.add(comment)
    ctx.audit(
        "comment.forwarded", account_id=comment.account_id, comment_id=comment.id, to_id=person.id
    )
    assert comment.id is not None and person.id is not None
    refresh_alerts(ctx.session, ctx.core, comment)
    # The person it was forwarded to gets the alert too (the deadline stays).
    send_about(
        ctx.session,
        ctx.core,
        comment.id,
        alert_key(comment.id, person.id, "forward"),
        person.id,
        alert_message(ctx.session, ctx.core, comment),
    )
    return Reply(
        notice=T.FORWARDED_NOTICE.format(
            name=display_name(person), deadline=local(ctx.core, comment.deadline)
        )
    )


@verbs.action(names.REGISTER)
def register(ctx: Context, value: str) -> Reply:
    comment, refusal = _unregistered(ctx, value)
    if comment is None:
        return refusal
    return Reply(
        form=comment_form(
            names.REGISTER,
            T.REGISTER_TITLE,
            T.REGISTER_SUBMIT,
            comment.id or 0,
            FormField(
                id="diarienummer",
                label=T.REGISTER_LABEL,
                kind="text",
                placeholder=T.REGISTER_PLACEHOLDER,
                max_length=MAX_DIARIENUMMER,
            ),
        )
    )


@verbs.form(names.REGISTER)
def register_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    comment, refusal = _unregistered(ctx, context)
    if comment is None:
        return refusal
    number, invalid = reference_number(
        values, "diarienummer", MAX_DIARIENUMMER, T.REGISTER_REQUIRED, T.REGISTER_TOO_LONG
    )
    if invalid:
        return invalid
    _register(ctx, comment, number)
    return Reply(notice=T.REGISTERED_NOTICE.format(number=number))


def _unregistered(ctx: Context, value: str) -> tuple[Comment | None, Reply]:
    comment, refusal = load_comment(ctx, value)
    if comment is not None and comment.diarienummer:
        return None, Reply(notice=T.ALREADY_REGISTERED.format(number=comment.diarienummer))
    return comment, refusal


def _register(ctx: Context, comment: Comment, number: str) -> None:
    comment.diarienummer = number
    comment.diarieford_by_id = ctx.actor.id
    comment.diarieford_at = ctx.now
    ctx.session.add(comment)
    ctx.audit(
        "comment.registered",
        account_id=comment.account_id,
        comment_id=comment.id,
        diarienummer=number,
    )
    # Registering is one of the steps for confidential data; the last step closes it.
    close_if_handled(ctx, comment)
    refresh_alerts(ctx.session, ctx.core, comment)
