"""Asking for a replacement admin: the owner's (or manager's) form, and the nominee's answer.

The nomination itself (a row per nominee, a DM with Acceptera / Avböj) is `nominate`;
when the nominee accepts, the account is checked again, which ends the shortage.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from bot import audit, texts
from bot.core import Core
from bot.flows.admins.roster import account_label, nominator_for, present_admins
from bot.flows.admins.shortage import NOMINATE_ACTION, check_account
from bot.messages import Button, Form, FormField, Message
from bot.outbox import enqueue_to_person, enqueue_update
from bot.people import display_name
from bot.router import Context, Reply, action, form
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus, Person

T = texts.admins
FORM_ID = "admins.nominate"
ACCEPT_ACTION = "admins.accept"
DECLINE_ACTION = "admins.decline"


def may_nominate(ctx: Context, account: Account) -> bool:
    if ctx.actor.is_communicator:
        return True
    nominator = nominator_for(ctx.session, account)
    return nominator is not None and nominator.id == ctx.actor.id


@action(NOMINATE_ACTION)
def open_form(ctx: Context, value: str) -> Reply:
    account = _active_account(ctx.session, value)
    if account is None or not may_nominate(ctx, account):
        return Reply(notice=T.NOMINATE_NOT_ALLOWED)
    return Reply(
        form=Form(
            id=FORM_ID,
            title=T.NOMINATE_FORM_TITLE,
            intro=T.NOMINATE_FORM_INTRO.format(account=account_label(account)),
            submit_label=T.NOMINATE_SUBMIT,
            context=str(account.id),
            fields=[FormField(id="admins", label=T.NOMINATE_FIELD, kind="users")],
        )
    )


@form(FORM_ID)
def submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    account = _active_account(ctx.session, context)
    if account is None or not may_nominate(ctx, account):
        return Reply(notice=T.NOMINATE_NOT_ALLOWED)
    assert account.id is not None
    picked = values.get("admins") or []
    ids = [int(v) for v in ([picked] if isinstance(picked, str) else picked) if str(v).isdigit()]
    error = _invalid_choice(ctx.session, account.id, ids)
    if error:
        return Reply(errors={"admins": error})
    nominated = nominate(ctx.session, ctx.core, account.id, ids, ctx.actor.id)
    names = ", ".join(display_name(ctx.session.get(Person, row.person_id)) for row in nominated)
    return Reply(notice=T.NOMINATED.format(names=names))


def _invalid_choice(session: Session, account_id: int, ids: list[int]) -> str | None:
    if not ids:
        return T.NOMINATE_ERR_EMPTY
    present = {p.id for p in present_admins(session, account_id)}
    waiting = set(
        session.exec(
            select(AccountAdmin.person_id).where(
                AccountAdmin.account_id == account_id,
                AccountAdmin.status == AdminStatus.NOMINATED,
            )
        ).all()
    )
    for person_id in ids:
        person = session.get(Person, person_id)
        if person is None:
            return T.NOMINATE_ERR_EMPTY
        if person.departed_at is not None:
            return T.NOMINATE_ERR_DEPARTED.format(name=display_name(person))
        if person_id in present:
            return T.NOMINATE_ERR_ALREADY.format(name=display_name(person))
        if person_id in waiting:
            return T.NOMINATE_ERR_WAITING.format(name=display_name(person))
    return None


def nominate(
    session: Session, core: Core, account_id: int, person_ids: list[int], by_id: int | None
) -> list[AccountAdmin]:
    """Nominate people as admins of an account; each gets a DM to accept or decline."""
    account = session.get(Account, account_id)
    assert account is not None
    now = core.now()
    who = display_name(session.get(Person, by_id)) if by_id else ""
    rows = []
    for person_id in person_ids:
        row = session.exec(
            select(AccountAdmin).where(
                AccountAdmin.account_id == account_id, AccountAdmin.person_id == person_id
            )
        ).first()
        if row is None:
            row = AccountAdmin(account_id=account_id, person_id=person_id, nominated_at=now)
        # Someone who once declined or stepped down can be asked again.
        row.status = AdminStatus.NOMINATED
        row.nominated_at = now
        row.decided_at = None
        session.add(row)
        session.flush()
        audit.record(
            session, now, "admin.nominated", actor_id=by_id, account_id=account_id, person=person_id
        )
        enqueue_to_person(
            session, core, _message_key(row), person_id, _nomination(account, row, who)
        )
        rows.append(row)
    return rows


@action(ACCEPT_ACTION)
def accept(ctx: Context, value: str) -> Reply:
    return _answer(ctx, value, accepted=True)


@action(DECLINE_ACTION)
def decline(ctx: Context, value: str) -> Reply:
    return _answer(ctx, value, accepted=False)


def _answer(ctx: Context, value: str, *, accepted: bool) -> Reply:
    row = ctx.session.get(AccountAdmin, int(value)) if value.isdigit() else None
    if row is None or row.person_id != ctx.actor.id:
        return Reply(notice=T.ONLY_NOMINEE)
    if row.status != AdminStatus.NOMINATED:
        return Reply(notice=texts.common.ALREADY_DECIDED)
    account = ctx.session.get(Account, row.account_id)
    assert account is not None
    row.status = AdminStatus.ACCEPTED if accepted else AdminStatus.DECLINED
    row.decided_at = ctx.now
    ctx.session.add(row)
    ctx.session.flush()
    audit.record(
        ctx.session,
        ctx.now,
        "admin.accepted" if accepted else "admin.declined",
        actor_id=ctx.actor.id,
        account_id=account.id,
    )
    enqueue_update(ctx.session, ctx.core, _message_key(row), _decided(ctx, account, row))
    label = account_label(account)
    if accepted:
        check_account(ctx.session, ctx.core, account)
        return Reply(notice=T.ACCEPTED_NOTICE.format(account=label))
    _tell_nominator(ctx, account)
    return Reply(notice=T.DECLINED_NOTICE.format(account=label))


def _tell_nominator(ctx: Context, account: Account) -> None:
    nominator = nominator_for(ctx.session, account)
    if nominator is None or nominator.id is None:
        return
    message = Message(
        title=T.DECLINED_TITLE.format(
            name=display_name(ctx.actor.person), account=account_label(account)
        ),
        text=T.DECLINED_TEXT,
        buttons=[Button(label=T.NOMINATE_BUTTON, action=NOMINATE_ACTION, value=str(account.id))],
    )
    key = f"admin-declined:{account.id}:{ctx.actor.id}:{ctx.now.isoformat()}"
    enqueue_to_person(ctx.session, ctx.core, key, nominator.id, message)


def _message_key(row: AccountAdmin) -> str:
    return f"admin-nomination:{row.id}:{_stamp(row.nominated_at)}"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _nomination(account: Account, row: AccountAdmin, who: str) -> Message:
    label = account_label(account)
    return Message(
        title=T.NOMINATION_TITLE.format(account=label),
        text=T.NOMINATION_TEXT.format(who=who, account=label),
        buttons=[
            Button(label=T.ACCEPT, action=ACCEPT_ACTION, value=str(row.id), style="primary"),
            Button(label=T.DECLINE, action=DECLINE_ACTION, value=str(row.id)),
        ],
    )


def _decided(ctx: Context, account: Account, row: AccountAdmin) -> Message:
    label = account_label(account)
    when = ctx.now.astimezone(ctx.core.settings.tz).strftime("%Y-%m-%d %H:%M")
    if row.status == AdminStatus.ACCEPTED:
        text, footer = T.ACCEPTED_NOTICE, T.ACCEPTED_FOOTER
    else:
        text, footer = T.DECLINED_NOTICE, T.DECLINED_FOOTER
    return Message(
        title=T.NOMINATION_TITLE.format(account=label),
        text=text.format(account=label),
        footer=footer.format(when=when),
    )


def _active_account(session: Session, value: str) -> Account | None:
    account = session.get(Account, int(value)) if value.isdigit() else None
    if account is None or account.status != AccountStatus.ACTIVE:
        return None
    return account
