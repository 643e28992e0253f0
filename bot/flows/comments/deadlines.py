"""By the clock: the alert on the morning of the due day, the escalation at the deadline.

Both look at state (open comments whose moment has passed), so a tick after downtime
catches up, and the outbox and escalation keys make a second run send nothing.
"""

from __future__ import annotations

from sqlmodel import Session, select

from bot.core import Core
from bot.flows.comments.common import T, local, on_live_account, overdue_key
from bot.flows.comments.confidential import confidential_key
from bot.flows.comments.intake import send_alert
from bot.flows.escalation import escalate
from bot.messages import Fact
from bot.registry import Verbs
from storage.models import Account, Comment, CommentStatus

verbs = Verbs()


@verbs.sweep("comment-alerts")
def morning_alerts(core: Core, session: Session) -> None:
    due = session.exec(
        select(Comment).where(
            Comment.status == CommentStatus.OPEN, Comment.alert_at <= core.now(), on_live_account()
        )
    ).all()
    for comment in due:
        send_alert(session, core, comment)


@verbs.sweep("comment-deadlines")
def overdue(core: Core, session: Session) -> None:
    late = session.exec(
        select(Comment).where(
            Comment.status == CommentStatus.OPEN, Comment.deadline <= core.now(), on_live_account()
        )
    ).all()
    for comment in late:
        account = session.get(Account, comment.account_id)
        name = account.name if account else str(comment.account_id)
        facts = [
            Fact(label=T.FACT_NUMBER, value=str(comment.id)),
            Fact(label=T.FACT_RECEIVED, value=local(core, comment.received_at)),
            Fact(label=T.FACT_DEADLINE, value=local(core, comment.deadline)),
        ]
        if comment.permalink:
            facts.append(Fact(label=T.FACT_LINK, value=comment.permalink))
        # Confidential data is not answered but registered, moved and removed: its own kind.
        key, kind, summary = (
            (confidential_key(comment.id or 0), "comment-confidential", T.CONFIDENTIAL_SUMMARY)
            if comment.confidential
            else (overdue_key(comment.id or 0), "comment-overdue", T.OVERDUE_SUMMARY)
        )
        # No comment text or author here: escalations are not purged with the comment.
        escalate(
            session,
            core,
            key=key,
            kind=kind,
            summary=summary.format(
                account=name, id=comment.id, deadline=local(core, comment.deadline)
            ),
            account_id=comment.account_id,
            facts=facts,
        )
