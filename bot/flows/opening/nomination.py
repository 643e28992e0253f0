"""Nominating administrators and their answers (rule 4: at least two, each accepted).

`nominate` is reusable: later flows call it when an active account falls below two admins.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot import audit
from bot.core import Core
from bot.flows.guideline_ack import record_acceptance
from bot.flows.opening import names, updates
from bot.flows.opening.common import T, admin_row, name_of, names_of
from bot.flows.opening.machine import Event
from bot.flows.opening.steps import Step, asking, step
from bot.flows.opening.validation import as_person_ids
from bot.guideline.words import number
from bot.markup import strong
from bot.messages import Button, Form, FormField, Message
from bot.registry import Verbs
from bot.router import Reply
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus

verbs = Verbs()


def nominate(
    session: Session,
    core: Core,
    account: Account,
    nominee_person_ids: list[int],
    by_actor_id: int | None,
    now: datetime,
) -> list[AccountAdmin]:
    """Ask each person to become an admin; returns the nominations made.

    People already nominated or accepted are skipped; someone who declined or was
    removed earlier is asked again (a fresh nomination with a fresh message).
    """
    assert account.id is not None
    made: list[AccountAdmin] = []
    for person_id in dict.fromkeys(nominee_person_ids):
        row = admin_row(session, account.id, person_id)
        if row is not None and row.status in (AdminStatus.NOMINATED, AdminStatus.ACCEPTED):
            continue
        if row is None:
            row = AccountAdmin(account_id=account.id, person_id=person_id, nominated_at=now)
        row.status = AdminStatus.NOMINATED
        row.nominated_at = now
        row.nominated_by_id = by_actor_id
        row.decided_at = None
        # Back on the team later: their login is asked about afresh.
        row.login_asked_at = None
        row.login_confirmed_at = None
        session.add(row)
        session.flush()
        audit.record(
            session,
            now,
            "opening.nominated",
            actor_id=by_actor_id,
            account_id=account.id,
            nominee_id=person_id,
        )
        updates.sync_admin_request(session, core, account, row)
        made.append(row)
    return made


@verbs.action(names.ACCEPT)
@step(Event.ACCEPT)
def accept(step: Step) -> Reply:
    ctx, account, row = step.ctx, step.account, _nomination(step)
    _answer(
        step,
        AdminStatus.ACCEPTED,
        Message(
            text=T.ACCEPTED_TO_APPLICANT.format(
                name=name_of(ctx.session, row.person_id), account=account.name
            )
        ),
    )
    # After activation: the notice says whether this answer made the account active.
    step.after()
    active = account.status == AccountStatus.ACTIVE
    notice = T.ACCEPTED_ACTIVE_NOTICE if active else T.ACCEPTED_NOTICE
    return Reply(notice=notice.format(name=account.name))


@verbs.action(names.DECLINE)
@step(Event.DECLINE)
def decline(step: Step) -> Reply:
    ctx, account, row = step.ctx, step.account, _nomination(step)
    _answer(
        step,
        AdminStatus.DECLINED,
        Message(
            text=T.DECLINED_TO_APPLICANT.format(
                name=name_of(ctx.session, row.person_id),
                account=account.name,
                min=number(ctx.core.guideline.rules.min_admins),
            ),
            buttons=[
                Button(
                    label=T.NOMINATE_OTHER,
                    action=names.RENOMINATE,
                    value=str(account.id),
                    style="primary",
                )
            ],
        ),
    )
    return Reply(notice=T.DECLINED_NOTICE.format(name=account.name))


def _nomination(step: Step) -> AccountAdmin:
    assert step.nomination is not None  # the NOMINEE role admits only a named nominee
    return step.nomination


def _answer(step: Step, status: AdminStatus, to_owner: Message) -> None:
    """Save a nominee's answer and tell the applicant; `after_step` closes their request."""
    ctx, row = step.ctx, _nomination(step)
    word = "accepted" if status == AdminStatus.ACCEPTED else "declined"
    row.status = status
    row.decided_at = ctx.now
    ctx.session.add(row)
    ctx.session.flush()
    if status == AdminStatus.ACCEPTED:
        # Accepting is taking on the guideline in force, which the nomination card names.
        step.record(admin_id=row.person_id, guideline_version=ctx.core.guideline.version)
        record_acceptance(ctx, row.person_id)
    else:
        step.record(admin_id=row.person_id)
    key = f"admin-{word}:{row.person_id}:{int(ctx.now.timestamp())}"
    updates.tell_applicant(ctx, step.account, key, to_owner)


def nominate_form(account: Account) -> Form:
    return Form(
        id=names.NOMINATE,
        title=T.NOMINATE_FORM_TITLE,
        submit_label=T.NOMINATE_FORM_SUBMIT,
        context=str(account.id),
        intro=strong(account.name),
        fields=[FormField(id="nominees", label=T.LABEL_NOMINEES, kind="users")],
    )


@verbs.action(names.RENOMINATE)
@asking(Event.NOMINATE)
def renominate(step: Step) -> Reply:
    return Reply(form=nominate_form(step.account))


@verbs.form(names.NOMINATE)
@step(Event.NOMINATE)
def submit_nomination(step: Step, values: dict[str, Any]) -> Reply:
    ctx, account = step.ctx, step.account
    assert account.id is not None
    nominees = list(dict.fromkeys(as_person_ids(values, "nominees")))
    if not nominees:
        return Reply(errors={"nominees": T.NOMINEES_MISSING})
    if account.owner_id in nominees:
        return Reply(errors={"nominees": T.NOMINEE_IS_OWNER})
    taken = [
        pid
        for pid in nominees
        if (row := admin_row(ctx.session, account.id, pid)) is not None
        and row.status in (AdminStatus.NOMINATED, AdminStatus.ACCEPTED)
    ]
    if taken:
        return Reply(
            errors={"nominees": T.NOMINEE_ALREADY.format(names=names_of(ctx.session, taken))}
        )
    nominate(ctx.session, ctx.core, account, nominees, ctx.actor.id, ctx.now)
    return Reply(notice=T.NOMINATED_NOTICE.format(names=names_of(ctx.session, nominees)))
