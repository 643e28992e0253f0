"""The outbox side of the flow: stable keys, and one sync per card.

Each card is a function of the account's state (`cards.py`); syncing it sends it when it
is not out yet (and may be), and otherwise edits it in place, so a step renders it once.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.core import Core
from bot.flows.opening import cards
from bot.flows.opening.common import key
from bot.messages import Message
from bot.outbox import enqueue_to_communicators, enqueue_to_person, enqueue_update
from bot.router import Context
from storage.models import Account, AccountAdmin


def manager_request_key(account: Account, manager_id: int) -> str:
    return key(account.id, "manager-request", manager_id)


def admin_request_key(admin: AccountAdmin) -> str:
    # A re-nomination gets a fresh message: the key carries when it was made.
    return key(
        admin.account_id, "admin-request", admin.person_id, int(admin.nominated_at.timestamp())
    )


def review_key(account: Account, revision: int | None = None) -> str:
    return key(account.id, "review", revision or account.revision)


def receipt_key(account: Account) -> str:
    return key(account.id, "receipt")


def sync_card(
    session: Session,
    core: Core,
    card_key: str,
    message: Message,
    *,
    person_id: int | None = None,
    create: bool = True,
) -> None:
    """Send the card (to `person_id`, or the communicators when None) unless it is out
    already, in which case edit it in place. With `create=False` only an edit is made."""
    if create:
        if person_id is None:
            added = enqueue_to_communicators(session, core, card_key, message)
        else:
            added = enqueue_to_person(session, core, card_key, person_id, message)
        if added:
            return
    enqueue_update(session, core, card_key, message)


def sync_manager_request(
    session: Session, core: Core, account: Account, manager_id: int | None = None
) -> None:
    """The manager's card; a former manager's (`manager_id`) is only ever edited."""
    manager_id = manager_id or account.manager_id
    current = manager_id == account.manager_id
    message = cards.manager_request(session, core, account, manager_id)
    sync_card(
        session,
        core,
        manager_request_key(account, manager_id),
        message,
        person_id=manager_id,
        create=current,
    )


def sync_admin_request(session: Session, core: Core, account: Account, admin: AccountAdmin) -> None:
    message = cards.admin_request(session, core, account, admin)
    sync_card(session, core, admin_request_key(admin), message, person_id=admin.person_id)


def sync_review(session: Session, core: Core, account: Account, *, create: bool = False) -> None:
    """The communicators' card: one per revision, sent once the manager has approved it."""
    message = cards.review_post(session, core, account)
    create = create and account.manager_approved_at is not None
    sync_card(session, core, review_key(account), message, create=create)


def sync_receipt(session: Session, core: Core, account: Account, *, create: bool = False) -> None:
    """The applicant's card, sent when the application is submitted."""
    message = cards.receipt(session, core, account)
    sync_card(
        session, core, receipt_key(account), message, person_id=account.owner_id, create=create
    )


def tell(
    session: Session, core: Core, account: Account, person_id: int, event: str, message: Message
) -> None:
    """A one-off notice to a person about this account (`event` makes the key unique)."""
    enqueue_to_person(session, core, key(account.id, event, person_id), person_id, message)


def tell_applicant(ctx: Context, account: Account, event: str, message: Message) -> None:
    """A one-off notice to the applicant (the account's owner) about a step just taken."""
    tell(ctx.session, ctx.core, account, account.owner_id, event, message)
