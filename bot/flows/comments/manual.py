"""Registering a comment by hand: `/ny-kommentar`, or the Slack message shortcut.

For comments that reach no webhook: someone saw it and records it, with the time it
arrived, so its deadline is counted like any other.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import col, select

from bot.flows.account_choice import account_field
from bot.flows.comments import names
from bot.flows.comments.common import T, is_admin, local
from bot.flows.comments.intake import Incoming, receive
from bot.messages import Form, FormField
from bot.moments import moment_value, parse_moment
from bot.registry import HelpGroup, Verbs
from bot.router import Context, Reply
from storage.models import LIVE_STATUSES, Account, AccountAdmin, AdminStatus

verbs = Verbs()

MAX_TEXT = 5000
MAX_AUTHOR = 200
MAX_LINK = 1000


@verbs.command("ny-kommentar", T.NEW_COMMENT_HELP)
def new_comment(ctx: Context, text: str) -> Reply:
    return _open_form(ctx, text="")


@verbs.command("registrera-kommentar", T.REGISTER_SHORTCUT_HELP, group=HelpGroup.HIDDEN)
def register_message(ctx: Context, text: str) -> Reply:
    """The message shortcut `registrera_kommentar`: the message's text is filled in."""
    return _open_form(ctx, text=text)


def _open_form(ctx: Context, text: str) -> Reply:
    accounts = _accounts_for(ctx)
    if not accounts:
        return Reply(notice=T.NO_ACCOUNTS)
    return Reply(
        form=Form(
            id=names.NEW,
            title=T.NEW_TITLE,
            submit_label=T.NEW_SUBMIT,
            intro=T.NEW_INTRO,
            fields=[
                account_field(accounts, T.NEW_ACCOUNT),
                FormField(
                    id="author",
                    label=T.NEW_AUTHOR,
                    kind="text",
                    required=False,
                    max_length=MAX_AUTHOR,
                ),
                FormField(
                    id="text",
                    label=T.NEW_TEXT,
                    kind="textarea",
                    max_length=MAX_TEXT,
                    initial=text[:MAX_TEXT] or None,
                ),
                FormField(id="link", label=T.NEW_LINK, kind="text", required=False),
                FormField(
                    id="received",
                    label=T.NEW_RECEIVED,
                    kind="datetime",  # picked, not typed (Slack, Teams); typed on the console
                    required=False,  # left empty: it arrived now
                    initial=moment_value(ctx.now, ctx.core.settings.tz),
                    hint=T.NEW_RECEIVED_HINT,
                ),
            ],
        )
    )


def _accounts_for(ctx: Context) -> list[Account]:
    # Comments are tracked while an account is paused too.
    query = select(Account).where(col(Account.status).in_(LIVE_STATUSES)).order_by(Account.name)
    if not ctx.actor.is_communicator:
        query = query.join(AccountAdmin, AccountAdmin.account_id == Account.id).where(
            AccountAdmin.person_id == ctx.actor.id, AccountAdmin.status == AdminStatus.ACCEPTED
        )
    return list(ctx.session.exec(query).all())


@verbs.form(names.NEW)
def new_comment_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    errors: dict[str, str] = {}
    account = _chosen_account(ctx, str(values.get("account") or ""), errors)
    text = str(values.get("text") or "").strip()
    if not text:
        errors["text"] = T.NEW_TEXT_REQUIRED
    elif len(text) > MAX_TEXT:
        errors["text"] = T.NEW_TEXT_TOO_LONG
    link = str(values.get("link") or "").strip()
    if link and (not link.startswith(("https://", "http://")) or len(link) > MAX_LINK):
        errors["link"] = T.NEW_LINK_INVALID
    received = _received(ctx, str(values.get("received") or "").strip(), errors)
    if errors or account is None:
        return Reply(errors=errors)
    comment = receive(
        ctx.session,
        ctx.core,
        account.id or 0,
        Incoming(
            platform=account.platform,
            external_id=None,
            text=text,
            author_name=str(values.get("author") or "").strip()[:MAX_AUTHOR] or None,
            permalink=link or None,
            created_time=received,
        ),
        registered_by_id=ctx.actor.id,
        received_at=received,
    )
    assert comment is not None  # no external id: never a duplicate
    saved = T.COMMENT_SAVED_CONFIDENTIAL if comment.confidential else T.COMMENT_SAVED
    return Reply(notice=saved.format(id=comment.id, deadline=local(ctx.core, comment.deadline)))


def _chosen_account(ctx: Context, value: str, errors: dict[str, str]) -> Account | None:
    account = ctx.session.get(Account, int(value)) if value.isdigit() else None
    if account is None or account.status not in LIVE_STATUSES:
        errors["account"] = T.NEW_ACCOUNT_REQUIRED
        return None
    if not ctx.actor.is_communicator and not is_admin(ctx.session, account.id or 0, ctx.actor.id):
        errors["account"] = T.NEW_ACCOUNT_NOT_ALLOWED
        return None
    return account


def _received(ctx: Context, value: str, errors: dict[str, str]) -> datetime:
    if not value:
        return ctx.now
    moment = parse_moment(value, ctx.core.settings.tz)
    if moment is None:
        errors["received"] = T.NEW_RECEIVED_INVALID
        return ctx.now
    if moment > ctx.now:
        errors["received"] = T.NEW_RECEIVED_FUTURE
    return moment
