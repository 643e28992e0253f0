"""The admins' morning DM: one per admin per working day, covering all their accounts."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import String, cast, literal, or_
from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.flows.activity.log import accounts_of, last_post_days, logs_on
from bot.flows.activity.silence import counted_from, silent_working_days
from bot.guideline.words import working_days
from bot.messages import Button, Message
from bot.outbox import enqueue_update
from bot.outbox.queue import enqueue_many_to_people, enqueued
from bot.registry import Verbs, action_name
from bot.summary import any_of, lines_for_many
from bot.texts.platforms import platform_name
from bot.texts.plural import antal, swedish_date
from storage.models import (
    Account,
    AccountAdmin,
    AccountStatus,
    ActivityKind,
    ActivityLog,
    AdminStatus,
    OutboxMessage,
    Person,
)

verbs = Verbs()

T = texts.activity
POSTED = action_name("activity.posted")
LOOKED_OVER = action_name("activity.lookedover")


def daily_key(person_id: int, day: date) -> str:
    return f"daily:{person_id}:{day.isoformat()}"


@verbs.sweep("activity-morning", morning=True)
def morning_messages(core: Core, session: Session) -> None:
    """From MORNING_REMINDER_TIME on a working day; a late tick catches up, keys dedupe."""
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    # An account opened after this morning's time waits for tomorrow's "God morgon".
    cutoff = core.calendar.at_local(today, core.settings.morning_reminder_time)
    # Only those still without today's DM: a tick later in the day returns no rows.
    waiting = _admins_and_accounts(session, cutoff, today)
    if not waiting:
        return
    # Each account once, however many admins: what other flows say is asked for all at once.
    accounts = list({a.id: a for accounts in waiting.values() for a in accounts}.values())
    account_ids = [account.id for account in accounts]
    last_posts = last_post_days(session, account_ids)  # type: ignore[arg-type]
    today_logs = logs_on(session, account_ids, today)  # type: ignore[arg-type]
    parts = MorningParts(
        core, today, last_posts, today_logs, lines_for_many(session, core, accounts, core.now())
    )
    enqueue_many_to_people(
        session,
        core,
        (
            (daily_key(person_id, today), person_id, morning_message(accounts, today, parts))
            for person_id, accounts in waiting.items()
        ),
    )


def refresh_morning_messages(session: Session, core: Core, account_id: int, day: date) -> None:
    """After a post or look-over, redraw the DMs its admins already got today."""
    admin_ids = session.exec(
        select(AccountAdmin.person_id).where(
            AccountAdmin.account_id == account_id, AccountAdmin.status == AdminStatus.ACCEPTED
        )
    ).all()
    keys = {daily_key(person_id, day): person_id for person_id in admin_ids}
    for key in enqueued(session, list(keys)):
        accounts = accounts_of(session, keys[key])
        ids = [account.id for account in accounts]
        parts = MorningParts(
            core,
            day,
            last_post_days(session, ids),  # type: ignore[arg-type]
            logs_on(session, ids, day),  # type: ignore[arg-type]
            lines_for_many(session, core, accounts, core.now()),
        )
        enqueue_update(session, core, key, morning_message(accounts, day, parts))


class MorningParts:
    """Each account's part of the morning DMs, its section and its buttons, made once
    however many admins' DMs show it (at a region's scale thousands of accounts, each in
    several DMs). `other_lines`: what other flows say per account
    (`bot.summary.lines_for_many`)."""

    def __init__(
        self,
        core: Core,
        today: date,
        last_posts: dict[int, date],
        today_logs: dict[tuple[int, str], ActivityLog],
        other_lines: dict[int, list[str]],
    ) -> None:
        self.core = core
        self.today = today
        self.last_posts = last_posts
        self.today_logs = today_logs
        self.other_lines = other_lines
        self._sections: dict[int, str] = {}
        self._buttons: dict[tuple[int, bool], list[Button]] = {}

    def section(self, account: Account) -> str:
        assert account.id is not None
        found = self._sections.get(account.id)
        if found is None:
            found = self._sections[account.id] = self._section(account)
        return found

    def buttons(self, account: Account, several: bool) -> list[Button]:
        """The two buttons; in a DM about several accounts each names its account."""
        assert account.id is not None
        found = self._buttons.get((account.id, several))
        if found is None:
            found = self._buttons[(account.id, several)] = _buttons(account, several)
        return found

    def _section(self, account: Account) -> str:
        assert account.id is not None
        core, today = self.core, self.today
        post = self.today_logs.get((account.id, ActivityKind.POST))
        look = self.today_logs.get((account.id, ActivityKind.LOOKOVER))
        lines = [
            T.ACCOUNT_HEADING.format(
                name=account.name, platform=platform_name(account.platform, account.platform_other)
            )
        ]
        lines.append(
            T.POSTED_TODAY.format(when=_time(core, post.at)) if post else T.NOT_POSTED_TODAY
        )
        last = self.last_posts.get(account.id)
        lines.append(T.LAST_POST.format(date=last.isoformat()) if last else T.NO_POST_YET)
        if post is None:
            lines.extend(_silence_warning(core, account, last, today))
        lines.append(
            T.LOOKED_OVER_TODAY.format(when=_time(core, look.at))
            if look
            else T.NOT_LOOKED_OVER_TODAY
        )
        lines.extend(f"- {line}" for line in self.other_lines.get(account.id, []))
        return "\n".join(lines)


def morning_message(accounts: list[Account], today: date, parts: MorningParts) -> Message:
    """One admin's DM about their `accounts` (a section and two buttons each)."""
    several = len(accounts) > 1
    return Message(
        title=T.MORNING_TITLE.format(date=today.isoformat()),
        text=T.MORNING_INTRO + "\n\n" + "\n\n".join(parts.section(account) for account in accounts),
        buttons=[button for account in accounts for button in parts.buttons(account, several)],
        footer=T.MORNING_FOOTER,
    )


def _buttons(account: Account, several: bool) -> list[Button]:
    value = str(account.id)
    return [
        Button(
            label=T.POSTED_BUTTON_FOR.format(name=account.name) if several else T.POSTED_BUTTON,
            action=POSTED,
            value=value,
            style="primary",
        ),
        Button(
            label=T.LOOKED_OVER_BUTTON_FOR.format(name=account.name)
            if several
            else T.LOOKED_OVER_BUTTON,
            action=LOOKED_OVER,
            value=value,
        ),
    ]


def _silence_warning(core: Core, account: Account, last: date | None, today: date) -> list[str]:
    """Tell the admins before the communicators are told."""
    limit = core.guideline.rules.working_days_without_post
    since = counted_from(core, account, last)
    silent = silent_working_days(core.calendar, since, today, limit)
    if silent == 0:
        return []
    if silent >= limit:
        return [T.SILENT_ESCALATED.format(since=swedish_date(since))]
    return [
        T.SILENT_WARNING.format(
            days=antal(silent, "arbetsdag", "arbetsdagar"), limit=working_days(limit)
        )
    ]


def _admins_and_accounts(
    session: Session, cutoff: datetime, today: date
) -> dict[int, list[Account]]:
    """Every accepted, present admin of an active account who has no DM for `today` yet,
    with their accounts (two queries: who and which, then each account once)."""
    key = (
        literal("daily:") + cast(AccountAdmin.person_id, String) + literal(f":{today.isoformat()}")
    )
    already = select(OutboxMessage.id).where(col(OutboxMessage.message_key) == key).exists()
    pairs = session.exec(
        select(AccountAdmin.person_id, AccountAdmin.account_id)
        .join(Account, col(Account.id) == col(AccountAdmin.account_id))
        .join(Person, col(Person.id) == col(AccountAdmin.person_id))
        .where(
            # Paused and closing accounts get no posting reminders.
            Account.status == AccountStatus.ACTIVE,
            col(Account.closing_started_at).is_(None),
            or_(col(Account.activated_at).is_(None), col(Account.activated_at) <= cutoff),
            AccountAdmin.status == AdminStatus.ACCEPTED,
            col(Person.departed_at).is_(None),
            ~already,
        )
    ).all()
    if not pairs:
        return {}
    accounts = {
        account.id: account
        for account in session.exec(
            select(Account).where(any_of(session, Account.id, {a for _, a in pairs}))
        ).all()
    }
    grouped: dict[int, list[Account]] = defaultdict(list)
    for person_id, account_id in sorted(pairs):
        grouped[person_id].append(accounts[account_id])
    for held in grouped.values():
        held.sort(key=lambda account: (account.name, account.id))
    return grouped


def _time(core: Core, moment: datetime) -> str:
    return moment.astimezone(core.settings.tz).strftime("%H:%M")
