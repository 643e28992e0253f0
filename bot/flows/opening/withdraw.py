"""The applicant takes a pending application back; every open request loses its buttons."""

from __future__ import annotations

from bot.flows.opening import names
from bot.flows.opening.common import T
from bot.flows.opening.machine import Event
from bot.flows.opening.steps import Step, step
from bot.registry import Verbs
from bot.router import Reply
from storage.models import AccountStatus

verbs = Verbs()


@verbs.action(names.WITHDRAW)
@step(Event.WITHDRAW)
def withdraw(step: Step) -> Reply:
    account = step.account
    account.status = AccountStatus.WITHDRAWN
    account.withdrawn_at = step.ctx.now
    step.ctx.session.add(account)
    step.record()
    return Reply(notice=T.WITHDRAWN_NOTICE.format(name=account.name))
