"""`mina-konton` (also the App Home) and `kontoregister` (communicators)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.flows.accounts import logins
from bot.flows.accounts.lifecycle import state_note
from bot.flows.accounts.standing import extra_lines, standing, waiting_items
from bot.flows.guideline_ack import replaces_a_version
from bot.flows.opening import names
from bot.flows.opening.cards import waiting_for
from bot.flows.opening.common import (
    T,
    admins,
    local_date,
    names_of,
    platform_label,
    status_word,
)
from bot.flows.opening.machine import Waiting, communicators_step
from bot.guideline.acknowledgements import acknowledged
from bot.markup import escape
from bot.messages import Button, Message
from bot.platforms import SMALLEST
from bot.registry import COMMUNICATORS, HelpGroup, Verbs
from bot.router import Context, Reply
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus

verbs = Verbs()
A = texts.accounts


def fit_lines(lines: list[str], budget: int = SMALLEST.text) -> tuple[list[str], int]:
    """As many whole lines as fit the budget, and how many were left out."""
    shown: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > budget:
            return shown, len(lines) - len(shown)
        shown.append(line)
        used += len(line) + 1
    return shown, 0


SHOWN_STATUSES = (AccountStatus.PENDING, AccountStatus.ACTIVE, AccountStatus.PAUSED)


def _label(prefix: str, account: Account) -> str:
    return f"{prefix}: {account.name}"


def _yes_no(
    account: Account,
    value: str,
    yes: tuple[str, str],
    no: tuple[str, str],
    confirm_no: str | None = None,
) -> list[Button]:
    """A decision's two buttons, (label, action) each; the first one is the primary."""
    return [
        Button(label=_label(yes[0], account), action=yes[1], value=value, style="primary"),
        Button(label=_label(no[0], account), action=no[1], value=value, confirm=confirm_no),
    ]


def _for_you(ctx: Context) -> tuple[list[str], list[Button]]:
    """Decisions waiting for the actor: as manager, and as a nominee."""
    lines: list[str] = []
    buttons: list[Button] = []
    session = ctx.session
    deciding = session.exec(
        select(Account)
        .where(
            Account.manager_id == ctx.actor.id,
            Account.status == AccountStatus.PENDING,
            col(Account.manager_approved_at).is_(None),
        )
        .order_by(col(Account.id))
    ).all()
    for account in deciding:
        lines.append(
            T.MINE_MANAGER_ITEM.format(
                applicant=names_of(session, [account.owner_id]),
                name=account.name,
                platform=platform_label(account),
            )
        )
        value = str(account.id)
        buttons += _yes_no(account, value, (T.APPROVE, names.APPROVE), (T.REJECT, names.REJECT))
    nominated = session.exec(
        select(Account)
        .join(AccountAdmin, col(AccountAdmin.account_id) == col(Account.id))
        .where(
            AccountAdmin.person_id == ctx.actor.id,
            AccountAdmin.status == AdminStatus.NOMINATED,
            col(Account.status).in_(SHOWN_STATUSES),
        )
        .order_by(col(Account.id))
    ).all()
    for account in nominated:
        lines.append(
            T.MINE_NOMINEE_ITEM.format(name=account.name, platform=platform_label(account))
        )
        value = f"{account.id}:{ctx.actor.id}"
        buttons += _yes_no(
            account,
            value,
            (T.ACCEPT, names.ACCEPT),
            (T.DECLINE, names.DECLINE),
            T.CONFIRM_DECLINE,
        )
    for account, button in logins.waiting_for_person(session, ctx.actor.id):
        lines.append(A.MINE_LOGIN_ITEM.format(name=account.name, platform=platform_label(account)))
        buttons.append(button.model_copy(update={"label": _label(button.label, account)}))
    return lines, buttons


def _mine(session: Session, person_id: int) -> list[Account]:
    """Accounts the person applied for or administers (accepted), newest first."""
    admin_of = select(AccountAdmin.account_id).where(
        AccountAdmin.person_id == person_id, AccountAdmin.status == AdminStatus.ACCEPTED
    )
    return list(
        session.exec(
            select(Account)
            .where((Account.owner_id == person_id) | col(Account.id).in_(admin_of))
            .order_by(col(Account.id).desc())
        ).all()
    )


def account_lines(session: Session, core: Core, account: Account) -> list[str]:
    status = status_word(account)
    if account.status == AccountStatus.ACTIVE:
        status = T.LINE_ACTIVE_SINCE.format(date=local_date(core, account.activated_at))
    status = with_state(core, account, status)
    lines = [
        T.LINE_ACCOUNT.format(name=account.name, platform=platform_label(account), status=status)
    ]
    assert account.id is not None
    found = standing(session, core, account)
    lines.append(T.LINE_ADMINS.format(admins=names_of(session, found.admin_ids)))
    lines += extra_lines(session, core, account, found)
    if account.completion_request:
        lines.append(T.LINE_COMPLETION.format(comment=account.completion_request))
    if account.status == AccountStatus.REJECTED and account.rejected_reason:
        lines.append(T.LINE_REJECTED.format(reason=account.rejected_reason))
    waiting = waiting_for(session, core, account) + waiting_items(session, core, account, found)
    if waiting:
        lines.append(T.LINE_WAITING.format(items="; ".join(waiting)))
    return lines


def _for_communicators(ctx: Context) -> tuple[list[str], list[Button]]:
    """Pending applications waiting for a communicator's step (anyone's but the actor's)."""
    if not ctx.actor.is_communicator:
        return [], []
    pending = ctx.session.exec(
        select(Account)
        .where(Account.status == AccountStatus.PENDING, Account.owner_id != ctx.actor.id)
        .order_by(col(Account.id))
    ).all()
    lines: list[str] = []
    buttons: list[Button] = []
    for account in pending:
        step = communicators_step(account)
        if step is None:
            continue
        item = T.MINE_REVIEW_ITEM if step == Waiting.REVIEW else T.MINE_REGISTER_ITEM
        lines.append(
            item.format(
                name=account.name,
                platform=platform_label(account),
                applicant=names_of(ctx.session, [account.owner_id]),
            )
        )
        buttons += communicator_buttons(account)
    return lines, buttons


def _owner_buttons(session: Session, core: Core, account: Account) -> list[Button]:
    value = str(account.id)
    buttons: list[Button] = []
    if account.completion_request:
        buttons.append(
            Button(label=_label(T.EDIT, account), action=names.EDIT, value=value, style="primary")
        )
    assert account.id is not None
    wanted = core.guideline.rules.min_admins - len(
        admins(session, account.id, AdminStatus.ACCEPTED, AdminStatus.NOMINATED)
    )
    if wanted > 0:
        buttons.append(
            Button(label=_label(T.NOMINATE, account), action=names.RENOMINATE, value=value)
        )
    if account.status == AccountStatus.PENDING:
        buttons.append(
            Button(
                label=_label(T.WITHDRAW, account),
                action=names.WITHDRAW,
                value=value,
                confirm=T.CONFIRM_WITHDRAW.format(name=escape(account.name)),
            )
        )
    return buttons


@verbs.command("mina-konton", T.COMMAND_MINE, group=HelpGroup.START)
def my_accounts(ctx: Context, text: str) -> Reply:
    sections: list[str] = []
    lines, buttons = _for_you(ctx)
    if lines:
        sections.append("\n".join([T.MINE_FOR_YOU, *lines]))
    lines, more = _for_communicators(ctx)
    if lines:
        sections.append("\n".join([T.MINE_FOR_COMMUNICATORS, *lines]))
        buttons += more
    accounts = _mine(ctx.session, ctx.actor.id)
    if accounts:
        # A heading only when something else comes first; the title says "Dina konton".
        body = [T.MINE_ACCOUNTS] if sections else []
        for account in accounts:
            body += account_lines(ctx.session, ctx.core, account)
            if account.owner_id == ctx.actor.id and account.status in SHOWN_STATUSES:
                buttons += _owner_buttons(ctx.session, ctx.core, account)
        sections.append("\n".join(body))
    return Reply(
        message=Message(
            title=T.MINE_TITLE,
            text="\n\n".join(sections) or T.MINE_EMPTY,
            buttons=buttons[: SMALLEST.buttons],
            footer=T.MINE_FOOTER,
        )
    )


def with_state(core: Core, account: Account, status: str) -> str:
    """The status with where the account is in its life: paused until, closing, closed."""
    note = state_note(core, account)
    return texts.accounts.WITH_STATE.format(status=status, note=note) if note else status


def register_line(session: Session, core: Core, account: Account) -> str:
    assert account.id is not None
    found = standing(session, core, account)
    activated = (
        T.REGISTER_ACTIVATED.format(date=local_date(core, account.activated_at))
        if account.activated_at
        else ""
    )
    line = T.REGISTER_LINE.format(
        name=account.name,
        platform=platform_label(account),
        status=with_state(core, account, status_word(account)),
        unit=account.unit,
        admins=names_of(session, found.admin_ids),
        submitted=local_date(core, account.submitted_at or account.created_at),
        activated=activated,
    )
    lines = [line, *extra_lines(session, core, account, found)]
    not_read = _not_acknowledged(session, core, found.admin_ids)
    return "\n".join([*lines, not_read] if not_read else lines)


def _not_acknowledged(session: Session, core: Core, team: list[int]) -> str:
    """Who on the team has not acknowledged a new guideline version (empty for the first)."""
    if not team or not replaces_a_version(session, core.guideline):
        return ""
    version = core.guideline.version
    read = acknowledged(session, version)
    missing = [pid for pid in team if pid not in read]
    if not missing:
        return ""
    return texts.guideline.REGISTER_NOT_ACKNOWLEDGED.format(
        version=version, names=names_of(session, missing)
    )


def communicator_buttons(account: Account) -> list[Button]:
    step, value = communicators_step(account), str(account.id)
    if step == Waiting.REVIEW:
        return [
            Button(
                label=_label(T.ANCHOR, account),
                action=names.ANCHOR,
                value=value,
                style="primary",
            ),
            Button(
                label=_label(T.REQUEST_COMPLETION, account),
                action=names.REQUEST_COMPLETION,
                value=value,
            ),
        ]
    if step == Waiting.SERVICE_ACCOUNT:
        return [
            Button(
                label=_label(T.REGISTER_SERVICE_ACCOUNT, account),
                action=names.REGISTER_SERVICE_ACCOUNT,
                value=value,
                style="primary",
            )
        ]
    return []


@verbs.command("kontoregister", T.COMMAND_REGISTER, audience=COMMUNICATORS)
def account_register(ctx: Context, text: str) -> Reply:
    query = select(Account).order_by(col(Account.id))
    if text.lower() in T.REGISTER_PENDING_ARG:
        query = query.where(Account.status == AccountStatus.PENDING)
    # Pending first: that is where communicators have work to do.
    accounts = sorted(ctx.session.exec(query).all(), key=lambda a: (a.status != "pending", a.id))
    counts = {s: sum(1 for a in accounts if a.status == s) for s in AccountStatus}
    lines, omitted = fit_lines([register_line(ctx.session, ctx.core, a) for a in accounts])
    if omitted:
        lines.append(T.REGISTER_MORE.format(count=omitted))
    buttons = [b for a in accounts for b in communicator_buttons(a)]
    summary = T.REGISTER_SUMMARY.format(
        total=len(accounts),
        active=counts[AccountStatus.ACTIVE],
        pending=counts[AccountStatus.PENDING],
    )
    return Reply(
        message=Message(
            title=T.REGISTER_TITLE,
            text="\n".join([summary, *lines]) if accounts else T.REGISTER_EMPTY,
            buttons=buttons[: SMALLEST.buttons],
            footer=T.REGISTER_FOOTER,
        )
    )
