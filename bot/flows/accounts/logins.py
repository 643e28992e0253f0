"""**Jag kan logga in**: every admin of an active account confirms they can log in to it.

Asked when an account becomes active and whenever an admin joins it later (`ask_missing`,
run after every opening step). An account is in good standing only once at least
`min_admins` present admins have confirmed. Each working morning the sweep reminds an admin
who has not answered after `opening_reminder_after_working_days`, and escalates to the
communicators an account still short of confirmations after
`opening_escalation_after_working_days` — like any other stalled step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlmodel import Session, col, select

from bot import audit, texts
from bot.core import Core
from bot.flows.account_choice import account_label
from bot.flows.accounts import names
from bot.flows.escalation import escalate, resolve
from bot.flows.opening.common import local, local_date, name_of, parse_ids
from bot.guideline.words import number
from bot.messages import Button, Fact, Message
from bot.outbox import enqueue_to_person, enqueue_update
from bot.registry import Verbs
from bot.router import Context, Reply
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus, Escalation, Person

verbs = Verbs()
A = texts.accounts
KIND = "accounts.logins"


def present_rows(session: Session, account_id: int) -> list[AccountAdmin]:
    """The account's accepted admins who are still in the organisation."""
    return list(
        session.exec(
            select(AccountAdmin)
            .join(Person, col(Person.id) == col(AccountAdmin.person_id))
            .where(
                AccountAdmin.account_id == account_id,
                AccountAdmin.status == AdminStatus.ACCEPTED,
                col(Person.departed_at).is_(None),
            )
            .order_by(col(AccountAdmin.id))
        ).all()
    )


def confirmed_rows(session: Session, account_id: int) -> list[AccountAdmin]:
    return [r for r in present_rows(session, account_id) if r.login_confirmed_at is not None]


def in_good_standing(session: Session, core: Core, account: Account) -> bool:
    assert account.id is not None
    return len(confirmed_rows(session, account.id)) >= core.guideline.rules.min_admins


def waiting_for_person(session: Session, person_id: int) -> list[tuple[Account, Button]]:
    """The active accounts whose login question this person has not answered yet, each with
    its **Jag kan logga in** button (for `/mina-konton` and the App Home)."""
    rows = session.exec(
        select(Account, AccountAdmin)
        .join(AccountAdmin, col(AccountAdmin.account_id) == col(Account.id))
        .where(
            Account.status == AccountStatus.ACTIVE,
            AccountAdmin.person_id == person_id,
            AccountAdmin.status == AdminStatus.ACCEPTED,
            col(AccountAdmin.login_asked_at).is_not(None),
            col(AccountAdmin.login_confirmed_at).is_(None),
        )
        .order_by(col(Account.id))
    ).all()
    return [(account, _button(row)) for account, row in rows]


def login_key(row: AccountAdmin) -> str:
    assert row.login_asked_at is not None
    return f"login:{row.account_id}:{row.person_id}:{int(row.login_asked_at.timestamp())}"


def ask_missing(
    session: Session, core: Core, account: Account, only: Iterable[int] | None = None
) -> None:
    """Ask each present admin of an active account (or those of `only`) who was never asked."""
    if account.status != AccountStatus.ACTIVE or account.id is None:
        return
    wanted = None if only is None else set(only)
    for row in present_rows(session, account.id):
        if wanted is not None and row.person_id not in wanted:
            continue
        if row.login_asked_at is None and row.login_confirmed_at is None:
            row.login_asked_at = core.now()
            session.add(row)
            session.flush()
            audit.record(
                session,
                core.now(),
                "accounts.login_asked",
                account_id=account.id,
                person_id=row.person_id,
            )
            enqueue_to_person(
                session, core, login_key(row), row.person_id, card(core, account, row)
            )


def card(core: Core, account: Account, row: AccountAdmin) -> Message:
    """The question, or once answered the same card without its button."""
    label = account_label(account)
    confirmed = row.login_confirmed_at is not None
    return Message(
        title=A.LOGIN_TITLE.format(account=label),
        text=A.LOGIN_TEXT.format(account=label, min=number(core.guideline.rules.min_admins)),
        buttons=[] if confirmed else [_button(row)],
        footer=A.LOGIN_CONFIRMED_FOOTER.format(at=local(core, row.login_confirmed_at))
        if confirmed
        else None,
        actors=[row.person_id],
    )


def _button(row: AccountAdmin) -> Button:
    return Button(
        label=A.LOGIN_BUTTON,
        action=names.LOGIN_CONFIRMED,
        value=f"{row.account_id}:{row.person_id}",
        style="primary",
    )


@verbs.action(names.LOGIN_CONFIRMED)
def confirm_login(ctx: Context, value: str) -> Reply:
    ids = parse_ids(value) or []
    if len(ids) != 2 or ids[1] != ctx.actor.id:
        return Reply(notice=A.LOGIN_NOT_ALLOWED)
    account = ctx.session.get(Account, ids[0])
    row = (
        next((r for r in present_rows(ctx.session, ids[0]) if r.person_id == ctx.actor.id), None)
        if account is not None and account.status == AccountStatus.ACTIVE
        else None
    )
    if account is None or row is None:
        return Reply(notice=A.LOGIN_NOT_ALLOWED)
    if row.login_confirmed_at is not None:
        return Reply(notice=A.LOGIN_ALREADY.format(account=account_label(account)))
    row.login_confirmed_at = ctx.now
    if row.login_asked_at is None:
        row.login_asked_at = ctx.now  # confirmed from a listing before the question went out
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("accounts.login_confirmed", account_id=account.id, person_id=row.person_id)
    enqueue_update(ctx.session, ctx.core, login_key(row), card(ctx.core, account, row))
    settle(ctx.session, ctx.core, account)
    return Reply(notice=A.LOGIN_CONFIRMED_NOTICE.format(account=account_label(account)))


def settle(session: Session, core: Core, account: Account) -> None:
    """Resolve the account's login escalation once enough admins have confirmed."""
    if not in_good_standing(session, core, account):
        return
    keys = session.exec(
        select(Escalation.key).where(Escalation.kind == KIND, Escalation.account_id == account.id)
    ).all()
    for key in keys:
        resolve(session, core, key, A.LOGIN_RESOLVED)


@verbs.sweep("accounts.logins", morning=True)
def remind_logins(core: Core, session: Session) -> None:
    """Each working morning: one query for the admins still to confirm, then per account."""
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    waiting: dict[int, list[AccountAdmin]] = defaultdict(list)
    rows = session.exec(
        select(AccountAdmin)
        .join(Account, col(Account.id) == col(AccountAdmin.account_id))
        .join(Person, col(Person.id) == col(AccountAdmin.person_id))
        .where(
            Account.status == AccountStatus.ACTIVE,
            AccountAdmin.status == AdminStatus.ACCEPTED,
            col(AccountAdmin.login_asked_at).is_not(None),
            col(AccountAdmin.login_confirmed_at).is_(None),
            col(Person.departed_at).is_(None),
        )
        .order_by(col(AccountAdmin.id))
    ).all()
    for row in rows:
        waiting[row.account_id].append(row)
    for account_id, unconfirmed in waiting.items():
        account = session.get(Account, account_id)
        assert account is not None
        for row in unconfirmed:
            _remind(session, core, account, row, today)
        _escalate(session, core, account, unconfirmed, today)


def _days(core: Core, since: datetime | None, today: date) -> int:
    if since is None:
        return 0
    return core.calendar.working_days_between(core.calendar.local_date(since), today)


def _escalation_day(core: Core, since: datetime) -> str:
    start = core.calendar.local_date(since)
    days = core.guideline.rules.opening_escalation_after_working_days
    return core.calendar.add_working_days(start, days).isoformat()


def _remind(session: Session, core: Core, account: Account, row: AccountAdmin, today: date) -> None:
    rules = core.guideline.rules
    if _days(core, row.login_asked_at, today) < rules.opening_reminder_after_working_days:
        return
    assert row.login_asked_at is not None
    label = account_label(account)
    message = Message(
        title=A.LOGIN_REMIND_TITLE.format(account=label),
        text=A.LOGIN_REMIND_TEXT.format(
            account=label,
            date=local_date(core, row.login_asked_at),
            min=number(rules.min_admins),
            escalated=_escalation_day(core, row.login_asked_at),
        ),
        buttons=[_button(row)],
        actors=[row.person_id],
    )
    enqueue_to_person(session, core, f"{login_key(row)}:reminder", row.person_id, message)


def _escalate(
    session: Session, core: Core, account: Account, unconfirmed: list[AccountAdmin], today: date
) -> None:
    assert account.id is not None
    confirmed = confirmed_rows(session, account.id)
    minimum = core.guideline.rules.min_admins
    if len(confirmed) >= minimum:
        settle(session, core, account)
        return
    first = min(unconfirmed, key=lambda r: r.login_asked_at or core.now())
    days = _days(core, first.login_asked_at, today)
    if days < core.guideline.rules.opening_escalation_after_working_days:
        return
    assert first.login_asked_at is not None
    escalate(
        session,
        core,
        key=f"logins:{account.id}:{int(first.login_asked_at.timestamp())}",
        kind=KIND,
        summary=A.LOGIN_STALLED.format(
            account=account_label(account), confirmed=len(confirmed), min=minimum, days=days
        ),
        account_id=account.id,
        facts=[
            Fact(
                label=A.LOGIN_FACT_CONFIRMED,
                value=", ".join(name_of(session, r.person_id) for r in confirmed)
                or texts.admins.NOBODY,
            ),
            Fact(
                label=A.LOGIN_FACT_MISSING,
                value=", ".join(name_of(session, r.person_id) for r in unconfirmed),
            ),
        ],
    )
