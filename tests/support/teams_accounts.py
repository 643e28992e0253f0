"""An active account whose people are Teams users, for the Teams tests."""

from __future__ import annotations

from datetime import datetime

from bot.people import find_by_identity
from storage.models import (
    Account,
    AccountAdmin,
    AccountStatus,
    AdminStatus,
)
from tests.conftest import STOCKHOLM
from tests.support.teams_harness import TeamsHarness
from tests.support.teams_requests import TeamsUser

ACTIVATED = datetime(2026, 11, 30, 10, 0, tzinfo=STOCKHOLM)


def active_account(teams: TeamsHarness, name: str, admins: list[TeamsUser]) -> int:
    """An account opened earlier, with admins the bot knows from Teams."""
    with teams.core.session() as session:
        people = []
        for user in admins:
            person = find_by_identity(session, "teams", user.id)
            assert person is not None
            people.append(person)
        account = Account(
            platform="facebook",
            name=name,
            unit="Kultur och fritid",
            purpose="Informera",
            audience="Invånare",
            resources="Två timmar per dag",
            owner_id=people[0].id,
            manager_id=people[0].id,
            status=AccountStatus.ACTIVE,
            created_at=ACTIVATED,
            activated_at=ACTIVATED,
        )
        session.add(account)
        session.flush()
        for index, person in enumerate(people):
            session.add(
                AccountAdmin(
                    account_id=account.id,
                    person_id=person.id,
                    is_owner=index == 0,
                    status=AdminStatus.ACCEPTED,
                    nominated_at=ACTIVATED,
                    decided_at=ACTIVATED,
                )
            )
        assert account.id is not None
        return account.id
