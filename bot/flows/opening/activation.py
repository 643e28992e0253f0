"""The account becomes active when rules 1–4 are all recorded, in whatever order they came."""

from __future__ import annotations

from bot.flows.opening import cards, updates
from bot.flows.opening.common import admins, record
from bot.flows.opening.status import is_complete
from bot.router import Context
from storage.models import Account, AccountStatus, AdminStatus


def maybe_activate(ctx: Context, account: Account) -> bool:
    """Called after every step; activates once and tells the applicant and the admins."""
    if account.status != AccountStatus.PENDING:
        return False
    if not is_complete(ctx.session, ctx.core, account):
        return False
    assert account.id is not None
    account.status = AccountStatus.ACTIVE
    account.activated_at = ctx.now
    ctx.session.add(account)
    team = admins(ctx.session, account.id, AdminStatus.ACCEPTED)
    record(ctx, "activated", account, admins=[a.person_id for a in team])
    message = cards.activated(ctx.core, account)
    for admin in team:
        updates.tell(ctx.session, ctx.core, account, admin.person_id, "active", message)
    # Nominations still open stay open: a third admin is welcome on an active account.
    return True
