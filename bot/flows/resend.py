"""**Skicka igen** on the communicators' notice about a message that did not arrive.

The same message (its newest content: edits made meanwhile went into the failed row) is
enqueued again under a key derived from the failed row's, so pressing the same notice
twice, or a press delivered twice, sends it once. The notice loses its button and says
who sent it again; if this send fails too, a new notice (with its own button) follows.
"""

from __future__ import annotations

from sqlmodel import col, select

from bot.markup import escape
from bot.messages import Message
from bot.outbox import enqueue_update
from bot.outbox.queue import insert
from bot.outbox.unreachable import RESEND, notice_key, resend_key
from bot.people import display_name
from bot.registry import COMMUNICATORS, Verbs
from bot.router import Context, Reply
from bot.texts import delivery as T
from storage.models import OutboxMessage, OutboxStatus, Person

verbs = Verbs()


@verbs.action(RESEND, audience=COMMUNICATORS)
def resend(ctx: Context, value: str) -> Reply:
    row = ctx.session.exec(select(OutboxMessage).where(OutboxMessage.key == value)).first()
    if row is None or row.recipient_kind != "person" or row.replaces_key is not None:
        return Reply(notice=T.RESEND_UNKNOWN)
    if row.status != OutboxStatus.FAILED:
        return Reply(notice=T.RESEND_NOT_FAILED)
    message = Message.model_validate(row.payload)
    added = insert(
        ctx.session,
        ctx.core,
        resend_key(row.key),
        row.message_key,  # the same message: later edits find this copy too
        "person",
        row.recipient,
        row.platform,
        message,
    )
    if not added:
        return Reply(notice=T.RESEND_ALREADY)
    name = display_name(ctx.session.get(Person, int(row.recipient)))
    ctx.audit("outbox.resent", key=row.key, resent_as=resend_key(row.key))
    _mark_resent(ctx, row.key)
    return Reply(notice=T.RESENT.format(name=escape(name)))


def _mark_resent(ctx: Context, row_key: str) -> None:
    """The notice, without its button, saying who sent the message again and when."""
    key = notice_key(row_key)
    sent = ctx.session.exec(
        select(OutboxMessage).where(
            OutboxMessage.message_key == key, col(OutboxMessage.replaces_key).is_(None)
        )
    ).first()
    if sent is None:
        return
    at = ctx.now.astimezone(ctx.core.settings.tz).strftime("%Y-%m-%d %H:%M")
    footer = T.RESENT_FOOTER.format(name=escape(display_name(ctx.actor.person)), at=at)
    notice = Message.model_validate(sent.payload).model_copy(
        update={"buttons": [], "footer": footer}
    )
    enqueue_update(ctx.session, ctx.core, key, notice)
