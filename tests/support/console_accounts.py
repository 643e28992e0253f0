"""Active accounts of console people (`@anna`), written straight into the database.

For the rule tests that start after an opening (the opening itself is tested through the
console in tests/console/test_opening.py). People are created as the console creates them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from handlers.console.bot import ConsoleBot
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus, Person


def active_account(
    bot: ConsoleBot,
    name: str,
    admins: Sequence[str],
    activated_at: datetime,
    *,
    manager: str | None = None,
    platform: str = "facebook",
    status: AccountStatus = AccountStatus.ACTIVE,
    nominated: Sequence[str] = (),
) -> int:
    """An account whose first admin is the owner; `admins` accepted, `nominated` still asked.

    Not active: a draft nobody has submitted, so no opening rule acts on it.

    The manager is the owner unless named.
    """
    people = {handle: bot.directory.person_id(handle) for handle in [*admins, *nominated]}
    owner = people[admins[0]]
    manager_id = bot.directory.person_id(manager) if manager else owner
    active = status == AccountStatus.ACTIVE
    with bot.core.session() as session:
        account = Account(
            platform=platform,
            name=name,
            unit="Kultur och fritid",
            purpose="Informera om verksamheten",
            audience="Invånare",
            resources="Två timmar per dag",
            owner_id=owner,
            manager_id=manager_id,
            status=status,
            manager_approved_at=activated_at if active else None,
            anchored_at=activated_at if active else None,
            credentials_confirmed_at=activated_at if active else None,
            created_at=activated_at,
            submitted_at=activated_at if active else None,
            activated_at=activated_at if active else None,
        )
        session.add(account)
        session.flush()
        assert account.id is not None
        for handle, person_id in people.items():
            accepted = handle not in nominated
            session.add(
                AccountAdmin(
                    account_id=account.id,
                    person_id=person_id,
                    is_owner=person_id == owner,
                    status=AdminStatus.ACCEPTED if accepted else AdminStatus.NOMINATED,
                    nominated_at=activated_at,
                    decided_at=activated_at if accepted else None,
                )
            )
        return account.id


def depart_quietly(bot: ConsoleBot, handle: str, at: datetime) -> None:
    """The departure was stored, but the process died before anything else happened."""
    person_id = bot.directory.person_id(handle)
    with bot.core.session() as session:
        person = session.get(Person, person_id)
        assert person is not None
        person.departed_at = at
        session.add(person)
