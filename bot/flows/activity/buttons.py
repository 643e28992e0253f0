"""Logging by hand: the morning DM's buttons and `/publicerat`. Only admins or communicators."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from bot import texts
from bot.flows.account_choice import account_field
from bot.flows.activity.log import (
    accounts_of,
    is_admin,
    logged_on,
    record_lookover,
    record_post,
)
from bot.flows.activity.morning import LOOKED_OVER, POSTED
from bot.messages import Form
from bot.registry import Verbs, action_name
from bot.router import Context, Reply
from storage.models import Account, AccountStatus, ActivityKind, ActivitySource

verbs = Verbs()

T = texts.activity
PUBLISH_FORM = action_name("activity.publish")


@verbs.action(POSTED)
def posted(ctx: Context, value: str) -> Reply:
    return log_by_hand(ctx, value, ActivityKind.POST)


@verbs.action(LOOKED_OVER)
def looked_over(ctx: Context, value: str) -> Reply:
    return log_by_hand(ctx, value, ActivityKind.LOOKOVER)


@verbs.command("publicerat", T.PUBLISH_COMMAND)
def publish(ctx: Context, text: str) -> Reply:
    own = accounts_of(ctx.session, ctx.actor.id)
    candidates = own or (_all_active(ctx) if ctx.actor.is_communicator else [])
    if not candidates:
        return Reply(notice=T.NO_ACCOUNTS)
    if text:
        named = _named(candidates, text)
        if not named and ctx.actor.is_communicator:
            named = _named(_all_active(ctx), text)  # communicators may log for any account
        if not named:
            names = ", ".join(a.name for a in candidates)
            return Reply(notice=T.NO_SUCH_NAME.format(text=text, names=names))
        candidates = named  # the same name on several platforms: pick in the form
    if len(candidates) == 1:
        return log_by_hand(ctx, str(candidates[0].id), ActivityKind.POST)
    return Reply(form=_publish_form(candidates))


@verbs.form(PUBLISH_FORM)
def publish_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    chosen = str(values.get("account") or "")
    if not chosen.isdigit():
        return Reply(errors={"account": T.CHOOSE_ACCOUNT})
    return log_by_hand(ctx, chosen, ActivityKind.POST)


def log_by_hand(ctx: Context, value: str, kind: ActivityKind) -> Reply:
    account = ctx.session.get(Account, int(value)) if value.isdigit() else None
    if account is None or account.status != AccountStatus.ACTIVE:
        return Reply(notice=T.UNKNOWN_ACCOUNT)
    assert account.id is not None
    if not (ctx.actor.is_communicator or is_admin(ctx.session, account.id, ctx.actor.id)):
        return Reply(notice=T.NOT_ADMIN.format(name=account.name))
    today = ctx.core.calendar.local_date(ctx.now)
    if logged_on(ctx.session, account.id, kind, today) is not None:
        already = T.POST_ALREADY if kind == ActivityKind.POST else T.LOOKOVER_ALREADY
        return Reply(notice=already.format(name=account.name))
    if kind == ActivityKind.POST:
        record_post(
            ctx.session,
            ctx.core,
            account.id,
            ctx.now,
            ActivitySource.MANUAL,
            by_person_id=ctx.actor.id,
        )
        return Reply(notice=T.POST_LOGGED.format(name=account.name))
    record_lookover(ctx.session, ctx.core, account.id, ctx.now, ctx.actor.id)
    return Reply(notice=T.LOOKOVER_LOGGED.format(name=account.name))


def _named(accounts: list[Account], text: str) -> list[Account]:
    return [a for a in accounts if a.name.casefold() == text.casefold()]


def _all_active(ctx: Context) -> list[Account]:
    return list(
        ctx.session.exec(
            select(Account)
            .where(Account.status == AccountStatus.ACTIVE)
            .order_by(col(Account.name), col(Account.id))
        ).all()
    )


def _publish_form(accounts: list[Account]) -> Form:
    return Form(
        id=PUBLISH_FORM,
        title=T.PUBLISH_FORM_TITLE,
        submit_label=T.PUBLISH_FORM_SUBMIT,
        intro=T.PUBLISH_FORM_INTRO,
        fields=[account_field(accounts, T.PUBLISH_FORM_ACCOUNT)],
    )
