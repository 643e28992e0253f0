"""**Besvarad** with the reply as posted: checked before the comment counts as answered.

The person pastes the reply (or a link to it). Unsigned, or holding a personnummer: the
form says why and nothing changes. Tone remarks (slang, shouting, !!!, emoji): a second
step asks to fix the reply or close anyway, and the choice is stored and audited.

A link alone is accepted: the reply is on the platform for anyone to read, and the
record says it was not checked here (docs/replies.md).
"""

from __future__ import annotations

from typing import Any

from bot.flows.comments import names
from bot.flows.comments.common import T, is_open, load_comment
from bot.flows.comments.handling import close_comment
from bot.messages import Form, FormField, Option
from bot.registry import Verbs
from bot.router import Context, Reply
from bot.rules.reply import ReplyCheck, check_reply
from storage.models import Comment, CommentStatus

verbs = Verbs()

MAX_REPLY = 5000
MAX_LINK = 1000
FIX = "fix"
CLOSE_ANYWAY = "close_anyway"


def _open(ctx: Context, value: str) -> tuple[Comment | None, Reply]:
    comment, refusal = load_comment(ctx, value)
    if comment is None:
        return None, refusal
    if not is_open(comment):
        return None, Reply(notice=T.ALREADY_HANDLED)
    if comment.confidential:
        return None, Reply(notice=T.ANSWER_CONFIDENTIAL)
    return comment, refusal


@verbs.action(names.ANSWERED)
def answered(ctx: Context, value: str) -> Reply:
    comment, refusal = _open(ctx, value)
    if comment is None:
        return refusal
    return Reply(form=answer_form(comment))


def answer_form(comment: Comment) -> Form:
    """The reply as posted; a reply given before (then fixed) is filled in again."""
    return Form(
        id=names.ANSWERED,
        title=T.ANSWER_TITLE,
        submit_label=T.ANSWER_SUBMIT,
        intro=T.ANSWER_INTRO,
        context=str(comment.id),
        fields=[
            FormField(
                id="reply",
                label=T.ANSWER_TEXT_LABEL,
                kind="textarea",
                required=False,
                max_length=MAX_REPLY,
                hint=T.ANSWER_TEXT_HINT,
                initial=comment.reply_text,
            ),
            FormField(
                id="link",
                label=T.ANSWER_LINK_LABEL,
                kind="text",
                required=False,
                max_length=MAX_LINK,
                hint=T.ANSWER_LINK_HINT,
                initial=comment.reply_link,
            ),
        ],
    )


@verbs.form(names.ANSWERED)
def answered_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    comment, refusal = _open(ctx, context)
    if comment is None:
        return refusal
    text = str(values.get("reply") or "").strip()
    link = str(values.get("link") or "").strip()
    errors = _shape_errors(text, link)
    if errors:
        return Reply(errors=errors)
    comment.reply_link = link or None
    if not text:
        comment.reply_text = None
        return _close(ctx, comment, T.ANSWERED_LINK_NOTICE, checked=False)
    check = check_reply(
        text, ctx.core.settings.signature_titles, ctx.core.calendar.local_date(ctx.now)
    )
    if check.refused:
        # A form error rolls the request back: nothing about the comment changes.
        return Reply(errors={"reply": _refusal(check)})
    comment.reply_text = text
    comment.reply_remarks = "; ".join(check.remarks) or None
    comment.reply_choice = None
    if check.remarks:
        return _ask_about_tone(ctx, comment, check.remarks)
    return _close(ctx, comment, T.ANSWERED_NOTICE, checked=True)


def _shape_errors(text: str, link: str) -> dict[str, str]:
    if not text and not link:
        return {"reply": T.ANSWER_REQUIRED}
    errors = {}
    if len(text) > MAX_REPLY:
        errors["reply"] = T.ANSWER_TOO_LONG
    if link and (not link.startswith(("https://", "http://")) or len(link) > MAX_LINK):
        errors["link"] = T.ANSWER_LINK_INVALID
    return errors


def _refusal(check: ReplyCheck) -> str:
    reasons = []
    if not check.signed:
        reasons.append(T.ANSWER_UNSIGNED)
    if check.personnummer:
        reasons.append(T.ANSWER_PERSONNUMMER)
    return " ".join([*reasons, T.ANSWER_NOT_CLOSED])


def _ask_about_tone(ctx: Context, comment: Comment, remarks: list[str]) -> Reply:
    """Keep the reply (the comment stays open) and ask: fix it, or close anyway?"""
    ctx.session.add(comment)
    ctx.audit(
        "comment.reply_tone_remarks",
        account_id=comment.account_id,
        comment_id=comment.id,
        remarks=remarks,
    )
    return Reply(
        form=Form(
            id=names.REPLY_TONE,
            title=T.TONE_TITLE,
            submit_label=T.TONE_SUBMIT,
            intro=T.TONE_INTRO.format(remarks="\n".join(f"- {r}" for r in remarks)),
            context=str(comment.id),
            fields=[
                FormField(
                    id="choice",
                    label=T.TONE_CHOICE,
                    kind="select",
                    options=[
                        Option(value=FIX, label=T.TONE_FIX),
                        Option(value=CLOSE_ANYWAY, label=T.TONE_CLOSE),
                    ],
                )
            ],
        )
    )


@verbs.form(names.REPLY_TONE)
def tone_chosen(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    comment, refusal = _open(ctx, context)
    if comment is None:
        return refusal
    if not comment.reply_text or not comment.reply_remarks:
        return Reply(notice=T.TONE_NOTHING_PENDING)
    choice = str(values.get("choice") or "")
    if choice not in (FIX, CLOSE_ANYWAY):
        return Reply(errors={"choice": T.TONE_CHOICE_REQUIRED})
    comment.reply_choice = choice
    if choice == CLOSE_ANYWAY:
        return _close(ctx, comment, T.ANSWERED_ANYWAY_NOTICE, checked=True)
    ctx.session.add(comment)
    ctx.audit(
        "comment.reply_fix_chosen",
        account_id=comment.account_id,
        comment_id=comment.id,
        remarks=comment.reply_remarks,
    )
    return Reply(notice=T.TONE_FIX_NOTICE)


def _close(ctx: Context, comment: Comment, notice: str, *, checked: bool) -> Reply:
    close_comment(
        ctx,
        comment,
        CommentStatus.ANSWERED,
        "kommentaren är besvarad",
        reply_checked=checked,
        reply_link=comment.reply_link,
        reply_remarks=comment.reply_remarks,
        reply_choice=comment.reply_choice,
    )
    return Reply(notice=notice)
