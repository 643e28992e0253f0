"""**Lösenordet är bytt**: after an admin leaves an account, its password is changed.

When an admin leaves the organisation, steps down or is removed, the remaining admins and the
communicators are asked to change the password; an admin of the account or a communicator
presses **Lösenordet är bytt**. One open request per account, held by the database (a unique
`open_account_id`): a second departure while one is open is covered by the same change. Not
done within `password_change_within_working_days` → escalation to the communicators.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from bot import audit, texts
from bot.core import Core
from bot.flows.account_choice import account_label
from bot.flows.accounts import names
from bot.flows.admins.roster import present_admins
from bot.flows.escalation import escalate, resolve
from bot.flows.opening.common import local, name_of
from bot.messages import Button, Fact, Message
from bot.outbox import enqueue_to_communicators, enqueue_to_person, enqueue_update
from bot.registry import Verbs
from bot.router import Context, Reply
from storage.insert import insert_unless_taken
from storage.models import Account, AccountStatus, OutboxMessage, PasswordChange

verbs = Verbs()
A = texts.accounts
KIND = "accounts.password"
LIVE = (AccountStatus.ACTIVE, AccountStatus.PAUSED)


def request_change(
    session: Session, core: Core, account: Account, person_id: int, reason: str
) -> PasswordChange | None:
    """Ask for the account's password to be changed because `person_id` left it (`reason`:
    departed, stepped_down, removed). Returns the new request; None when one was open."""
    assert account.id is not None
    if account.status not in LIVE:
        return None
    opened = insert_unless_taken(
        session,
        PasswordChange,
        {
            "account_id": account.id,
            "person_id": person_id,
            "reason": reason,
            "requested_at": core.now(),
            "open_account_id": account.id,
        },
        ["open_account_id"],
    )
    audit.record(
        session,
        core.now(),
        "accounts.password_change_requested",
        account_id=account.id,
        person_id=person_id,
        reason=reason,
        covered_by_open_request=opened is None,
    )
    if opened is None:
        return None
    change = session.get(PasswordChange, opened)
    assert change is not None
    message = card(session, core, account, change)
    for admin in present_admins(session, account.id):
        assert admin.id is not None
        if admin.id != person_id:
            enqueue_to_person(session, core, _key(change, str(admin.id)), admin.id, message)
    enqueue_to_communicators(session, core, _key(change, "communicators"), message)
    return change


def _key(change: PasswordChange, who: str) -> str:
    return f"password:{change.id}:{who}"


def due_day(core: Core, change: PasswordChange) -> date:
    start = core.calendar.local_date(change.requested_at)
    return core.calendar.add_working_days(
        start, core.guideline.rules.password_change_within_working_days
    )


def card(session: Session, core: Core, account: Account, change: PasswordChange) -> Message:
    label = account_label(account)
    done = change.done_at is not None
    return Message(
        title=A.PASSWORD_TITLE.format(account=label),
        text=A.PASSWORD_TEXT.format(
            person=name_of(session, change.person_id),
            how=A.PASSWORD_HOW.get(change.reason, change.reason),
            account=label,
            due=due_day(core, change).isoformat(),
        ),
        buttons=[]
        if done
        else [
            Button(
                label=A.PASSWORD_BUTTON,
                action=names.PASSWORD_CHANGED,
                value=str(change.id),
                style="primary",
            )
        ],
        footer=A.PASSWORD_DONE_FOOTER.format(
            name=name_of(session, change.done_by_id), at=local(core, change.done_at)
        )
        if done
        else None,
    )


@verbs.action(names.PASSWORD_CHANGED)
def password_changed(ctx: Context, value: str) -> Reply:
    change = ctx.session.get(PasswordChange, int(value)) if value.isdigit() else None
    account = ctx.session.get(Account, change.account_id) if change is not None else None
    if change is None or account is None or not _may_mark(ctx, account):
        return Reply(notice=A.PASSWORD_NOT_ALLOWED)
    if change.done_at is not None:
        return Reply(
            notice=A.PASSWORD_ALREADY.format(
                account=account_label(account), at=local(ctx.core, change.done_at)
            )
        )
    change.done_at = ctx.now
    change.done_by_id = ctx.actor.id
    change.open_account_id = None
    ctx.session.add(change)
    ctx.session.flush()
    ctx.audit("accounts.password_changed", account_id=account.id, request_id=change.id)
    message = card(ctx.session, ctx.core, account, change)
    for key in _sent_keys(ctx.session, change):
        enqueue_update(ctx.session, ctx.core, key, message)
    resolve(ctx.session, ctx.core, _escalation_key(change), A.PASSWORD_RESOLVED)
    return Reply(notice=A.PASSWORD_DONE_NOTICE.format(account=account_label(account)))


def _may_mark(ctx: Context, account: Account) -> bool:
    if ctx.actor.is_communicator:
        return True
    assert account.id is not None
    return any(p.id == ctx.actor.id for p in present_admins(ctx.session, account.id))


def _sent_keys(session: Session, change: PasswordChange) -> list[str]:
    rows = session.exec(
        select(OutboxMessage.message_key)
        .where(col(OutboxMessage.message_key).startswith(_key(change, "")))
        .distinct()
    ).all()
    return sorted(str(k) for k in rows)


def _escalation_key(change: PasswordChange) -> str:
    return f"password:{change.id}"


@verbs.sweep("accounts.password", morning=True)
def escalate_unchanged(core: Core, session: Session) -> None:
    """Each working morning: open requests past their day go to the communicators (once)."""
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    within = core.guideline.rules.password_change_within_working_days
    for change in session.exec(
        select(PasswordChange).where(col(PasswordChange.done_at).is_(None))
    ).all():
        days = core.calendar.working_days_between(
            core.calendar.local_date(change.requested_at), today
        )
        account = session.get(Account, change.account_id)
        if days < within or account is None or account.status not in LIVE:
            continue
        escalate(
            session,
            core,
            key=_escalation_key(change),
            kind=KIND,
            summary=A.PASSWORD_STALLED.format(
                account=account_label(account),
                days=days,
                person=name_of(session, change.person_id),
                how=A.PASSWORD_HOW.get(change.reason, change.reason),
            ),
            account_id=account.id,
            facts=[Fact(label=A.FACT_LEFT, value=name_of(session, change.person_id))],
        )
