"""Admins hear of a comment the day it arrives: during office hours on working days, new
comments go out within a quarter of an hour, batched into one DM per admin.

The sweep runs with every tick (each minute); a batch goes when its oldest comment has
waited NEW_COMMENT_BATCH_MINUTES (counted from the office day's start for comments that
arrived outside office hours). The DM holds numbers, times and links, never the text or
the author: it is not purged with the comment; the text comes in the due-morning alert.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot.core import Core
from bot.flows.comments.common import T, admin_ids, local, on_live_account
from bot.messages import Message
from bot.outbox import enqueue_to_person
from bot.registry import Verbs
from storage.models import Account, Comment, CommentStatus

verbs = Verbs()


def office_opened(core: Core, now: datetime) -> datetime | None:
    """When today's office hours began, if now is within them on a working day."""
    day = core.calendar.local_date(now)
    if not core.calendar.is_working_day(day):
        return None
    opens = core.calendar.at_local(day, core.settings.office_day_start)
    closes = core.calendar.at_local(day, core.guideline.rules.office_day_end)
    return opens if opens <= now < closes else None


@verbs.sweep("comment-batch")
def new_comments(core: Core, session: Session) -> None:
    now = core.now()
    opens = office_opened(core, now)
    if opens is None:
        return
    waiting = list(
        session.exec(
            select(Comment)
            .where(
                Comment.status == CommentStatus.OPEN,
                col(Comment.batched_at).is_(None),
                col(Comment.purged_at).is_(None),
                col(Comment.registered_manually_by_id).is_(None),
                on_live_account(),
            )
            .order_by(col(Comment.received_at), col(Comment.id))
        ).all()
    )
    if not waiting:
        return
    oldest = max(waiting[0].received_at, opens)
    if now - oldest < timedelta(minutes=core.settings.new_comment_batch_minutes):
        return
    by_person: dict[int, list[Comment]] = defaultdict(list)
    for comment in waiting:
        comment.batched_at = now
        session.add(comment)
        if comment.threat_terms or comment.confidential:
            continue  # alerted at once already, text and buttons included
        for person_id in _recipients(session, comment):
            by_person[person_id].append(comment)
    for person_id, batch in by_person.items():
        key = f"comment-batch:{person_id}:{now.isoformat(timespec='minutes')}"
        enqueue_to_person(session, core, key, person_id, _message(session, core, batch))


def _recipients(session: Session, comment: Comment) -> list[int]:
    people = admin_ids(session, comment.account_id)
    if comment.forwarded_to_id and comment.forwarded_to_id not in people:
        people.append(comment.forwarded_to_id)
    return people


def _message(session: Session, core: Core, batch: list[Comment]) -> Message:
    lines = []
    for comment in batch:
        account = session.get(Account, comment.account_id)
        line = T.BATCH_LINE.format(
            account=account.name if account else comment.account_id,
            id=comment.id,
            received=local(core, comment.received_at),
            deadline=local(core, comment.deadline),
        )
        if comment.permalink:
            line += f" – [{T.FACT_LINK.lower()}]({comment.permalink})"
        lines.append(line)
    return Message(title=T.BATCH_TITLE.format(count=len(batch)), text=T.BATCH_TEXT, checklist=lines)
