"""When the manager or the owner of an account leaves the organisation.

The manager left: the owner (a communicator, when the owner is gone too) is asked to name a
new manager, who confirms. The owner left: the communicators are asked to appoint one of the
remaining admins, who accepts. Both answers go through `handover.name_person`.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot import texts
from bot.command_refs import cmd
from bot.core import Core
from bot.flows.account_choice import account_label
from bot.flows.accounts import names
from bot.flows.accounts.changes import Change, check_manager
from bot.flows.accounts.handover import LIVE, name_person
from bot.flows.admins.roster import present_admins
from bot.flows.opening.common import name_of
from bot.flows.opening.validation import as_person_ids
from bot.messages import Button, Form, FormField, Message, Option
from bot.outbox import enqueue_to_communicators, enqueue_to_person
from bot.registry import COMMUNICATORS, Verbs
from bot.router import Context, Reply
from storage.models import Account, HandoverKind, Person

verbs = Verbs()
A = texts.accounts


def person_left(session: Session, core: Core, person_id: int) -> None:
    """Ask for a new manager or owner on each live account the person held that role on."""
    held = session.exec(
        select(Account)
        .where(
            col(Account.status).in_(LIVE),
            (Account.manager_id == person_id) | (Account.owner_id == person_id),
        )
        .order_by(col(Account.id))
    ).all()
    for account in held:
        if account.manager_id == person_id:
            _ask_for_manager(session, core, account, person_id)
        if account.owner_id == person_id:
            _ask_for_owner(session, core, account, person_id)


def _present(session: Session, person_id: int) -> bool:
    person = session.get(Person, person_id)
    return person is not None and person.departed_at is None


def _ask_for_manager(session: Session, core: Core, account: Account, left_id: int) -> None:
    label = account_label(account)
    message = Message(
        title=A.MANAGER_LEFT_TITLE.format(account=label),
        text=A.MANAGER_LEFT_TEXT.format(name=name_of(session, left_id), account=label),
        buttons=[
            Button(
                label=A.NAME_MANAGER_BUTTON,
                action=names.NAME_MANAGER,
                value=str(account.id),
                style="primary",
            )
        ],
    )
    key = f"manager-left:{account.id}:{left_id}"
    if account.owner_id != left_id and _present(session, account.owner_id):
        enqueue_to_person(session, core, key, account.owner_id, message)
    else:
        enqueue_to_communicators(session, core, key, message)


def _ask_for_owner(session: Session, core: Core, account: Account, left_id: int) -> None:
    assert account.id is not None
    label, name = account_label(account), name_of(session, left_id)
    if present_admins(session, account.id):
        message = Message(
            title=A.OWNER_LEFT_TITLE.format(account=label),
            text=A.OWNER_LEFT_TEXT.format(name=name, account=label),
            buttons=[
                Button(
                    label=A.APPOINT_OWNER_BUTTON,
                    action=names.APPOINT_OWNER,
                    value=str(account.id),
                    style="primary",
                )
            ],
        )
    else:
        message = Message(
            title=A.OWNER_LEFT_TITLE.format(account=label),
            text=A.OWNER_LEFT_NOBODY.format(name=name, account=label, command=cmd("andra-konto")),
        )
    enqueue_to_communicators(session, core, f"owner-left:{account.id}:{left_id}", message)


def _live(session: Session, value: str) -> Account | None:
    account = session.get(Account, int(value)) if value.isdigit() else None
    return account if account is not None and account.status in LIVE else None


def _may_name_manager(ctx: Context, account: Account) -> bool:
    return ctx.actor.is_communicator or account.owner_id == ctx.actor.id


@verbs.action(names.NAME_MANAGER)
def name_manager_button(ctx: Context, value: str) -> Reply:
    account = _live(ctx.session, value)
    if account is None or not _may_name_manager(ctx, account):
        return Reply(notice=A.NAME_MANAGER_NOT_ALLOWED)
    return Reply(
        form=Form(
            id=names.NAME_MANAGER,
            title=A.NAME_MANAGER_TITLE,
            submit_label=A.CHANGE_SUBMIT,
            context=str(account.id),
            intro=account_label(account),
            fields=[FormField(id="new_manager", label=A.LABEL_NEW_MANAGER, kind="user")],
        )
    )


@verbs.form(names.NAME_MANAGER)
def name_manager(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    account = _live(ctx.session, context)
    if account is None or not _may_name_manager(ctx, account):
        return Reply(notice=A.NAME_MANAGER_NOT_ALLOWED)
    picked = as_person_ids(values, "new_manager")
    change = Change(account, new_manager=picked[0] if picked else None)
    errors: dict[str, str] = {}
    if change.new_manager is None:
        errors["new_manager"] = A.CHANGE_ERR_NOTHING
    check_manager(ctx.session, change, errors)
    if errors or change.new_manager is None:
        return Reply(errors=errors)
    name_person(
        ctx.session, ctx.core, account, HandoverKind.MANAGER, change.new_manager, ctx.actor.id
    )
    what = A.CHANGE_WHAT_MANAGER.format(name=name_of(ctx.session, change.new_manager))
    return Reply(notice=A.CHANGE_DONE.format(account=account_label(account), what=what))


@verbs.action(names.APPOINT_OWNER, audience=COMMUNICATORS)
def appoint_owner_button(ctx: Context, value: str) -> Reply:
    account = _live(ctx.session, value)
    if account is None:
        return Reply(notice=A.APPOINT_ERR)
    assert account.id is not None
    options = [
        Option(value=str(p.id), label=name_of(ctx.session, p.id))
        for p in present_admins(ctx.session, account.id)
        if p.id != account.owner_id
    ]
    return Reply(
        form=Form(
            id=names.APPOINT_OWNER,
            title=A.APPOINT_OWNER_TITLE,
            submit_label=A.CHANGE_SUBMIT,
            context=str(account.id),
            intro=account_label(account),
            fields=[FormField(id="owner", label=A.LABEL_APPOINT, kind="select", options=options)],
        )
    )


@verbs.form(names.APPOINT_OWNER, audience=COMMUNICATORS)
def appoint_owner(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    account = _live(ctx.session, context)
    chosen = str(values.get("owner") or "")
    if account is None or account.id is None:
        return Reply(errors={"owner": A.APPOINT_ERR})
    remaining = [p.id for p in present_admins(ctx.session, account.id) if p.id != account.owner_id]
    person_id = next((p for p in remaining if str(p) == chosen), None)
    if person_id is None:
        return Reply(errors={"owner": A.APPOINT_ERR})
    name_person(ctx.session, ctx.core, account, HandoverKind.OWNER, person_id, ctx.actor.id)
    what = A.CHANGE_WHAT_OWNER.format(name=name_of(ctx.session, person_id))
    return Reply(notice=A.CHANGE_DONE.format(account=account_label(account), what=what))
