"""The messages of the opening flow, rendered from the account's current state.

Every card is a function of state, so an update in place after a decision is simply
the same card rendered again: the buttons disappear once nothing is left to press.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot import texts as t
from bot.core import Core
from bot.flows.opening import names
from bot.flows.opening.common import (
    T,
    admins,
    local,
    name_of,
    org,
    platform_label,
    rule_words,
    with_guideline_link,
)
from bot.flows.opening.machine import PendingStep, Waiting, communicators_step, pending_steps
from bot.markup import escape
from bot.messages import Button, Fact, Message
from bot.texts.platforms import account_label
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus, AuditEntry

A = t.accounts


def application_facts(session: Session, account: Account) -> list[Fact]:
    assert account.id is not None
    team = [
        f"{name_of(session, a.person_id)} ({_admin_state(a)})"
        for a in admins(session, account.id)
        if a.status != AdminStatus.REMOVED
    ]
    facts = [
        Fact(label=T.FACT_NAME, value=account.name),
        Fact(label=T.FACT_PLATFORM, value=platform_label(account)),
        Fact(label=T.FACT_UNIT, value=account.unit),
        Fact(label=T.FACT_APPLICANT, value=name_of(session, account.owner_id)),
        Fact(label=T.FACT_MANAGER, value=name_of(session, account.manager_id)),
        Fact(label=T.FACT_ADMINS, value=", ".join(team) or T.NONE),
        Fact(label=T.FACT_PURPOSE, value=account.purpose),
        Fact(label=T.FACT_AUDIENCE, value=account.audience),
        Fact(label=T.FACT_RESOURCES, value=account.resources),
    ]
    if account.service_account_url:
        facts.append(Fact(label=T.FACT_SERVICE_ACCOUNT, value=account.service_account_url))
    if account.credentials_reference:
        facts.append(Fact(label=T.FACT_CREDENTIALS, value=account.credentials_reference))
    return facts


def _admin_state(admin: AccountAdmin) -> str:
    if admin.is_owner and admin.status == AdminStatus.ACCEPTED:
        return T.ADMIN_OWNER
    return T.ADMIN_STATUS.get(admin.status, admin.status)


def waiting_for(session: Session, core: Core, account: Account) -> list[str]:
    """The steps still missing, each naming who has to act. Empty unless pending."""
    return [_waiting_text(session, step) for step in pending_steps(session, core, account)]


def _waiting_text(session: Session, step: PendingStep) -> str:
    match step.kind:
        case Waiting.MANAGER:
            return T.WAIT_MANAGER.format(name=name_of(session, step.person_id))
        case Waiting.COMPLETION:
            return T.WAIT_COMPLETION.format(name=name_of(session, step.person_id))
        case Waiting.REVIEW:
            return T.WAIT_ANCHORING
        case Waiting.SERVICE_ACCOUNT:
            return T.WAIT_SERVICE_ACCOUNT
        case Waiting.NOMINEE:
            return T.WAIT_NOMINEE.format(name=name_of(session, step.person_id))
        case Waiting.MORE_ADMINS:
            return T.WAIT_MORE_ADMINS.format(missing=step.missing)


def waiting_line(session: Session, core: Core, account: Account) -> str | None:
    items = waiting_for(session, core, account)
    return T.REVIEW_WAITING.format(items="; ".join(items)) if items else None


def manager_request(session: Session, core: Core, account: Account, manager_id: int) -> Message:
    buttons: list[Button] = []
    value = str(account.id)
    if manager_id != account.manager_id:
        footer = T.DECIDED_REPLACED.format(at=local(core, core.now()))
    elif account.manager_approved_at is not None:
        footer = T.DECIDED_APPROVED.format(
            name=name_of(session, manager_id), at=local(core, account.manager_approved_at)
        )
    elif account.status == AccountStatus.REJECTED:
        footer = T.DECIDED_REJECTED.format(
            name=name_of(session, manager_id),
            at=local(core, account.rejected_at),
            reason=account.rejected_reason or T.NONE,
        )
    elif account.status == AccountStatus.WITHDRAWN:
        footer = T.DECIDED_WITHDRAWN.format(at=local(core, account.withdrawn_at))
    else:
        footer = None
        buttons = [
            Button(label=T.APPROVE, action=names.APPROVE, value=value, style="primary"),
            Button(label=T.REJECT, action=names.REJECT, value=value, style="danger"),
        ]
    if account.registered_at is not None:
        return _registered_manager_request(session, core, account, manager_id, buttons, footer)
    applicant = name_of(session, account.owner_id)
    return Message(
        title=T.MANAGER_REQUEST_TITLE,
        text=T.MANAGER_REQUEST_TEXT.format(applicant=applicant, org=org(core)),
        facts=application_facts(session, account),
        buttons=buttons,
        footer=footer,
        actors=[manager_id],  # only the named manager may decide
        waiting=[account.owner_id],  # told if the manager cannot be reached
        about=account_label(account),
    )


def admin_request(session: Session, core: Core, account: Account, admin: AccountAdmin) -> Message:
    buttons: list[Button] = []
    value = f"{account.id}:{admin.person_id}"
    if admin.status == AdminStatus.ACCEPTED:
        footer = T.ANSWERED_ACCEPTED.format(at=local(core, admin.decided_at))
    elif admin.status == AdminStatus.DECLINED:
        footer = T.ANSWERED_DECLINED.format(at=local(core, admin.decided_at))
    elif admin.status == AdminStatus.REMOVED:
        footer = T.NOMINATION_WITHDRAWN
    elif account.status not in (AccountStatus.PENDING, AccountStatus.ACTIVE):
        footer = T.NOMINATION_CLOSED.format(outcome=T.OUTCOME[account.status])
    else:
        footer = None
        buttons = [
            Button(label=T.ACCEPT, action=names.ACCEPT, value=value, style="primary"),
            Button(label=T.DECLINE, action=names.DECLINE, value=value, confirm=T.CONFIRM_DECLINE),
        ]
    by = name_of(session, admin.nominated_by_id or account.owner_id)
    return Message(
        title=T.ADMIN_REQUEST_TITLE,
        text=T.ADMIN_REQUEST_TEXT.format(
            by=by,
            name=account.name,
            platform=platform_label(account),
            title=core.guideline.title,
            version=core.guideline.version,
            **rule_words(core),
        ),
        facts=application_facts(session, account),
        buttons=buttons,
        footer=footer,
        actors=[admin.person_id],  # only the nominee may answer
        waiting=[account.owner_id],  # told if the nominee cannot be reached
        about=account_label(account),
    )


def review_post(session: Session, core: Core, account: Account) -> Message:
    """The communicators' card: anchor or ask for more, then register the service account."""
    value = str(account.id)
    step = communicators_step(account)
    buttons: list[Button] = []
    if step == Waiting.REVIEW:
        buttons = [
            Button(label=T.ANCHOR, action=names.ANCHOR, value=value, style="primary"),
            Button(label=T.REQUEST_COMPLETION, action=names.REQUEST_COMPLETION, value=value),
        ]
    elif step == Waiting.SERVICE_ACCOUNT:
        buttons = [
            Button(
                label=T.REGISTER_SERVICE_ACCOUNT,
                action=names.REGISTER_SERVICE_ACCOUNT,
                value=value,
                style="primary",
            )
        ]
    text = T.REVIEW_TEXT.format(
        manager=name_of(session, account.manager_id),
        applicant=name_of(session, account.owner_id),
    )
    if account.revision > 1:
        text += "\n\n" + _what_changed(session, account)
    return Message(
        title=_decided_title(core, account) or T.REVIEW_TITLE.format(name=account.name),
        text=text,
        facts=application_facts(session, account),
        buttons=buttons,
        footer=_history(session, core, account),
    )


# Which fact a changed field of a resubmission shows under (finding 17).
CHANGED_LABELS = {
    "platform": T.FACT_PLATFORM,
    "platform_other": T.FACT_PLATFORM,
    "name": T.FACT_NAME,
    "unit": T.FACT_UNIT,
    "purpose": T.FACT_PURPOSE,
    "audience": T.FACT_AUDIENCE,
    "resources": T.FACT_RESOURCES,
    "manager_id": T.FACT_MANAGER,
    "co_admin_ids": T.FACT_ADMINS,
}


def _what_changed(session: Session, account: Account) -> str:
    """ "Ändrat i version 2: Målgrupp." from the resubmission's audit entry."""
    entry = session.exec(
        select(AuditEntry)
        .where(AuditEntry.account_id == account.id, AuditEntry.action == "opening.resubmitted")
        .order_by(col(AuditEntry.id).desc())
    ).first()
    changed = entry.detail.get("changed", {}) if entry is not None else {}
    labels = list(dict.fromkeys(CHANGED_LABELS[f] for f in changed if f in CHANGED_LABELS))
    if not labels:
        return T.REVIEW_RESUBMITTED_SAME.format(revision=account.revision)
    return T.REVIEW_RESUBMITTED.format(revision=account.revision, fields=", ".join(labels))


def superseded_review(account: Account) -> Message:
    """The previous revision's card, once a resubmission replaced it (finding 5e)."""
    return Message(
        title=T.REVIEW_SUPERSEDED_TITLE.format(name=account.name, revision=account.revision - 1),
        text=T.REVIEW_SUPERSEDED.format(revision=account.revision),
    )


def _history(session: Session, core: Core, account: Account) -> str | None:
    lines: list[str] = []
    # Every step taken, not only the communicators' (finding 20): the applicant's receipt
    # shows the manager's approval and each co-admin's answer too.
    if account.manager_approved_at is not None and account.manager_id is not None:
        lines.append(
            T.HISTORY_APPROVED.format(
                name=name_of(session, account.manager_id),
                at=local(core, account.manager_approved_at),
            )
        )
    for admin in admins(session, account.id or 0, AdminStatus.ACCEPTED):
        if not admin.is_owner and admin.decided_at is not None:
            lines.append(
                T.HISTORY_ACCEPTED.format(
                    name=name_of(session, admin.person_id), at=local(core, admin.decided_at)
                )
            )
    if account.completion_request:
        lines.append(
            T.REVIEW_COMPLETION.format(
                name=name_of(session, account.completion_requested_by_id),
                at=local(core, account.completion_requested_at),
                comment=account.completion_request,
            )
        )
    if account.anchored_at is not None:
        lines.append(
            T.REVIEW_ANCHORED.format(
                name=name_of(session, account.anchored_by_id), at=local(core, account.anchored_at)
            )
        )
    if account.credentials_confirmed_at is not None:
        lines.append(
            T.REVIEW_SERVICE_ACCOUNT.format(
                name=name_of(session, account.credentials_confirmed_by_id),
                at=local(core, account.credentials_confirmed_at),
            )
        )
    if account.status == AccountStatus.ACTIVE:
        lines.append(T.REVIEW_ACTIVE.format(at=local(core, account.activated_at)))
    elif account.status == AccountStatus.REJECTED:
        lines.append(T.REVIEW_REJECTED.format(at=local(core, account.rejected_at)))
    elif account.status == AccountStatus.WITHDRAWN:
        lines.append(T.REVIEW_WITHDRAWN.format(at=local(core, account.withdrawn_at)))
    waiting = waiting_line(session, core, account)
    if waiting:
        lines.append(waiting)
    return "\n".join(lines) or None


def _registered_manager_request(
    session: Session,
    core: Core,
    account: Account,
    manager_id: int,
    buttons: list[Button],
    footer: str | None,
) -> Message:
    # An existing account is confirmed, not approved: there is nothing left to reject.
    confirm = [
        Button(label=A.CONFIRM, action=b.action, value=b.value, style="primary")
        for b in buttons
        if b.action == names.APPROVE
    ]
    return Message(
        title=A.MANAGER_CONFIRM_TITLE,
        text=A.MANAGER_CONFIRM_TEXT.format(
            registrar=name_of(session, account.registered_by_id), org=org(core)
        ),
        facts=application_facts(session, account),
        buttons=confirm,
        footer=footer,
        actors=[manager_id],
        waiting=[account.registered_by_id or account.owner_id],
        about=account_label(account),
    )


def receipt(session: Session, core: Core, account: Account) -> Message:
    """The applicant's card, kept current: where the application stands."""
    buttons: list[Button] = []
    if account.status == AccountStatus.PENDING:
        if account.completion_request:
            buttons.append(
                Button(label=T.EDIT, action=names.EDIT, value=str(account.id), style="primary")
            )
        buttons.append(
            Button(
                label=T.WITHDRAW,
                action=names.WITHDRAW,
                value=str(account.id),
                confirm=T.CONFIRM_WITHDRAW.format(name=escape(account.name)),
            )
        )
    return Message(
        title=_decided_title(core, account) or T.RECEIPT_TITLE.format(name=account.name),
        text=T.RECEIPT_TEXT.format(**rule_words(core)),
        facts=application_facts(session, account),
        buttons=buttons,
        footer=_history(session, core, account) or T.STATUS[account.status],
    )


def _decided_title(core: Core, account: Account) -> str | None:
    """Once decided, a card's title says how it ended (finding 20); None while pending."""
    if account.status == AccountStatus.ACTIVE and account.activated_at is not None:
        since = account.activated_at.astimezone(core.settings.tz).date().isoformat()
        return T.TITLE_ACTIVE.format(name=account.name, date=since)
    template = T.TITLE_DECIDED.get(account.status)
    return template.format(name=account.name) if template else None


def activated(core: Core, account: Account) -> Message:
    return Message(
        title=T.ACTIVE_TITLE.format(name=account.name),
        text=with_guideline_link(core, T.ACTIVE_TEXT.format(**rule_words(core))),
        checklist=[line.format(org=org(core), **rule_words(core)) for line in T.DUTY_CHECKLIST],
    )
