"""`/granska` (Teams: `granska`): check a draft before it is posted. Saves nothing.

The same checks as **Besvarad** (name and title, personnummer, tone) plus readability as
LIX with a plain-Swedish verdict and concrete hints: the long sentences (over 20 words)
and the long words (15 letters or more). The draft is not stored, audited or logged, and
the answer never repeats a personnummer.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot.flows.comments import names
from bot.flows.comments.common import T
from bot.guideline.words import counted, number
from bot.markup import escape
from bot.messages import Form, FormField, Message
from bot.registry import Verbs
from bot.router import Context, Reply
from bot.rules.lix import Readability, readability
from bot.rules.personnummer import mask_personnummer
from bot.rules.reply import ReplyCheck, check_reply
from storage.models import AccountAdmin, AdminStatus

verbs = Verbs()

MAX_DRAFT = 5000
QUOTE_WORDS = 8
MAX_HINTS = 3
PLAIN_LIX = 40  # texts to the public: under 40 reads easily


def may_review(ctx: Context) -> bool:
    """Admins of an account (any) and the communicators: the people who write replies."""
    if ctx.actor.is_communicator:
        return True
    return (
        ctx.session.exec(
            select(AccountAdmin.id).where(
                AccountAdmin.person_id == ctx.actor.id,
                AccountAdmin.status == AdminStatus.ACCEPTED,
            )
        ).first()
        is not None
    )


@verbs.command("granska", T.GRANSKA_HELP)
def granska(ctx: Context, text: str) -> Reply:
    if not may_review(ctx):
        return Reply(notice=T.GRANSKA_NOT_ALLOWED)
    if text.strip():
        if len(text) > MAX_DRAFT:
            return Reply(notice=T.GRANSKA_TOO_LONG)
        return Reply(message=review(ctx, text.strip()))
    return Reply(
        form=Form(
            id=names.GRANSKA,
            title=T.GRANSKA_TITLE,
            submit_label=T.GRANSKA_SUBMIT,
            intro=T.GRANSKA_INTRO,
            fields=[
                FormField(id="draft", label=T.GRANSKA_LABEL, kind="textarea", max_length=MAX_DRAFT)
            ],
        )
    )


@verbs.form(names.GRANSKA)
def granska_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    if not may_review(ctx):
        return Reply(notice=T.GRANSKA_NOT_ALLOWED)
    draft = str(values.get("draft") or "").strip()
    if not draft:
        return Reply(errors={"draft": T.GRANSKA_REQUIRED})
    if len(draft) > MAX_DRAFT:
        return Reply(errors={"draft": T.GRANSKA_TOO_LONG})
    return Reply(message=review(ctx, draft))


def review(ctx: Context, draft: str) -> Message:
    today = ctx.core.calendar.local_date(ctx.now)
    check = check_reply(draft, ctx.core.settings.signature_titles, today)
    lines = _rule_lines(check)
    lines += _readability_lines(readability(draft), today)
    verdict = T.GRANSKA_READY if check.clean else T.GRANSKA_NOT_READY
    return Message(title=T.GRANSKA_RESULT_TITLE, text="\n".join(lines) + "\n\n" + verdict)


def _rule_lines(check: ReplyCheck) -> list[str]:
    lines = [T.GRANSKA_SIGNED if check.signed else T.GRANSKA_UNSIGNED]
    if check.personnummer:
        lines.append(T.GRANSKA_PNR.format(count=number(check.personnummer, neuter=True)))
    else:
        lines.append(T.GRANSKA_NO_PNR)
    if check.remarks:
        lines.append(T.GRANSKA_TONE)
        lines += [f"- {escape(remark)}" for remark in check.remarks]
    else:
        lines.append(T.GRANSKA_TONE_OK)
    return lines


def _readability_lines(result: Readability, today: Any) -> list[str]:
    lines = [
        T.GRANSKA_LIX.format(
            lix=f"{result.lix:.0f}",
            verdict=result.verdict,
            words=result.words,
            sentences=counted(result.sentences, "mening", "meningar"),
            long=counted(result.long_words, "långt ord", "långa ord", neuter=True),
        )
    ]
    hints = []
    for sentence in result.long_sentences[:MAX_HINTS]:
        words = sentence.split()
        start = escape(mask_personnummer(" ".join(words[:QUOTE_WORDS]), today))
        hints.append(T.GRANSKA_LONG_SENTENCE.format(words=len(words), start=start))
    if result.longest_words:
        hints.append(
            T.GRANSKA_LONG_WORDS.format(words=", ".join(result.longest_words[: MAX_HINTS * 2]))
        )
    if result.lix >= PLAIN_LIX and not hints:
        hints.append(T.GRANSKA_HARD)
    return lines + [f"- {hint}" for hint in hints]
