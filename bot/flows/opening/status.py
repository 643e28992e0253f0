"""Where an application stands: what it waits for, and from whom."""

from __future__ import annotations

from sqlmodel import Session

from bot.core import Core
from bot.flows.opening.common import T, accepted_count, admins, name_of
from storage.models import Account, AccountStatus, AdminStatus


def waiting_for(session: Session, core: Core, account: Account) -> list[str]:
    """The steps still missing, each naming who has to act. Empty unless pending."""
    if account.status != AccountStatus.PENDING:
        return []
    items: list[str] = []
    if account.manager_approved_at is None:
        items.append(T.WAIT_MANAGER.format(name=name_of(session, account.manager_id)))
    if account.completion_request:
        items.append(T.WAIT_COMPLETION.format(name=name_of(session, account.owner_id)))
    elif account.manager_approved_at is not None and account.anchored_at is None:
        items.append(T.WAIT_ANCHORING)
    if account.anchored_at is not None and account.credentials_confirmed_at is None:
        items.append(T.WAIT_SERVICE_ACCOUNT)
    assert account.id is not None
    nominated = admins(session, account.id, AdminStatus.NOMINATED)
    items.extend(T.WAIT_NOMINEE.format(name=name_of(session, a.person_id)) for a in nominated)
    missing = core.settings.min_admins - accepted_count(session, account.id) - len(nominated)
    if missing > 0:
        items.append(T.WAIT_MORE_ADMINS.format(missing=missing))
    return items


def is_complete(session: Session, core: Core, account: Account) -> bool:
    """Rules 1–4 recorded: manager, anchoring, service account, enough accepted admins."""
    assert account.id is not None
    return (
        account.manager_approved_at is not None
        and account.anchored_at is not None
        and account.credentials_confirmed_at is not None
        and accepted_count(session, account.id) >= core.settings.min_admins
    )


def needs_communicator(account: Account) -> str | None:
    """The communicators' next step on a pending application: "review", "register" or None."""
    if account.status != AccountStatus.PENDING or account.manager_approved_at is None:
        return None
    if account.anchored_at is None:
        return None if account.completion_request else "review"
    if account.credentials_confirmed_at is None:
        return "register"
    return None
