"""A new owner or manager for an account: named, then they answer.

`name_person` opens an AccountHandover (one open per account and kind, held by the unique
`open_key`; naming someone else replaces the open one) and sends the named person a card.
Only that person may answer: the owner **Acceptera** / **Avböj**, the manager **Bekräfta** /
**Avböj**. Accepting moves the role; the one who asked is told either way.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot import audit, texts
from bot.command_refs import cmd
from bot.core import Core
from bot.flows.account_choice import account_label
from bot.flows.accounts import logins, names
from bot.flows.escalation import escalate, resolve
from bot.flows.opening.common import admin_row, load_account, local, name_of
from bot.messages import Button, Message
from bot.outbox import enqueue_to_person, enqueue_update
from bot.registry import Verbs
from bot.router import Context, Reply
from storage.insert import insert_unless_taken
from storage.models import (
    Account,
    AccountAdmin,
    AccountHandover,
    AccountStatus,
    AdminStatus,
    HandoverKind,
    HandoverOutcome,
)

verbs = Verbs()
A = texts.accounts
LIVE = (AccountStatus.ACTIVE, AccountStatus.PAUSED)


def open_handover(session: Session, account_id: int, kind: str) -> AccountHandover | None:
    return session.exec(
        select(AccountHandover).where(AccountHandover.open_key == _open_key(account_id, kind))
    ).first()


def _open_key(account_id: int, kind: str) -> str:
    return f"{account_id}:{kind}"


def name_person(
    session: Session, core: Core, account: Account, kind: HandoverKind, person_id: int, by_id: int
) -> AccountHandover | None:
    """Ask `person_id` to become the account's owner or manager; None if asked already."""
    assert account.id is not None
    earlier = open_handover(session, account.id, kind)
    if earlier is not None:
        if earlier.person_id == person_id:
            return None
        _close(session, core, account, earlier, HandoverOutcome.REPLACED)
        audit.record(
            session,
            core.now(),
            f"accounts.{kind}_replaced",
            actor_id=by_id,
            account_id=account.id,
            person_id=earlier.person_id,
        )
    opened = insert_unless_taken(
        session,
        AccountHandover,
        {
            "account_id": account.id,
            "kind": kind,
            "person_id": person_id,
            "requested_by_id": by_id,
            "requested_at": core.now(),
            "open_key": _open_key(account.id, kind),
        },
        ["open_key"],
    )
    if opened is None:
        return None  # another request named someone this very moment
    handover = session.get(AccountHandover, opened)
    assert handover is not None
    audit.record(
        session,
        core.now(),
        f"accounts.{kind}_named",
        actor_id=by_id,
        account_id=account.id,
        person_id=person_id,
    )
    enqueue_to_person(
        session, core, _key(handover), person_id, card(session, core, account, handover)
    )
    return handover


def _key(handover: AccountHandover) -> str:
    return f"handover:{handover.id}"


def card(session: Session, core: Core, account: Account, handover: AccountHandover) -> Message:
    label = account_label(account)
    by = name_of(session, handover.requested_by_id)
    if handover.kind == HandoverKind.OWNER:
        title = A.HANDOVER_OWNER_TITLE.format(account=label)
        text = A.HANDOVER_OWNER_TEXT.format(by=by, account=label)
        yes = A.ACCEPT
    else:
        title = A.HANDOVER_MANAGER_TITLE.format(account=label)
        text = A.HANDOVER_MANAGER_TEXT.format(by=by, account=label, unit=account.unit)
        yes = texts.accounts.CONFIRM
    buttons: list[Button] = []
    footer = None
    match handover.outcome:
        case HandoverOutcome.ACCEPTED:
            footer = A.HANDOVER_ANSWERED_ACCEPTED.format(at=local(core, handover.decided_at))
        case HandoverOutcome.DECLINED:
            footer = A.HANDOVER_ANSWERED_DECLINED.format(at=local(core, handover.decided_at))
        case HandoverOutcome.REPLACED:
            footer = A.HANDOVER_REPLACED
        case _:
            value = str(handover.id)
            buttons = [
                Button(label=yes, action=names.HANDOVER_ACCEPT, value=value, style="primary"),
                Button(label=A.DECLINE, action=names.HANDOVER_DECLINE, value=value),
            ]
    return Message(
        title=title, text=text, buttons=buttons, footer=footer, actors=[handover.person_id]
    )


def _close(
    session: Session, core: Core, account: Account, handover: AccountHandover, outcome: str
) -> None:
    handover.outcome = outcome
    handover.decided_at = core.now()
    handover.open_key = None
    session.add(handover)
    session.flush()
    enqueue_update(session, core, _key(handover), card(session, core, account, handover))
    resolve(session, core, _key(handover), A.HANDOVER_RESOLVED)


def _begin(ctx: Context, value: str) -> tuple[AccountHandover, Account] | Reply:
    handover = ctx.session.get(AccountHandover, int(value)) if value.isdigit() else None
    if handover is None or handover.person_id != ctx.actor.id:
        return Reply(notice=A.HANDOVER_NOT_ALLOWED)
    account = load_account(ctx.session, handover.account_id)
    if account is None:
        return Reply(notice=A.HANDOVER_NOT_ALLOWED)
    if handover.outcome is not None or account.status not in LIVE:
        return Reply(notice=A.HANDOVER_ALREADY)
    return handover, account


@verbs.action(names.HANDOVER_ACCEPT)
def accept(ctx: Context, value: str) -> Reply:
    begun = _begin(ctx, value)
    if isinstance(begun, Reply):
        return begun
    handover, account = begun
    if handover.kind == HandoverKind.OWNER:
        _become_owner(ctx, account)
        notice = A.HANDOVER_OWNER_DONE
    else:
        before = account.manager_id
        account.manager_id = ctx.actor.id
        ctx.session.add(account)
        ctx.audit("accounts.manager_changed", account_id=account.id, before=before)
        notice = A.HANDOVER_MANAGER_DONE
    _close(ctx.session, ctx.core, account, handover, HandoverOutcome.ACCEPTED)
    _tell_requester(ctx, account, handover, A.HANDOVER_TOLD_ACCEPTED)
    return Reply(notice=notice.format(account=account_label(account)))


def _become_owner(ctx: Context, account: Account) -> None:
    """The actor owns the account: an accepted admin (asked about their login if new)."""
    assert account.id is not None
    before = account.owner_id
    for row in ctx.session.exec(
        select(AccountAdmin).where(
            AccountAdmin.account_id == account.id, col(AccountAdmin.is_owner).is_(True)
        )
    ).all():
        row.is_owner = False
        ctx.session.add(row)
    row = admin_row(ctx.session, account.id, ctx.actor.id) or AccountAdmin(
        account_id=account.id, person_id=ctx.actor.id, nominated_at=ctx.now
    )
    joined = row.status != AdminStatus.ACCEPTED
    if joined:
        row.status = AdminStatus.ACCEPTED
        row.nominated_at, row.decided_at = ctx.now, ctx.now
        row.login_asked_at = row.login_confirmed_at = None
    row.is_owner = True
    ctx.session.add(row)
    account.owner_id = ctx.actor.id
    ctx.session.add(account)
    ctx.session.flush()
    ctx.audit("accounts.owner_changed", account_id=account.id, before=before, joined=joined)
    logins.ask_missing(ctx.session, ctx.core, account, [ctx.actor.id])


@verbs.action(names.HANDOVER_DECLINE)
def decline(ctx: Context, value: str) -> Reply:
    begun = _begin(ctx, value)
    if isinstance(begun, Reply):
        return begun
    handover, account = begun
    ctx.audit(f"accounts.{handover.kind}_declined", account_id=account.id)
    _close(ctx.session, ctx.core, account, handover, HandoverOutcome.DECLINED)
    _tell_requester(ctx, account, handover, A.HANDOVER_TOLD_DECLINED)
    return Reply(
        notice=A.HANDOVER_DECLINED_NOTICE.format(by=name_of(ctx.session, handover.requested_by_id))
    )


def _tell_requester(ctx: Context, account: Account, handover: AccountHandover, text: str) -> None:
    if handover.requested_by_id is None:
        return
    role = A.ROLE_OWNER if handover.kind == HandoverKind.OWNER else A.ROLE_MANAGER
    message = Message(
        text=text.format(
            name=name_of(ctx.session, handover.person_id),
            role=role,
            account=account_label(account),
            command=cmd("andra-konto"),
        )
    )
    stamp = int((handover.decided_at or ctx.now).timestamp())
    enqueue_to_person(
        ctx.session, ctx.core, f"{_key(handover)}:told:{stamp}", handover.requested_by_id, message
    )


@verbs.sweep("accounts.handovers", morning=True)
def remind_handovers(core: Core, session: Session) -> None:
    """Each working morning: a question still open is reminded about once after
    opening_reminder_after_working_days, and escalated after
    opening_escalation_after_working_days, like a stalled step of an application."""
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    rules = core.guideline.rules
    waiting = session.exec(
        select(AccountHandover).where(col(AccountHandover.open_key).is_not(None))
    ).all()
    for handover in waiting:
        days = core.calendar.working_days_between(
            core.calendar.local_date(handover.requested_at), today
        )
        account = session.get(Account, handover.account_id)
        if account is None or account.status not in LIVE:
            continue
        if days >= rules.opening_reminder_after_working_days:
            asked = card(session, core, account, handover)
            reminder = asked.model_copy(
                update={"title": A.HANDOVER_REMIND_TITLE.format(title=asked.title)}
            )
            key = f"{_key(handover)}:reminder"
            enqueue_to_person(session, core, key, handover.person_id, reminder)
        if days >= rules.opening_escalation_after_working_days:
            role = A.ROLE_OWNER if handover.kind == HandoverKind.OWNER else A.ROLE_MANAGER
            escalate(
                session,
                core,
                key=_key(handover),
                kind="accounts.handover",
                summary=A.HANDOVER_STALLED.format(
                    account=account_label(account),
                    name=name_of(session, handover.person_id),
                    role=role,
                    days=days,
                ),
                account_id=account.id,
            )
