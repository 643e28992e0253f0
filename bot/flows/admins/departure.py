"""Someone left the organisation (or came back): the platform tells us, the rules follow."""

from __future__ import annotations

from sqlmodel import Session

from bot import audit
from bot.core import Core
from bot.flows.accounts import leavers, password
from bot.flows.admins.roster import accounts_administered, accounts_touching
from bot.flows.admins.shortage import check_account
from storage.models import Person


def person_departed(session: Session, core: Core, person_id: int) -> bool:
    """Mark the person as gone; accounts they ran are checked at once. False if already gone."""
    person = session.get(Person, person_id)
    if person is None or person.departed_at is not None:
        return False
    person.departed_at = core.now()
    session.add(person)
    session.flush()
    audit.record(session, core.now(), "person.departed", actor_id=None, person_id=person_id)
    for account in accounts_administered(session, person_id):
        password.request_change(session, core, account, person_id, "departed")
    leavers.person_left(session, core, person_id)
    _recheck(session, core, person_id)
    return True


def person_returned(session: Session, core: Core, person_id: int) -> bool:
    """A reactivated user counts again as the admin they were."""
    person = session.get(Person, person_id)
    if person is None or person.departed_at is None:
        return False
    person.departed_at = None
    session.add(person)
    session.flush()
    audit.record(session, core.now(), "person.returned", actor_id=None, person_id=person_id)
    _recheck(session, core, person_id)
    return True


def _recheck(session: Session, core: Core, person_id: int) -> None:
    for account in accounts_touching(session, person_id):
        check_account(session, core, account)
