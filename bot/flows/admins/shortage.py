"""Fewer than MIN_ADMINS present admins: ask the owner (or manager) to nominate, tell communicators.

`check_account` compares the account's present admins with the rule and keeps one
AdminShortage row open while it is short; its id keys the ask and the escalation, so
checks can run at every event and every tick without sending anything twice. The sweep
checks every live account once a day and, every minute, those whose admins changed since
its last tick, so a departure recorded while a process died on its way still gets its ask
and escalation, and a shortage ends once the account is back at two. (A change without
such a timestamp, e.g. an account opened while one of its admins had already left, is
found by the next day's full look at the latest.)
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, union
from sqlmodel import Session, col, select

from bot import audit, sweep_runs, texts
from bot.core import Core
from bot.flows.account_choice import account_label
from bot.flows.accounts import registration
from bot.flows.admins.roster import nominator_for, present_admins
from bot.flows.escalation import escalate, resolve
from bot.guideline.words import counted, number
from bot.messages import Button, Fact, Message
from bot.outbox import enqueue_to_person
from bot.people import display_name
from bot.registry import Verbs, action_name
from storage.insert import insert_unless_taken
from storage.models import (
    LIVE_STATUSES,
    Account,
    AccountAdmin,
    AdminShortage,
    AdminStatus,
    Person,
)

verbs = Verbs()

T = texts.admins
NOMINATE_ACTION = action_name("admins.nominate")
CHECK_SWEEP = "admins-check"
# Changes stamped up to this long before the previous tick are looked at again: a
# transaction stamps its time before it commits (a slow one may commit after a tick).
CHANGES_MARGIN = timedelta(minutes=5)


def open_shortage(session: Session, account_id: int) -> AdminShortage | None:
    return session.exec(
        select(AdminShortage).where(
            AdminShortage.account_id == account_id,
            AdminShortage.ended_at.is_(None),  # type: ignore[union-attr]
        )
    ).first()


def escalation_key(shortage: AdminShortage) -> str:
    return f"too-few-admins:{shortage.account_id}:{shortage.id}"


def check_account(session: Session, core: Core, account: Account) -> None:
    assert account.id is not None
    present = present_admins(session, account.id)
    shortage = open_shortage(session, account.id)
    minimum = core.guideline.rules.min_admins
    if len(present) >= minimum:
        if shortage is not None:
            _end(session, core, shortage, len(present))
        return
    if shortage is None:
        shortage = _open(session, core, account.id)
        if shortage is None:
            return  # another process opened it this moment and does the rest
        audit.record(
            session,
            core.now(),
            "admins.too_few",
            account_id=account.id,
            present=[p.id for p in present],
            minimum=minimum,
        )
    nominator = nominator_for(session, account)
    if nominator is not None and nominator.id is not None:
        enqueue_to_person(
            session,
            core,
            f"too-few-admins-ask:{shortage.id}:{nominator.id}",
            nominator.id,
            _ask(account, len(present), minimum),
        )
    escalate(
        session,
        core,
        key=escalation_key(shortage),
        kind="too-few-admins",
        summary=T.TOO_FEW_SUMMARY.format(
            account=account_label(account), count=admins_left(len(present)), min=minimum
        ),
        account_id=account.id,
        facts=[
            Fact(
                label=T.FACT_PRESENT,
                value=", ".join(display_name(p) for p in present) or T.NOBODY,
            ),
            Fact(
                label=T.FACT_ASKED,
                value=display_name(nominator) if nominator else T.NOBODY_TO_ASK,
            ),
        ],
    )


def _open(session: Session, core: Core, account_id: int) -> AdminShortage | None:
    """Open the account's shortage; None when another transaction just did."""
    opened = insert_unless_taken(
        session,
        AdminShortage,
        {"account_id": account_id, "open_account_id": account_id, "started_at": core.now()},
        ["open_account_id"],
    )
    return None if opened is None else session.get(AdminShortage, opened)


def _end(session: Session, core: Core, shortage: AdminShortage, count: int) -> None:
    shortage.ended_at = core.now()
    shortage.open_account_id = None
    session.add(shortage)
    audit.record(session, core.now(), "admins.enough_again", account_id=shortage.account_id)
    resolve(session, core, escalation_key(shortage), T.BACK_TO_ENOUGH.format(count=count))


def _ask(account: Account, count: int, minimum: int) -> Message:
    label = account_label(account)
    return Message(
        title=T.ASK_TITLE.format(account=label),
        text=T.ASK_TEXT.format(account=label, count=admins_left(count), min=number(minimum)),
        buttons=[
            Button(
                label=T.NOMINATE_BUTTON,
                action=NOMINATE_ACTION,
                value=str(account.id),
                style="primary",
            )
        ],
    )


@verbs.sweep(CHECK_SWEEP)
def check_all_accounts(core: Core, session: Session) -> None:
    """The first tick of each day looks at every live account (one query: those short of
    admins or with a shortage still open). Every later tick looks only at the accounts
    whose admins changed since the previous tick (a margin before it for transactions
    that committed late) or with a shortage open, through indexes: a departure recorded
    by a process that died before its check is caught within a minute, and a tick with
    nothing new costs the same at 1,000 accounts as at 20,000."""
    now = core.now()
    today = core.calendar.local_date(now)
    last = sweep_runs.last_run(session, CHECK_SWEEP, today)
    since = None if last is None else min(last, now) - CHANGES_MARGIN
    for account in _accounts_to_check(session, core.guideline.rules.min_admins, since):
        if registration.answers_pending(session, core, account):
            continue
        if replacements_coming(session, core, account):
            continue
        check_account(session, core, account)
    sweep_runs.mark(session, CHECK_SWEEP, today, now, update=True)


def replacements_coming(session: Session, core: Core, account: Account) -> bool:
    """Replacements nominated (e.g. in `/andra-konto` when removing an admin) that would be
    enough, asked less than opening_escalation_after_working_days ago: no shortage yet.
    A shortage already open stays open until they accept."""
    assert account.id is not None
    if open_shortage(session, account.id) is not None:
        return False
    nominated = session.exec(
        select(AccountAdmin).where(
            AccountAdmin.account_id == account.id, AccountAdmin.status == AdminStatus.NOMINATED
        )
    ).all()
    if not nominated:
        return False
    present = len(present_admins(session, account.id))
    if present + len(nominated) < core.guideline.rules.min_admins:
        return False
    newest = max(row.nominated_at for row in nominated)
    days = core.calendar.working_days_between(
        core.calendar.local_date(newest), core.calendar.local_date(core.now())
    )
    return days < core.guideline.rules.opening_escalation_after_working_days


def _accounts_to_check(session: Session, minimum: int, since: datetime | None) -> list[Account]:
    """The live accounts short of admins or with a shortage open; with `since`, only among
    those with a shortage open or an admin decided or departed after it."""
    present = (
        select(func.count())
        .select_from(AccountAdmin)
        .join(Person, col(Person.id) == col(AccountAdmin.person_id))
        .where(
            col(AccountAdmin.account_id) == col(Account.id),
            AccountAdmin.status == AdminStatus.ACCEPTED,
            col(Person.departed_at).is_(None),
        )
        .scalar_subquery()
    )
    still_open = (
        select(AdminShortage.id)
        .where(
            col(AdminShortage.account_id) == col(Account.id),
            col(AdminShortage.ended_at).is_(None),
        )
        .exists()
    )
    query = select(Account).where(
        col(Account.status).in_(LIVE_STATUSES), or_(present < minimum, still_open)
    )
    if since is not None:
        query = query.where(col(Account.id).in_(_changed_since(since)))
    return list(session.exec(query.order_by(col(Account.id))).all())


def _changed_since(since: datetime) -> Any:
    """Account ids with a shortage open or an admin row or person changed after `since`
    (each part uses an index: adminshortage.ended_at, accountadmin.decided_at,
    person.departed_at)."""
    return union(
        select(AdminShortage.account_id).where(col(AdminShortage.ended_at).is_(None)),
        select(AccountAdmin.account_id).where(col(AccountAdmin.decided_at) > since),
        select(AccountAdmin.account_id)
        .join(Person, col(Person.id) == col(AccountAdmin.person_id))
        .where(col(Person.departed_at) > since),
    )


def admins_left(count: int) -> str:
    """Klarspråk ("bara en administratör", "inga administratörer"), never "administratör(er)"."""
    if count == 0:
        return T.NO_ADMINS_LEFT
    return T.ONLY_ADMINS_LEFT.format(admins=counted(count, "administratör", "administratörer"))
