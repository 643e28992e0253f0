"""N working days in a row without a post → one escalation, until the account posts again."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from bot import texts
from bot.calendar import WorkingCalendar
from bot.core import Core
from bot.flows.activity.log import NO_POSTS, last_post_days
from bot.flows.escalation import escalate
from bot.messages import Fact
from bot.people import display_name
from bot.registry import Verbs
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus, Escalation, Person

verbs = Verbs()

T = texts.activity


@verbs.sweep("activity-no-posts")
def no_posts(core: Core, session: Session) -> None:
    """Each working morning: count the finished working days since the last post."""
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    limit = core.guideline.rules.working_days_without_post
    # Paused and closing accounts are not expected to post.
    accounts = session.exec(
        select(Account).where(
            Account.status == AccountStatus.ACTIVE, col(Account.closing_started_at).is_(None)
        )
    ).all()
    last_posts = last_post_days(session, [a.id for a in accounts if a.id is not None])
    # The sweep runs every minute all day: one query for what is escalated already.
    known = set(session.exec(select(Escalation.key).where(Escalation.kind == NO_POSTS)).all())
    for account in accounts:
        assert account.id is not None
        last = last_posts.get(account.id)
        since = counted_from(core, account, last)
        key = f"{NO_POSTS}:{account.id}:{since.isoformat()}"
        if key in known or silent_working_days(core.calendar, since, today, limit) < limit:
            continue
        escalate(
            session,
            core,
            key=key,
            kind=NO_POSTS,
            summary=T.NO_POSTS_SUMMARY.format(name=account.name, days=limit),
            account_id=account.id,
            facts=_facts(session, account, last, since),
        )


def counted_from(core: Core, account: Account, last: date | None) -> date:
    """The day silence is counted from: the last post, or activation, or the end of the last
    pause, whichever is latest (a pause's weeks without posts are no silence)."""
    since = last or core.calendar.local_date(account.activated_at or account.created_at)
    if account.resumed_at is not None:
        since = max(since, core.calendar.local_date(account.resumed_at))
    return since


def silent_working_days(calendar: WorkingCalendar, since: date, today: date, cap: int) -> int:
    """Finished working days strictly between `since` and `today`, counted up to `cap`."""
    count, day = 0, today
    while count < cap:
        day = calendar.previous_working_day(day)
        if day <= since:
            break
        count += 1
    return count


def _facts(session: Session, account: Account, last: date | None, since: date) -> list[Fact]:
    admins = session.exec(
        select(Person)
        .join(AccountAdmin, col(AccountAdmin.person_id) == col(Person.id))
        .where(AccountAdmin.account_id == account.id, AccountAdmin.status == AdminStatus.ACCEPTED)
        .order_by(col(Person.name))
    ).all()
    return [
        Fact(
            label=T.NO_POSTS_LAST,
            value=last.isoformat() if last else T.NO_POSTS_NEVER.format(date=since.isoformat()),
        ),
        Fact(label=T.NO_POSTS_ADMINS, value=", ".join(display_name(p) for p in admins) or "–"),
    ]
