"""Nominating administrators and their answers (rule 4: at least two, each accepted).

`nominate` is reusable: later flows call it when an active account falls below two admins.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot import audit
from bot.core import Core
from bot.flows.opening import names, updates
from bot.flows.opening.activation import maybe_activate
from bot.flows.opening.common import (
    T,
    account_from_value,
    admin_row,
    name_of,
    names_of,
    record,
)
from bot.flows.opening.validation import as_person_ids
from bot.markup import strong
from bot.messages import Button, Form, FormField, Message
from bot.registry import Verbs
from bot.router import Context, Reply
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus

verbs = Verbs()

OPEN_FOR_ANSWERS = (AccountStatus.PENDING, AccountStatus.ACTIVE)


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
        updates.send_admin_request(session, core, account, row)
        made.append(row)
    return made


def _nomination(
    ctx: Context, value: str
) -> tuple[Account | None, AccountAdmin | None, Reply | None]:
    account, ids, refusal = account_from_value(ctx, value)
    if refusal or account is None:
        return None, None, refusal
    if len(ids) != 2 or ids[1] != ctx.actor.id:
        return None, None, Reply(notice=T.ONLY_NOMINEE)
    row = admin_row(ctx.session, ids[0], ids[1])
    if row is None or row.status == AdminStatus.REMOVED:
        return None, None, Reply(notice=T.ONLY_NOMINEE)
    if row.status != AdminStatus.NOMINATED:
        return None, None, Reply(notice=T.NOMINATION_ALREADY_ANSWERED)
    if account.status not in OPEN_FOR_ANSWERS:
        return (
            None,
            None,
            Reply(notice=T.NOT_PENDING.format(status=T.STATUS[account.status].lower())),
        )
    return account, row, None


@verbs.action(names.ACCEPT)
def accept(ctx: Context, value: str) -> Reply:
    account, row, refusal = _nomination(ctx, value)
    if refusal or account is None or row is None:
        return refusal or Reply(notice=T.NOT_FOUND)
    _answer(
        ctx,
        account,
        row,
        AdminStatus.ACCEPTED,
        Message(
            text=T.ACCEPTED_TO_APPLICANT.format(
                name=name_of(ctx.session, row.person_id), account=account.name
            )
        ),
    )
    maybe_activate(ctx, account)
    updates.refresh_status_cards(ctx.session, ctx.core, account)
    active = account.status == AccountStatus.ACTIVE
    notice = T.ACCEPTED_ACTIVE_NOTICE if active else T.ACCEPTED_NOTICE
    return Reply(notice=notice.format(name=account.name))


@verbs.action(names.DECLINE)
def decline(ctx: Context, value: str) -> Reply:
    account, row, refusal = _nomination(ctx, value)
    if refusal or account is None or row is None:
        return refusal or Reply(notice=T.NOT_FOUND)
    _answer(
        ctx,
        account,
        row,
        AdminStatus.DECLINED,
        Message(
            text=T.DECLINED_TO_APPLICANT.format(
                name=name_of(ctx.session, row.person_id),
                account=account.name,
                min=ctx.core.settings.min_admins,
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
    updates.refresh_status_cards(ctx.session, ctx.core, account)
    return Reply(notice=T.DECLINED_NOTICE.format(name=account.name))


def _answer(
    ctx: Context, account: Account, row: AccountAdmin, status: AdminStatus, to_owner: Message
) -> None:
    """Save a nominee's answer, close their request and tell the applicant."""
    word = "accepted" if status == AdminStatus.ACCEPTED else "declined"
    row.status = status
    row.decided_at = ctx.now
    ctx.session.add(row)
    ctx.session.flush()
    record(ctx, f"admin_{word}", account, admin_id=row.person_id)
    updates.refresh_admin_request(ctx.session, ctx.core, account, row)
    key = f"admin-{word}:{row.person_id}:{int(ctx.now.timestamp())}"
    updates.tell_applicant(ctx, account, key, to_owner)


def _may_nominate(ctx: Context, value: str) -> tuple[Account | None, Reply | None]:
    account, _, refusal = account_from_value(ctx, value)
    if refusal or account is None:
        return None, refusal
    if ctx.actor.id != account.owner_id and not ctx.actor.is_communicator:
        return None, Reply(notice=T.ONLY_APPLICANT_OR_COMMUNICATOR)
    if account.status not in OPEN_FOR_ANSWERS:
        return None, Reply(notice=T.NOT_PENDING.format(status=T.STATUS[account.status].lower()))
    return account, None


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
def renominate(ctx: Context, value: str) -> Reply:
    account, refusal = _may_nominate(ctx, value)
    if refusal or account is None:
        return refusal or Reply(notice=T.NOT_FOUND)
    return Reply(form=nominate_form(account))


@verbs.form(names.NOMINATE)
def submit_nomination(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    account, refusal = _may_nominate(ctx, context)
    if refusal or account is None:
        return refusal or Reply(notice=T.NOT_FOUND)
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
    updates.refresh_status_cards(ctx.session, ctx.core, account)
    return Reply(notice=T.NOMINATED_NOTICE.format(names=names_of(ctx.session, nominees)))
