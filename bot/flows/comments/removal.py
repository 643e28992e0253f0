"""Illegal content is removed promptly ("skyndsamt"): a deadline in office time after the
evidence is saved, an escalation when it passes, and a reminder every working morning
until **Borttaget** (or a deletion seen on the platform) resolves it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot.core import Core
from bot.flows.comments.common import T, admin_ids, local, on_live_account
from bot.flows.escalation import escalate, is_open
from bot.messages import Fact, Message
from bot.outbox import enqueue_to_communicators, enqueue_to_person
from bot.registry import Verbs
from storage.models import Account, Comment, CommentStatus, Evidence

verbs = Verbs()


def removal_key(comment_id: int) -> str:
    return f"comment-removal:{comment_id}"


def office_hours_after(core: Core, start: datetime, hours: float) -> datetime:
    """The moment `hours` of office time (working days, office_day_start to
    office_day_end) after `start`; time outside office hours does not count."""
    settings, calendar = core.settings, core.calendar
    remaining = timedelta(hours=hours)
    day = calendar.local_date(start)
    moment = start
    while True:
        if calendar.is_working_day(day):
            opens = calendar.at_local(day, settings.office_day_start)
            closes = calendar.at_local(day, core.guideline.rules.office_day_end)
            begin = max(moment, opens)
            if begin < closes:
                if begin + remaining <= closes:
                    return begin + remaining
                remaining -= closes - begin
        day += timedelta(days=1)
        moment = calendar.at_local(day, settings.office_day_start)


def _late(session: Session, core: Core) -> list[Comment]:
    return list(
        session.exec(
            select(Comment)
            .where(
                Comment.status == CommentStatus.ILLEGAL,
                col(Comment.removal_due).is_not(None),
                col(Comment.removal_due) <= core.now(),
                on_live_account(),
            )
            .order_by(col(Comment.id))
        ).all()
    )


@verbs.sweep("comment-removal")
def not_removed(core: Core, session: Session) -> None:
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    for comment in _late(session, core):
        assert comment.id is not None
        account = session.get(Account, comment.account_id)
        name = account.name if account else str(comment.account_id)
        due = local(core, comment.removal_due)
        escalate(
            session,
            core,
            key=removal_key(comment.id),
            kind="illegal-not-removed",
            summary=T.REMOVAL_SUMMARY.format(account=name, id=comment.id, due=due),
            account_id=comment.account_id,
            facts=[
                Fact(label=T.FACT_NUMBER, value=str(comment.id)),
                Fact(label=T.FACT_REMOVAL_DUE, value=due),
            ]
            + ([Fact(label=T.FACT_LINK, value=comment.permalink)] if comment.permalink else []),
        )
        if (
            today is not None
            and _late_before(core, comment, today)
            and is_open(session, removal_key(comment.id))
        ):
            _remind(session, core, comment, name, today.isoformat())


def _late_before(core: Core, comment: Comment, today: object) -> bool:
    """Late already before this morning: the escalation itself told them today otherwise."""
    assert comment.removal_due is not None
    return core.calendar.local_date(comment.removal_due) < today  # type: ignore[operator]


def _remind(session: Session, core: Core, comment: Comment, name: str, day: str) -> None:
    evidence = session.exec(select(Evidence).where(Evidence.comment_id == comment.id)).first()
    message = Message(
        title=T.REMOVAL_REMINDER_TITLE,
        # No comment text: reminders are not purged with the comment.
        text=T.REMOVAL_REMINDER_TEXT.format(
            id=comment.id,
            account=name,
            saved=local(core, evidence.captured_at if evidence else None),
            due=local(core, comment.removal_due),
        ),
        facts=[Fact(label=T.FACT_LINK, value=comment.permalink)] if comment.permalink else [],
    )
    key = f"comment-removal-reminder:{comment.id}:{day}"
    enqueue_to_communicators(session, core, key, message)
    for person_id in admin_ids(session, comment.account_id):
        enqueue_to_person(session, core, f"{key}:{person_id}", person_id, message)
