"""`andra-konto` (Teams: `ändra konto`): the owner or a communicator changes who runs an account.

One form: a new owner (who accepts), a new manager (who confirms), admins to add (asked with the
opening's own nomination card, then "Jag kan logga in") and admins to remove (at least
`min_admins` must remain, counting replacements nominated in the same step; the rest are asked
to change the password). Every choice is checked before anything changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.flows.account_choice import account_field, account_label
from bot.flows.accounts import names, password
from bot.flows.accounts.handover import LIVE, name_person
from bot.flows.admins.roster import present_admins
from bot.flows.opening.common import admin_row, name_of, names_of
from bot.flows.opening.nomination import nominate
from bot.flows.opening.validation import as_person_ids
from bot.guideline.words import number
from bot.messages import Form, FormField, Message
from bot.outbox import enqueue_to_person
from bot.registry import Verbs
from bot.router import Context, Reply
from bot.texts.plural import antal
from storage.models import Account, AdminStatus, HandoverKind, Person

verbs = Verbs()
A = texts.accounts


def changeable(ctx: Context) -> list[Account]:
    """The accounts the actor may change: a communicator any live one, an owner their own."""
    query = select(Account).where(col(Account.status).in_(LIVE)).order_by(col(Account.id))
    if not ctx.actor.is_communicator:
        query = query.where(Account.owner_id == ctx.actor.id)
    return list(ctx.session.exec(query).all())


def change_form(ctx: Context, accounts: list[Account], chosen: int | None = None) -> Form:
    def people(field_id: str, label: str, kind: Any) -> FormField:
        return FormField(id=field_id, label=label, kind=kind, required=False)

    return Form(
        id=names.CHANGE,
        title=A.CHANGE_FORM_TITLE,
        submit_label=A.CHANGE_SUBMIT,
        intro=A.CHANGE_FORM_INTRO.format(min=number(ctx.core.guideline.rules.min_admins)),
        fields=[
            account_field(accounts, A.LABEL_ACCOUNT, chosen=chosen),
            people("new_owner", A.LABEL_NEW_OWNER, "user"),
            people("new_manager", A.LABEL_NEW_MANAGER, "user"),
            people("add_admins", A.LABEL_ADD_ADMINS, "users"),
            people("remove_admins", A.LABEL_REMOVE_ADMINS, "users"),
        ],
    )


@verbs.command("andra-konto", A.COMMAND_CHANGE)
def change_command(ctx: Context, text: str) -> Reply:
    accounts = changeable(ctx)
    if not accounts:
        return Reply(notice=A.CHANGE_NOTHING_TO_CHANGE)
    return Reply(form=change_form(ctx, accounts))


@verbs.action(names.CHANGE_OPEN)
def change_button(ctx: Context, value: str) -> Reply:
    """**Ändra kontot** (e.g. on the yearly review): the form with that account chosen."""
    accounts = changeable(ctx)
    chosen = next((a.id for a in accounts if str(a.id) == value), None)
    if chosen is None:
        return Reply(notice=A.CHANGE_NOTHING_TO_CHANGE)
    return Reply(form=change_form(ctx, accounts, chosen))


@dataclass
class Change:
    account: Account
    new_owner: int | None = None
    new_manager: int | None = None
    add: list[int] = field(default_factory=list)
    remove: list[int] = field(default_factory=list)


@verbs.form(names.CHANGE)
def submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    change, errors = validate(ctx, values)
    if change is None:
        return Reply(errors=errors)
    what = apply(ctx, change)
    return Reply(
        notice=A.CHANGE_DONE.format(account=account_label(change.account), what="; ".join(what))
    )


def validate(ctx: Context, values: dict[str, Any]) -> tuple[Change | None, dict[str, str]]:
    chosen = str(values.get("account") or "")
    account = next((a for a in changeable(ctx) if str(a.id) == chosen), None)
    if account is None:
        return None, {"account": A.CHANGE_ERR_ACCOUNT}
    assert account.id is not None
    change = Change(
        account,
        _one(as_person_ids(values, "new_owner")),
        _one(as_person_ids(values, "new_manager")),
        list(dict.fromkeys(as_person_ids(values, "add_admins"))),
        list(dict.fromkeys(as_person_ids(values, "remove_admins"))),
    )
    errors: dict[str, str] = {}
    if not (change.new_owner or change.new_manager or change.add or change.remove):
        errors["new_owner"] = A.CHANGE_ERR_NOTHING
    _check_owner(ctx.session, change, errors)
    check_manager(ctx.session, change, errors)
    _check_added(ctx.session, change, errors)
    _check_removed(ctx.session, ctx.core, change, errors)
    return (None, errors) if errors else (change, errors)


def _one(ids: list[int]) -> int | None:
    return ids[0] if ids else None


def _departed(session: Session, person_id: int) -> str | None:
    person = session.get(Person, person_id)
    if person is None or person.departed_at is not None:
        return A.CHANGE_ERR_DEPARTED.format(name=name_of(session, person_id))
    return None


def _check_owner(session: Session, change: Change, errors: dict[str, str]) -> None:
    if change.new_owner is None:
        return
    if error := _departed(session, change.new_owner):
        errors["new_owner"] = error
    elif change.new_owner == change.account.owner_id:
        errors["new_owner"] = A.CHANGE_ERR_SAME_OWNER.format(
            name=name_of(session, change.new_owner)
        )
    elif change.new_owner == change.account.manager_id and change.new_manager is None:
        errors["new_owner"] = A.CHANGE_ERR_MANAGER_IS_OWNER


def check_manager(session: Session, change: Change, errors: dict[str, str]) -> None:
    if change.new_manager is None:
        return
    if error := _departed(session, change.new_manager):
        errors["new_manager"] = error
    elif change.new_manager == change.account.manager_id:
        errors["new_manager"] = A.CHANGE_ERR_SAME_MANAGER.format(
            name=name_of(session, change.new_manager)
        )
    elif change.new_manager in (change.account.owner_id, change.new_owner):
        errors["new_manager"] = A.CHANGE_ERR_MANAGER_IS_OWNER


def _check_added(session: Session, change: Change, errors: dict[str, str]) -> None:
    assert change.account.id is not None
    for person_id in change.add:
        row = admin_row(session, change.account.id, person_id)
        name = name_of(session, person_id)
        if error := _departed(session, person_id):
            errors["add_admins"] = error
        elif row is not None and row.status == AdminStatus.ACCEPTED:
            errors["add_admins"] = A.CHANGE_ERR_ALREADY_ADMIN.format(name=name)
        elif row is not None and row.status == AdminStatus.NOMINATED:
            errors["add_admins"] = A.CHANGE_ERR_WAITING.format(name=name)
        else:
            continue
        return


def _check_removed(session: Session, core: Core, change: Change, errors: dict[str, str]) -> None:
    if not change.remove:
        return
    assert change.account.id is not None
    present = [p.id for p in present_admins(session, change.account.id)]
    for person_id in change.remove:
        if person_id not in present:
            errors["remove_admins"] = A.CHANGE_ERR_NOT_ADMIN.format(
                name=name_of(session, person_id)
            )
            return
        if person_id == change.account.owner_id:
            errors["remove_admins"] = A.CHANGE_ERR_REMOVE_OWNER
            return
    left = [p for p in present if p not in change.remove]
    # Replacements nominated in the same step count: they are asked at once.
    coming = set(change.add) | ({change.new_owner} - set(left) if change.new_owner else set())
    minimum = core.guideline.rules.min_admins
    if len(left) + len(coming - set(left)) < minimum:
        errors["remove_admins"] = A.CHANGE_ERR_TOO_FEW.format(
            left=_admins_left(len(left)), min=number(minimum)
        )


def _admins_left(count: int) -> str:
    """ "bara en administratör", "inga administratörer": never "administratör(er)" (T4)."""
    if count == 0:
        return A.CHANGE_LEFT_NONE
    return A.CHANGE_LEFT_SOME.format(admins=antal(count, "administratör", "administratörer"))


def apply(ctx: Context, change: Change) -> list[str]:
    """Make the change; returns what was done, in words."""
    session, account, what = ctx.session, change.account, []
    if change.new_owner is not None:
        name_person(session, ctx.core, account, HandoverKind.OWNER, change.new_owner, ctx.actor.id)
        what.append(A.CHANGE_WHAT_OWNER.format(name=name_of(session, change.new_owner)))
    if change.new_manager is not None:
        name_person(
            session, ctx.core, account, HandoverKind.MANAGER, change.new_manager, ctx.actor.id
        )
        what.append(A.CHANGE_WHAT_MANAGER.format(name=name_of(session, change.new_manager)))
    if change.add:
        nominate(session, ctx.core, account, change.add, ctx.actor.id, ctx.now)
        what.append(A.CHANGE_WHAT_ADDED.format(names=names_of(session, change.add)))
    for person_id in change.remove:
        _remove(ctx, account, person_id)
    if change.remove:
        what.append(A.CHANGE_WHAT_REMOVED.format(names=names_of(session, change.remove)))
    return what


def _remove(ctx: Context, account: Account, person_id: int) -> None:
    assert account.id is not None
    row = admin_row(ctx.session, account.id, person_id)
    assert row is not None
    row.status = AdminStatus.REMOVED
    row.decided_at = ctx.now
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("accounts.admin_removed", account_id=account.id, person_id=person_id)
    label = account_label(account)
    enqueue_to_person(
        ctx.session,
        ctx.core,
        f"admin-removed:{account.id}:{person_id}:{int(ctx.now.timestamp())}",
        person_id,
        Message(
            title=A.REMOVED_TITLE.format(account=label),
            text=A.REMOVED_TEXT.format(by=name_of(ctx.session, ctx.actor.id), account=label),
        ),
    )
    password.request_change(ctx.session, ctx.core, account, person_id, "removed")
