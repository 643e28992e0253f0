"""Asking for a replacement admin: a form over the opening flow's `nominate`.

The nominee answers with the opening flow's **Acceptera** / **Avböj**; once someone has
accepted, the `admins-check` sweep finds the account back at MIN_ADMINS and ends the
shortage (and its escalation).
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from bot import texts
from bot.flows.account_choice import account_label
from bot.flows.admins.roster import nominator_for, present_admins
from bot.flows.admins.shortage import NOMINATE_ACTION
from bot.flows.opening.nomination import nominate
from bot.messages import Form, FormField
from bot.people import display_name
from bot.registry import Verbs, action_name
from bot.router import Context, Reply
from storage.models import LIVE_STATUSES, Account, AccountAdmin, AdminStatus, Person

verbs = Verbs()

T = texts.admins
FORM_ID = action_name("admins.nominate")


def may_nominate(ctx: Context, account: Account) -> bool:
    if ctx.actor.is_communicator:
        return True
    nominator = nominator_for(ctx.session, account)
    return nominator is not None and nominator.id == ctx.actor.id


@verbs.action(NOMINATE_ACTION)
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


@verbs.form(FORM_ID)
def submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    account = _active_account(ctx.session, context)
    if account is None or not may_nominate(ctx, account):
        return Reply(notice=T.NOMINATE_NOT_ALLOWED)
    assert account.id is not None
    picked = values.get("admins") or []
    ids = [int(v) for v in ([picked] if isinstance(picked, str) else picked) if str(v).isdigit()]
    ids = list(dict.fromkeys(ids))
    error = _invalid_choice(ctx.session, account.id, ids)
    if error:
        return Reply(errors={"admins": error})
    nominated = nominate(ctx.session, ctx.core, account, ids, ctx.actor.id, ctx.now)
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


def _active_account(session: Session, value: str) -> Account | None:
    account = session.get(Account, int(value)) if value.isdigit() else None
    if account is None or account.status not in LIVE_STATUSES:
        return None
    return account
