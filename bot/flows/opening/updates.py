"""The outbox side of the flow: stable keys, first sends, and updates in place."""

from __future__ import annotations

from sqlmodel import Session

from bot.core import Core
from bot.flows.opening import cards
from bot.flows.opening.common import admins, key
from bot.flows.opening.reminders import settle
from bot.messages import Message
from bot.outbox import enqueue_to_communicators, enqueue_to_person, enqueue_update
from bot.router import Context
from storage.models import Account, AccountAdmin, AdminStatus


def manager_request_key(account: Account, manager_id: int) -> str:
    return key(account.id, "manager-request", manager_id)


def admin_request_key(admin: AccountAdmin) -> str:
    # A re-nomination gets a fresh message: the key carries when it was made.
    return key(
        admin.account_id, "admin-request", admin.person_id, int(admin.nominated_at.timestamp())
    )


def review_key(account: Account) -> str:
    return key(account.id, "review", account.revision)


def receipt_key(account: Account) -> str:
    return key(account.id, "receipt")


def send_manager_request(session: Session, core: Core, account: Account) -> None:
    message = cards.manager_request(session, core, account, account.manager_id)
    enqueue_to_person(
        session, core, manager_request_key(account, account.manager_id), account.manager_id, message
    )


def send_admin_request(session: Session, core: Core, account: Account, admin: AccountAdmin) -> None:
    message = cards.admin_request(session, core, account, admin)
    enqueue_to_person(session, core, admin_request_key(admin), admin.person_id, message)


def send_review(session: Session, core: Core, account: Account) -> None:
    enqueue_to_communicators(
        session, core, review_key(account), cards.review_post(session, core, account)
    )


def send_receipt(session: Session, core: Core, account: Account) -> None:
    enqueue_to_person(
        session, core, receipt_key(account), account.owner_id, cards.receipt(session, core, account)
    )


def tell(
    session: Session, core: Core, account: Account, person_id: int, event: str, message: Message
) -> None:
    """A one-off notice to a person about this account (`event` makes the key unique)."""
    enqueue_to_person(session, core, key(account.id, event, person_id), person_id, message)


def tell_applicant(ctx: Context, account: Account, event: str, message: Message) -> None:
    """A one-off notice to the applicant (the account's owner) about a step just taken."""
    tell(ctx.session, ctx.core, account, account.owner_id, event, message)


def refresh_manager_request(
    session: Session, core: Core, account: Account, manager_id: int | None = None
) -> None:
    manager_id = manager_id or account.manager_id
    message = cards.manager_request(session, core, account, manager_id)
    enqueue_update(session, core, manager_request_key(account, manager_id), message)


def refresh_admin_request(
    session: Session, core: Core, account: Account, admin: AccountAdmin
) -> None:
    enqueue_update(
        session, core, admin_request_key(admin), cards.admin_request(session, core, account, admin)
    )


def refresh_status_cards(session: Session, core: Core, account: Account) -> None:
    """After every step: the applicant's card and the communicators' card show it, and an
    escalation about a step that is now done resolves itself."""
    enqueue_update(session, core, receipt_key(account), cards.receipt(session, core, account))
    enqueue_update(session, core, review_key(account), cards.review_post(session, core, account))
    settle(session, core, account)


def close_open_requests(session: Session, core: Core, account: Account) -> None:
    """After a final decision (rejected, withdrawn): no buttons left anywhere."""
    assert account.id is not None
    if account.manager_approved_at is None:
        refresh_manager_request(session, core, account)
    for admin in admins(session, account.id, AdminStatus.NOMINATED):
        refresh_admin_request(session, core, account, admin)
    refresh_status_cards(session, core, account)
