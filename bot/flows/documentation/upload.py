"""`skarmdump` and **Ladda upp skärmdumpar**: choose the account, then send the files in the DM."""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.flows.account_choice import account_field, account_label
from bot.flows.admins.roster import active_accounts, administered_accounts
from bot.flows.documentation import pending, schedule
from bot.flows.documentation.archive import human_size, precheck, receive_upload
from bot.messages import Fact, Form, Message
from bot.registry import Verbs, action_name
from bot.router import Context, Offer, Reply, UploadedFile
from storage.models import Account

verbs = Verbs()

T = texts.documentation
PICK_FORM = action_name("documentation.pick")
UPLOAD_ACTION = action_name("documentation.upload")


def uploadable_accounts(ctx: Context) -> list[Account]:
    """Admins document their own accounts; communicators may document any active account."""
    if ctx.actor.is_communicator:
        return active_accounts(ctx.session)
    return administered_accounts(ctx.session, ctx.actor.id)


@verbs.command("skarmdump", T.SKARMDUMP_HELP)
def skarmdump(ctx: Context, text: str) -> Reply:
    accounts = uploadable_accounts(ctx)
    if not accounts:
        return Reply(notice=T.NO_ACCOUNTS)
    if len(accounts) == 1:
        return start_upload(ctx, accounts[0])
    return Reply(form=account_form(accounts))


@verbs.action(UPLOAD_ACTION)
def upload_button(ctx: Context, value: str) -> Reply:
    account = _allowed_account(ctx, value)
    if account is None:
        return Reply(notice=T.NOT_YOUR_ACCOUNT)
    return start_upload(ctx, account)


@verbs.form(PICK_FORM)
def picked(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    account = _allowed_account(ctx, str(values.get("account") or ""))
    if account is None:
        return Reply(errors={"account": T.PICK_REQUIRED})
    return start_upload(ctx, account)


def start_upload(ctx: Context, account: Account) -> Reply:
    assert account.id is not None
    pending.expect_upload(
        ctx.session,
        ctx.core,
        ctx.actor.id,
        account.id,
        # Only when the right comes from being a communicator, not from being an admin.
        as_communicator=ctx.actor.is_communicator
        and account.id not in {a.id for a in administered_accounts(ctx.session, ctx.actor.id)},
    )
    settings = ctx.core.settings
    facts = []
    due = schedule.due_date(ctx.session, ctx.core, account)
    if due is not None:
        facts.append(Fact(label=T.DUE_FACT, value=due.isoformat()))
    last = schedule.last_documented_at(ctx.session, account.id)
    facts.append(
        Fact(
            label=T.LAST_DOCUMENTED_FACT,
            value=ctx.core.calendar.local_date(last).isoformat() if last else T.NEVER,
        )
    )
    message = Message(
        title=T.UPLOAD_TITLE.format(account=account_label(account)),
        text=T.UPLOAD_TEXT.format(
            hours=settings.documentation_upload_window_hours,
            max=human_size(settings.documentation_max_upload_bytes),
        ),
        facts=facts,
    )
    return Reply(message=message)


def account_form(accounts: list[Account]) -> Form:
    return Form(
        id=PICK_FORM,
        title=T.PICK_TITLE,
        intro=T.PICK_INTRO,
        submit_label=T.PICK_SUBMIT,
        fields=[account_field(accounts, T.PICK_FIELD)],
    )


def _allowed_account(ctx: Context, value: str) -> Account | None:
    if not value.isdigit():
        return None
    return next((a for a in uploadable_accounts(ctx) if a.id == int(value)), None)


@verbs.upload_check
def file_offered(ctx: Context, offer: Offer) -> Reply:
    """Before a platform fetches a file: refused at once when it cannot be taken."""
    refusal = precheck(
        ctx.session, ctx.core, ctx.actor.id, offer.name, offer.size, offer.content_type
    )
    return refusal or Reply()


@verbs.upload
def files_sent_in_chat(ctx: Context, files: list[UploadedFile]) -> Reply:
    """Files a person sent the bot, fetched by their platform: archived one by one; one file gets
    its own receipt, several a summary."""
    outcomes = [
        receive_upload(ctx.session, ctx.core, ctx.actor.id, file.name, file.content)
        for file in files
    ]
    if len(outcomes) == 1:
        return outcomes[0].reply
    lines = [
        outcome.reply.notice
        or (outcome.reply.message.plain_text() if outcome.reply.message else "")
        for outcome in outcomes
    ]
    return Reply(message=Message(text="\n\n".join(line for line in lines if line)))
