"""Escalation to the communicators: one message per cause, taken and resolved with buttons.

Any rule that finds something overdue or wrong calls `escalate` with a stable key;
a second call with the same key does nothing, so sweeps can run as often as they like.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot import audit, texts
from bot.core import Core
from bot.markup import mention
from bot.messages import Button, Fact, LineLink, Message
from bot.outbox import enqueue_to_communicators, enqueue_update
from bot.outbox.queue import enqueue_many_to_communicators, enqueued
from bot.people import display_name
from bot.registry import COMMUNICATORS, Verbs, action_name
from bot.router import Context, Reply
from bot.summary import any_of
from bot.texts.platforms import account_label
from bot.texts.plural import and_list, antal
from storage.bulk import insert_many
from storage.insert import insert_unless_taken
from storage.models import (
    Account,
    AccountAdmin,
    AdminStatus,
    Escalation,
    EscalationStatus,
    Person,
)

verbs = Verbs()
TAKE = action_name("escalation.take")
RESOLVE = action_name("escalation.resolve")

T = texts.escalation


def escalate(
    session: Session,
    core: Core,
    *,
    key: str,
    kind: str,
    summary: str,
    account_id: int | None = None,
    facts: list[Fact] | None = None,
) -> Escalation | None:
    """Open an escalation unless one with this key exists; returns it when newly opened."""
    if session.exec(select(Escalation.id).where(Escalation.key == key)).first():
        return None
    now = core.now()
    # The key is unique: of two processes escalating the same cause at once, one opens it.
    opened = insert_unless_taken(
        session,
        Escalation,
        {
            "key": key,
            "kind": kind,
            "summary": summary,
            "account_id": account_id,
            "facts": [fact.model_dump() for fact in facts or []],
            "status": EscalationStatus.OPEN,
            "created_at": now,
        },
        ["key"],
    )
    escalation = session.get(Escalation, opened) if opened is not None else None
    if escalation is None:
        return None
    audit.record(session, now, "escalation.opened", account_id=account_id, key=key, kind=kind)
    enqueue_to_communicators(
        session, core, _message_key(escalation), _message(session, core, escalation)
    )
    return escalation


@dataclass(frozen=True)
class Cause:
    """One escalation to open (`escalate_many`); the fields as `escalate` takes them."""

    key: str
    kind: str
    summary: str
    account_id: int | None = None
    facts: list[Fact] = field(default_factory=list)


@dataclass(frozen=True)
class Opened:
    """A just-opened escalation as its channel message reads it: a sweep opens thousands,
    and an ORM object each (built, then tracked) cost more than the rest of the sweep."""

    id: int
    key: str
    kind: str
    summary: str
    account_id: int | None
    facts: list[dict[str, Any]]
    created_at: datetime
    status: str = EscalationStatus.OPEN
    taken_by_id: int | None = None
    taken_at: datetime | None = None
    resolved_by_id: int | None = None
    resolved_at: datetime | None = None
    resolution: str | None = None


def escalate_many(session: Session, core: Core, causes: Sequence[Cause]) -> list[Opened]:
    """Many `escalate` at once: a few statements however many causes (a sweep over
    thousands of accounts). Keys opened before are left alone; returns the newly opened."""
    now = core.now()
    rows = [
        {
            "key": cause.key,
            "kind": cause.kind,
            "summary": cause.summary,
            "account_id": cause.account_id,
            "facts": [fact.model_dump() for fact in cause.facts],
            "status": EscalationStatus.OPEN,
            "created_at": now,
        }
        for cause in causes
    ]
    ids = {
        key: id_
        for id_, key in insert_many(
            session,
            Escalation.__table__,  # type: ignore[attr-defined]
            rows,
            conflict=["key"],
            returning=["id", "key"],
        )
    }
    opened = [
        Opened(
            id=ids[row["key"]],
            key=row["key"],
            kind=row["kind"],
            summary=row["summary"],
            account_id=row["account_id"],
            facts=row["facts"],
            created_at=now,
        )
        for row in rows
        if row["key"] in ids
    ]
    del rows
    audit.record_many(
        session,
        now,
        "escalation.opened",
        ((e.account_id, {"key": e.key, "kind": e.kind}) for e in opened),
    )
    account_ids = [e.account_id for e in opened if e.account_id]
    admins = present_admin_ids(session, account_ids)
    accounts = _accounts(session, account_ids)
    enqueue_many_to_communicators(
        session,
        core,
        ((_message_key(e), _message(session, core, e, admins, accounts)) for e in opened),
    )
    return opened


def _accounts(session: Session, account_ids: Sequence[int]) -> dict[int, Any]:
    """What an escalation's message shows of its account, per account, in one query (rows,
    not ORM objects)."""
    if not account_ids:
        return {}
    rows = session.exec(
        select(
            Account.id,
            Account.name,
            Account.platform,
            Account.platform_other,
            Account.owner_id,
            Account.manager_id,
        ).where(any_of(session, Account.id, account_ids))
    ).all()
    return {row.id: row for row in rows}


def resolve(session: Session, core: Core, key: str, reason: str) -> bool:
    """Close an escalation because its cause went away (e.g. the account posted again)."""
    escalation = session.exec(select(Escalation).where(Escalation.key == key)).first()
    if escalation is None or escalation.status == EscalationStatus.RESOLVED:
        return False
    escalation.status = EscalationStatus.RESOLVED
    escalation.resolved_at = core.now()
    escalation.resolution = reason
    session.add(escalation)
    audit.record(
        session,
        core.now(),
        "escalation.resolved",
        account_id=escalation.account_id,
        key=key,
        reason=reason,
    )
    enqueue_update(session, core, _message_key(escalation), _message(session, core, escalation))
    return True


def is_open(session: Session, key: str) -> bool:
    escalation = session.exec(select(Escalation).where(Escalation.key == key)).first()
    return escalation is not None and escalation.status != EscalationStatus.RESOLVED


@verbs.action(TAKE, audience=COMMUNICATORS)
def take(ctx: Context, value: str) -> Reply:
    escalation, refusal = _escalation(ctx, value)
    if escalation is None:
        return refusal
    if escalation.taken_by_id == ctx.actor.id:
        return Reply(notice=T.ALREADY_TAKEN_BY_YOU)
    escalation.status = EscalationStatus.TAKEN
    escalation.taken_by_id = ctx.actor.id
    escalation.taken_at = ctx.now
    return _changed(ctx, escalation, "escalation.taken", T.TAKEN_NOTICE)


@verbs.action(RESOLVE, audience=COMMUNICATORS)
def mark_resolved(ctx: Context, value: str) -> Reply:
    escalation, refusal = _escalation(ctx, value)
    if escalation is None:
        return refusal
    escalation.status = EscalationStatus.RESOLVED
    escalation.resolved_by_id = ctx.actor.id
    escalation.resolved_at = ctx.now
    return _changed(ctx, escalation, "escalation.resolved", T.RESOLVED_NOTICE)


def _changed(ctx: Context, escalation: Escalation, audit_action: str, notice: str) -> Reply:
    """Save a communicator's step, log it and edit the channel message in place."""
    ctx.session.add(escalation)
    ctx.audit(audit_action, account_id=escalation.account_id, key=escalation.key)
    enqueue_update(
        ctx.session, ctx.core, _message_key(escalation), _message(ctx.session, ctx.core, escalation)
    )
    return Reply(notice=notice)


def _escalation(ctx: Context, value: str) -> tuple[Escalation | None, Reply]:
    escalation = ctx.session.get(Escalation, int(value)) if value.isdigit() else None
    if escalation is None:
        return None, Reply(notice=T.UNKNOWN)
    if escalation.status == EscalationStatus.RESOLVED:
        return None, Reply(notice=T.ALREADY_RESOLVED)
    return escalation, Reply()


# Last: it lists what this morning's other sweeps opened; once it ran, the day is done.
@verbs.sweep("communicators-digest", morning=True, last=True)
def morning_digest(core: Core, session: Session) -> None:
    """Each working morning: one message listing everything still open."""
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    key = f"escalation-digest:{today.isoformat()}"
    if enqueued(session, [key]):
        return  # today's is out: every later tick of the day reads no escalation
    open_ones = session.exec(
        select(Escalation)
        .where(Escalation.status != EscalationStatus.RESOLVED)
        .order_by(Escalation.created_at)
    ).all()
    if not open_ones:
        return
    lines = [_digest_line(session, core, escalation) for escalation in open_ones]
    message = Message(
        title=T.DIGEST_TITLE.format(date=today.isoformat()),
        text=T.DIGEST_TEXT.format(count=antal(len(open_ones), "ärende", "ärenden")),
        checklist=lines,
        line_links=[
            LineLink(line=i, message_key=_message_key(escalation), label=T.DIGEST_LINK)
            for i, escalation in enumerate(open_ones)
        ],
    )
    enqueue_to_communicators(session, core, key, message)


def _digest_line(session: Session, core: Core, escalation: Escalation) -> str:
    if escalation.taken_by_id:
        status = T.STATUS_TAKEN.format(
            name=display_name(session.get(Person, escalation.taken_by_id))
        )
    else:
        status = T.STATUS_OPEN
    return T.DIGEST_LINE.format(
        summary=escalation.summary, status=status, since=_local(core, escalation.created_at)
    )


def _message_key(escalation: Escalation | Opened) -> str:
    return f"escalation:{escalation.key}"


def _message(
    session: Session,
    core: Core,
    escalation: Escalation | Opened,
    admins: AdminIds | None = None,
    accounts: dict[int, Any] | None = None,
) -> Message:
    """`admins`, `accounts`: the accounts' present admins and columns when a sweep opens
    many at once (one query each); otherwise read here."""
    account = _account(session, escalation, accounts)
    facts = [Fact.model_validate(fact) for fact in escalation.facts]
    if account is not None:
        facts.insert(0, Fact(label=T.ACCOUNT, value=account_label(account)))
    facts.append(Fact(label=T.OPENED, value=_local(core, escalation.created_at)))
    buttons: list[Button] = []
    footer = None
    if escalation.status == EscalationStatus.RESOLVED:
        if escalation.resolved_by_id:
            footer = T.RESOLVED_FOOTER.format(
                name=display_name(session.get(Person, escalation.resolved_by_id)),
                when=_local(core, escalation.resolved_at),
            )
        else:
            footer = T.AUTO_RESOLVED_FOOTER.format(
                when=_local(core, escalation.resolved_at), reason=escalation.resolution or ""
            )
    else:
        value = str(escalation.id)
        buttons = [Button(label=T.RESOLVE, action=RESOLVE, value=value, confirm=T.CONFIRM_RESOLVE)]
        if escalation.status == EscalationStatus.TAKEN:
            footer = T.TAKEN_FOOTER.format(
                name=display_name(session.get(Person, escalation.taken_by_id)),
                when=_local(core, escalation.taken_at),
            )
        else:
            buttons.insert(0, Button(label=T.TAKE, action=TAKE, value=value, style="primary"))
    return Message(
        title=T.CHANNEL_TITLE.format(summary=escalation.summary),
        text=_what_to_do(session, escalation, account, admins),
        facts=facts,
        buttons=buttons,
        footer=footer,
    )


def _account(
    session: Session, escalation: Escalation | Opened, accounts: dict[int, Any] | None
) -> Any:
    if not escalation.account_id:
        return None
    if accounts is not None:
        return accounts.get(escalation.account_id)
    return session.get(Account, escalation.account_id)


def _what_to_do(
    session: Session, escalation: Escalation | Opened, account: Any, admins: AdminIds | None
) -> str:
    """The general instruction, then what to do for this kind and whom to contact (mentions)."""
    if account is None or escalation.status == EscalationStatus.RESOLVED:
        return T.CHANNEL_TEXT
    if admins is None:
        admins = present_admin_ids(session, [account.id or 0])
    people = _contacts(escalation, account, admins.get(account.id or 0, []))
    contacts = and_list([mention(person_id) for person_id in people])
    if not contacts:
        return T.CHANNEL_TEXT
    how = T.HOW_TO.get(escalation.kind, T.HOW_TO_DEFAULT)
    return f"{T.CHANNEL_TEXT}\n\n{how.format(contacts=contacts)}"


def _contacts(escalation: Escalation | Opened, account: Any, admins: list[int]) -> list[int]:
    """Who can act on this kind: the manager, the applicant, or the account's admins."""
    if escalation.kind == "opening.manager":
        return [account.manager_id]
    if escalation.kind.startswith("opening."):
        return [account.owner_id]
    if escalation.kind == "too-few-admins":
        return list(dict.fromkeys([account.owner_id, account.manager_id]))
    return admins


AdminIds = dict[int, list[int]]


def present_admin_ids(session: Session, account_ids: Sequence[int]) -> AdminIds:
    """The accepted admins still here, per account, in one query.

    (bot/flows/admins/roster.py has the same rule, but the admins package imports this module.)
    """
    found: AdminIds = {}
    if not account_ids:
        return found
    rows = session.exec(
        select(AccountAdmin.account_id, AccountAdmin.person_id)
        .join(Person, col(Person.id) == AccountAdmin.person_id)
        .where(
            any_of(session, AccountAdmin.account_id, account_ids),
            AccountAdmin.status == AdminStatus.ACCEPTED,
            col(Person.departed_at).is_(None),
        )
        .order_by(col(AccountAdmin.id))
    ).all()
    for account_id, person_id in rows:
        found.setdefault(account_id, []).append(person_id)
    return found


def _local(core: Core, moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(core.settings.tz).strftime("%Y-%m-%d %H:%M")
