"""`avgå` / **Avgå som administratör**: an admin leaves an account, after confirming."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot import audit, texts
from bot.flows.account_choice import account_field, account_label
from bot.flows.accounts import password
from bot.flows.admins.roster import administered_accounts
from bot.flows.admins.shortage import check_account
from bot.guideline.words import number
from bot.messages import Form, FormField, Option
from bot.registry import Verbs, action_name
from bot.router import Context, Reply
from storage.models import Account, AccountAdmin, AdminStatus

verbs = Verbs()

T = texts.admins
FORM_ID = action_name("admins.step_down")
ACTION = FORM_ID  # the button and the form it opens share the name
CONFIRM = "confirm"


@verbs.command("avgå", T.STEP_DOWN_HELP)
def step_down_command(ctx: Context, text: str) -> Reply:
    accounts = administered_accounts(ctx.session, ctx.actor.id)
    if not accounts:
        return Reply(notice=T.NOT_AN_ADMIN)
    return Reply(form=_form(ctx, accounts, accounts[0] if len(accounts) == 1 else None))


@verbs.action(ACTION)
def step_down_button(ctx: Context, value: str) -> Reply:
    """The button (e.g. in an account listing): the value is the account id."""
    accounts = administered_accounts(ctx.session, ctx.actor.id)
    chosen = next((a for a in accounts if str(a.id) == value), None)
    if chosen is None:
        return Reply(notice=T.NOT_AN_ADMIN)
    return Reply(form=_form(ctx, accounts, chosen))


def _form(ctx: Context, accounts: list[Account], chosen: Account | None) -> Form:
    return Form(
        id=FORM_ID,
        title=T.STEP_DOWN_TITLE,
        intro=T.STEP_DOWN_INTRO.format(min=number(ctx.core.guideline.rules.min_admins)),
        submit_label=T.STEP_DOWN_SUBMIT,
        submit_style="default",
        fields=[
            account_field(
                accounts, T.STEP_DOWN_FIELD_ACCOUNT, chosen=chosen.id if chosen else None
            ),
            FormField(
                id="confirm",
                label=T.STEP_DOWN_FIELD_CONFIRM,
                kind="checkboxes",
                options=[Option(value=CONFIRM, label=T.STEP_DOWN_CONFIRM_OPTION)],
            ),
        ],
    )


@verbs.form(FORM_ID)
def submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    errors: dict[str, str] = {}
    chosen = str(values.get("account") or "")
    accounts = administered_accounts(ctx.session, ctx.actor.id)
    account = next((a for a in accounts if str(a.id) == chosen), None)
    if account is None:
        errors["account"] = T.STEP_DOWN_ERR_ACCOUNT
    if CONFIRM not in (values.get("confirm") or []):
        errors["confirm"] = T.STEP_DOWN_ERR_CONFIRM
    if errors or account is None:
        return Reply(errors=errors)
    row = ctx.session.exec(
        select(AccountAdmin).where(
            AccountAdmin.account_id == account.id, AccountAdmin.person_id == ctx.actor.id
        )
    ).one()
    row.status = AdminStatus.REMOVED
    row.decided_at = ctx.now
    ctx.session.add(row)
    ctx.session.flush()
    audit.record(
        ctx.session, ctx.now, "admin.stepped_down", actor_id=ctx.actor.id, account_id=account.id
    )
    password.request_change(ctx.session, ctx.core, account, ctx.actor.id, "stepped_down")
    check_account(ctx.session, ctx.core, account)
    return Reply(notice=T.STEP_DOWN_DONE.format(account=account_label(account)))
