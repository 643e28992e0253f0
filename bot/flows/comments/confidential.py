"""Confidential data in a comment ("Sekretessbelagda uppgifter får inte förekomma").

A comment holding a personnummer is not answered in the comment field: it cannot be
closed with **Besvarad** or **Kräver inget svar**. It offers the guideline's steps as
buttons — **Diarieför** (a diarienummer), **Annan kanal** (where the conversation goes
on) and **Markera som borttagen** — and closes when all three are recorded (a deletion
seen on the platform counts as the removal). The communicators get the alert at once;
at the reply deadline an open one becomes its own escalation (`comment-confidential`),
resolved when it closes.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from bot import audit
from bot.core import Core
from bot.flows.comments import names
from bot.flows.comments.common import (
    T,
    alert_key,
    alert_message,
    comment_form,
    is_open,
    load_comment,
    overdue_key,
    refresh_alerts,
    steps_left,
)
from bot.flows.escalation import resolve
from bot.messages import FormField, Option
from bot.outbox import enqueue_to_communicators
from bot.registry import Verbs
from bot.router import Context, Reply
from storage.models import Comment, CommentMessage, CommentStatus

verbs = Verbs()


def confidential_key(comment_id: int) -> str:
    return f"comment-confidential:{comment_id}"


def tell_communicators(session: Session, core: Core, comment: Comment) -> None:
    """The alert to the communicators' channel too (once), kept current like the admins'."""
    assert comment.id is not None
    key = alert_key(comment.id, 0, "confidential")
    if enqueue_to_communicators(session, core, key, alert_message(session, core, comment)):
        session.add(CommentMessage(comment_id=comment.id, key=key, refreshed=True))


def close_when_done(session: Session, core: Core, comment: Comment, actor_id: int | None) -> bool:
    """Close a confidential comment whose last step was just recorded."""
    if not comment.confidential or not is_open(comment) or steps_left(comment):
        return False
    now = core.now()
    comment.status = CommentStatus.CONFIDENTIAL_HANDLED
    comment.closed_at = now
    comment.closed_by_id = actor_id
    session.add(comment)
    audit.record(
        session,
        now,
        "comment.confidential_handled",
        actor_id=actor_id,
        account_id=comment.account_id,
        comment_id=comment.id,
        diarienummer=comment.diarienummer,
        channel=comment.confidential_channel,
    )
    resolve(session, core, confidential_key(comment.id or 0), "hanterad som sekretess")
    resolve(session, core, overdue_key(comment.id or 0), "hanterad som sekretess")
    return True


def close_if_handled(ctx: Context, comment: Comment) -> bool:
    return close_when_done(ctx.session, ctx.core, comment, ctx.actor.id)


def _confidential(ctx: Context, value: str) -> tuple[Comment | None, Reply]:
    comment, refusal = load_comment(ctx, value)
    if comment is None:
        return None, refusal
    if not comment.confidential:
        return None, Reply(notice=T.NOT_CONFIDENTIAL)
    if not is_open(comment):
        return None, Reply(notice=T.ALREADY_HANDLED)
    return comment, refusal


def _step_done(ctx: Context, comment: Comment) -> Reply:
    closed = close_if_handled(ctx, comment)
    refresh_alerts(ctx.session, ctx.core, comment)
    if closed:
        return Reply(notice=T.CONFIDENTIAL_DONE_NOTICE)
    return Reply(notice=T.STEP_SAVED_NOTICE.format(left=", ".join(steps_left(comment))))


@verbs.action(names.MOVED)
def moved(ctx: Context, value: str) -> Reply:
    comment, refusal = _moveable(ctx, value)
    if comment is None:
        return refusal
    return Reply(
        form=comment_form(
            names.MOVED,
            T.MOVED_TITLE,
            T.MOVED_SUBMIT,
            comment.id or 0,
            FormField(
                id="channel",
                label=T.MOVED_LABEL,
                kind="select",
                options=[Option(value=k, label=v) for k, v in T.CHANNELS.items()],
            ),
            intro=T.MOVED_INTRO,
        )
    )


def _moveable(ctx: Context, value: str) -> tuple[Comment | None, Reply]:
    comment, refusal = _confidential(ctx, value)
    if comment is not None and comment.confidential_channel:
        channel = T.CHANNELS.get(comment.confidential_channel, comment.confidential_channel)
        return None, Reply(notice=T.ALREADY_MOVED.format(channel=channel))
    return comment, refusal


@verbs.form(names.MOVED)
def moved_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    comment, refusal = _moveable(ctx, context)
    if comment is None:
        return refusal
    channel = str(values.get("channel") or "")
    if channel not in T.CHANNELS:
        return Reply(errors={"channel": T.MOVED_REQUIRED})
    comment.confidential_channel = channel
    comment.confidential_moved_at = ctx.now
    comment.confidential_moved_by_id = ctx.actor.id
    ctx.session.add(comment)
    ctx.audit(
        "comment.confidential_moved",
        account_id=comment.account_id,
        comment_id=comment.id,
        channel=channel,
    )
    return _step_done(ctx, comment)


@verbs.action(names.CONFIDENTIAL_REMOVED)
def removed(ctx: Context, value: str) -> Reply:
    comment, refusal = _confidential(ctx, value)
    if comment is None:
        return refusal
    if comment.removed_at is not None:
        return Reply(notice=T.ALREADY_CONFIDENTIAL_REMOVED)
    comment.removed_at = ctx.now
    comment.removed_by_id = ctx.actor.id
    ctx.session.add(comment)
    ctx.audit("comment.confidential_removed", account_id=comment.account_id, comment_id=comment.id)
    return _step_done(ctx, comment)


def removed_on_platform(session: Session, core: Core, comment: Comment) -> None:
    """A deletion seen on the platform is the removal step; the others may still be left."""
    comment.removed_at = comment.removed_at or core.now()
    session.add(comment)
    close_when_done(session, core, comment, None)
