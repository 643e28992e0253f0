"""Many active accounts with their admins, written in bulk (20,000 accounts in seconds).

The same rows `tests/support/accounts_db.active_account` writes one account at a time
(person, Slack identity, account, accepted admins), inserted a few thousand rows a
statement with ids chosen here, so building a region's worth of accounts does not take
longer than the benchmark itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Engine

from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus, Person
from storage.models.people import PersonIdentity

CHUNK = 5000


def build_accounts(engine: Engine, accounts: int, admins_per_account: int, at: datetime) -> None:
    """`accounts` active accounts activated at `at`, each with its own accepted admins."""
    with engine.begin() as connection:
        first_person = (connection.execute(select(func.max(Person.id))).scalar() or 0) + 1
        first_account = (connection.execute(select(func.max(Account.id))).scalar() or 0) + 1
        people = accounts * admins_per_account

        def person_id(n: int, k: int) -> int:
            return first_person + n * admins_per_account + k

        _insert(
            connection,
            Person,
            (
                {
                    "id": person_id(n, k),
                    "name": f"Admin {n}-{k}",
                    "title": "",
                    "email": f"u{n:05d}{k}@example.se",
                    "home_platform": "slack",
                    "created_at": at,
                }
                for n in range(accounts)
                for k in range(admins_per_account)
            ),
        )
        _insert(
            connection,
            PersonIdentity,
            (
                {
                    "person_id": first_person + i,
                    "platform": "slack",
                    "external_id": f"U{first_person + i:06d}",
                }
                for i in range(people)
            ),
        )
        _insert(
            connection,
            Account,
            (
                {
                    "id": first_account + n,
                    "platform": "facebook",
                    "name": f"Konto {n:05d}",
                    "unit": "Kultur och fritid",
                    "purpose": "Informera om verksamheten",
                    "audience": "Invånare",
                    "resources": "Två timmar per dag",
                    "owner_id": person_id(n, 0),
                    "manager_id": person_id(n, 0),
                    "status": AccountStatus.ACTIVE,
                    "revision": 1,
                    "created_at": at,
                    "activated_at": at,
                }
                for n in range(accounts)
            ),
        )
        _insert(
            connection,
            AccountAdmin,
            (
                {
                    "account_id": first_account + n,
                    "person_id": person_id(n, k),
                    "is_owner": k == 0,
                    "status": AdminStatus.ACCEPTED,
                    "nominated_at": at,
                    "decided_at": at,
                }
                for n in range(accounts)
                for k in range(admins_per_account)
            ),
        )
        if engine.dialect.name == "postgresql":
            # Ids were chosen here: move the sequences past them for the rows the bot adds.
            for table in ("person", "account"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
            connection.execute(text("ANALYZE"))


def _insert(connection: Any, model: Any, rows: Iterator[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            connection.execute(insert(model), batch)
            batch = []
    if batch:
        connection.execute(insert(model), batch)
