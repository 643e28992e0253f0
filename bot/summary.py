"""The morning summary each admin gets is assembled from sections other flows contribute.

A flow registers `@verbs.summary_section` returning lines about many accounts at once,
`(session, core, accounts, now) -> {account_id: lines}` (open comments, documentation due,
...); the daily-activity flow puts them together in one DM. A section is asked once per
sweep for every account in it, so the morning costs one statement per section whatever the
number of accounts (`any_of` filters by any number of ids in one statement).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, bindparam, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from bot.core import Core
from storage.models import Account

# Up to this many ids a plain IN list; beyond it one parameter holding them all.
_SMALL = 50


def lines_for(session: Session, core: Core, account: Account, now: datetime) -> list[str]:
    """Every section's lines for one account."""
    assert account.id is not None
    return lines_for_many(session, core, [account], now)[account.id]


def lines_for_many(
    session: Session, core: Core, accounts: Sequence[Account], now: datetime
) -> dict[int, list[str]]:
    """Every section's lines for each of `accounts`, in section order."""
    found: dict[int, list[str]] = {account.id: [] for account in accounts if account.id}
    if not found:
        return found
    for section in core.registry.sections:
        for account_id, lines in section(session, core, accounts, now).items():
            found[account_id].extend(lines)
    return found


def any_of(session: Session, column: Any, ids: Iterable[int]) -> ColumnElement[bool]:
    """`column IN ids` as one bound parameter however many ids (IN lists of thousands of
    parameters hit the drivers' limits and make every size a new statement to plan)."""
    values = sorted(set(ids))
    if len(values) <= _SMALL:
        return column.in_(values)
    if session.get_bind().dialect.name == "postgresql":
        return column == func.any(bindparam(None, values, type_=ARRAY(BigInteger)))
    # SQLite: the ids as one JSON array, read back as a table.
    table = func.json_each(bindparam(None, json.dumps(values))).table_valued("value")
    return column.in_(select(literal_column("value")).select_from(table))
