"""How every step of the opening flow runs: load and lock the account, check the
transition's guard, run the step, then `after_step`.

A step handler is written as `body(step, ...)` and decorated with `@step(EVENT)`; one that
only opens a form for the step is decorated with `@asking(EVENT)` (the same guard, no
epilogue). Nothing else loads an account from a button or writes the epilogue.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.flows.accounts import logins
from bot.flows.opening import cards, updates
from bot.flows.opening.common import T, admin_row, admins, load_account, parse_ids, record
from bot.flows.opening.machine import (
    STATUS_CARDS,
    TRANSITIONS,
    Acting,
    Card,
    Event,
    Facts,
    Transition,
    is_complete,
    refusal,
)
from bot.flows.opening.reminders import settle
from bot.router import Context, Reply
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus


@dataclass
class Step:
    """One transition being taken: who, on which account (locked), and for a nominee's
    answer, their nomination."""

    ctx: Context
    account: Account
    transition: Transition
    nomination: AccountAdmin | None = None
    finished: bool = False

    def record(self, **detail: Any) -> None:
        """The transition's audit entry, with what this step decided."""
        record(self.ctx, self.transition.records, self.account, **detail)

    def after(self) -> None:
        """Run `after_step` now (once), for a step whose answer depends on its outcome."""
        if not self.finished:
            self.finished = True
            after_step(self.ctx, self.account, self.transition.cards, self.nomination)


StepBody = Callable[..., Reply]


def _begin(ctx: Context, event: Event, value: str) -> Step | Reply:
    """The step on the account a button or form names, or the refusal to answer with."""
    ids = parse_ids(value) or []
    account = load_account(ctx.session, ids[0]) if ids else None
    if account is None:
        return Reply(notice=T.NOT_FOUND)
    nomination = _named_nomination(ctx, account, ids)
    acting = Acting(
        person_id=ctx.actor.id,
        is_communicator=ctx.actor.is_communicator,
        nomination=nomination.status if nomination else None,
    )
    if notice := refusal(event, Facts.of(account), acting):
        return Reply(notice=notice)
    return Step(ctx, account, TRANSITIONS[event], nomination)


def _named_nomination(ctx: Context, account: Account, ids: list[int]) -> AccountAdmin | None:
    # A nominee's buttons carry "account:person"; only that person's own nomination counts.
    if len(ids) != 2 or ids[1] != ctx.actor.id:
        return None
    assert account.id is not None
    return admin_row(ctx.session, account.id, ids[1])


def _guarded(event: Event, epilogue: bool) -> Callable[[StepBody], Callable[..., Reply]]:
    def decorate(body: StepBody) -> Callable[..., Reply]:
        @functools.wraps(body)
        def handler(ctx: Context, *args: Any) -> Reply:
            # The last argument is the account reference: an action's value, a form's context.
            begun = _begin(ctx, event, args[-1])
            if isinstance(begun, Reply):
                return begun
            reply = body(begun, *args[:-1])
            if epilogue and not reply.errors:
                begun.after()
            return reply

        return handler

    return decorate


def step(event: Event) -> Callable[[StepBody], Callable[..., Reply]]:
    """A handler that takes the transition: guard, body, then `after_step`."""
    return _guarded(event, epilogue=True)


def asking(event: Event) -> Callable[[StepBody], Callable[..., Reply]]:
    """A handler that opens the form for a transition: the same guard, nothing changed."""
    return _guarded(event, epilogue=False)


def after_step(
    ctx: Context,
    account: Account,
    changed: Iterable[Card] = (),
    nomination: AccountAdmin | None = None,
) -> None:
    """After every step: activate if rules 1–4 are now recorded, sync the request cards the
    step changed and both status cards, and settle escalations about steps now done."""
    maybe_activate(ctx, account)
    named = tuple(changed)
    for card in named:
        if card not in STATUS_CARDS:
            _sync_request_card(ctx, account, card, nomination)
    # Each card rendered once; only a transition that names a status card may send it.
    updates.sync_receipt(ctx.session, ctx.core, account, create=Card.RECEIPT in named)
    updates.sync_review(ctx.session, ctx.core, account, create=Card.REVIEW in named)
    settle(ctx.session, ctx.core, account)
    if nomination is not None and nomination.status == AdminStatus.ACCEPTED:
        # An admin who joins an account that is already active: "Jag kan logga in?"
        logins.ask_missing(ctx.session, ctx.core, account, [nomination.person_id])


def _sync_request_card(
    ctx: Context, account: Account, card: Card, nomination: AccountAdmin | None
) -> None:
    session, core = ctx.session, ctx.core
    match card:
        case Card.MANAGER_REQUEST:
            updates.sync_manager_request(session, core, account)
        case Card.UNDECIDED_MANAGER_REQUEST if account.manager_approved_at is None:
            updates.sync_manager_request(session, core, account)
        case Card.NOMINATION if nomination is not None:
            updates.sync_admin_request(session, core, account, nomination)
        case Card.OPEN_REQUESTS:
            # After a final decision (rejected, withdrawn): no buttons left anywhere.
            assert account.id is not None
            if account.manager_approved_at is None:
                updates.sync_manager_request(session, core, account)
            for admin in admins(session, account.id, AdminStatus.NOMINATED):
                updates.sync_admin_request(session, core, account, admin)


def maybe_activate(ctx: Context, account: Account) -> bool:
    """Activate once, when rules 1–4 are all recorded in whatever order they came, and tell
    the admins."""
    if account.status != AccountStatus.PENDING:
        return False
    if not is_complete(ctx.session, ctx.core, account):
        return False
    assert account.id is not None
    account.status = AccountStatus.ACTIVE
    account.activated_at = ctx.now
    ctx.session.add(account)
    team = admins(ctx.session, account.id, AdminStatus.ACCEPTED)
    Step(ctx, account, TRANSITIONS[Event.ACTIVATE]).record(admins=[a.person_id for a in team])
    message = cards.activated(ctx.core, account)
    for admin in team:
        updates.tell(ctx.session, ctx.core, account, admin.person_id, "active", message)
    logins.ask_missing(ctx.session, ctx.core, account)
    # Nominations still open stay open: a third admin is welcome on an active account.
    return True
