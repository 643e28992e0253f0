"""The applicant takes a pending application back; every open request loses its buttons."""

from __future__ import annotations

from bot.flows.opening import names, updates
from bot.flows.opening.common import T, account_from_value, not_pending, record
from bot.registry import Verbs
from bot.router import Context, Reply
from storage.models import AccountStatus

verbs = Verbs()


@verbs.action(names.WITHDRAW)
def withdraw(ctx: Context, value: str) -> Reply:
    account, _, refusal = account_from_value(ctx, value)
    if refusal or account is None:
        return refusal or Reply(notice=T.NOT_FOUND)
    if ctx.actor.id != account.owner_id:
        return Reply(notice=T.ONLY_APPLICANT)
    if refusal := not_pending(account):
        return refusal
    account.status = AccountStatus.WITHDRAWN
    account.withdrawn_at = ctx.now
    ctx.session.add(account)
    record(ctx, "withdrawn", account)
    updates.close_open_requests(ctx.session, ctx.core, account)
    return Reply(notice=T.WITHDRAWN_NOTICE.format(name=account.name))
