"""`smbot import accounts FILE.csv [--apply]`: the account register read back in.

The file is what `smbot export accounts --format csv` writes (bot/export.py), so an export
imports into an empty database unchanged. People are found by e-mail. Every row is checked
first; one invalid row and nothing is imported. An account already there (same platform and
name) is left as it is, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TextIO

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import audit
from bot import texts as t
from bot.core import Core
from bot.flows.accounts import logins
from bot.flows.accounts.registration import find_account, send_asks
from bot.flows.opening.validation import text_error
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus, Person

A = t.accounts
T = t.opening
HEADER = T.CSV_HEADER

# The columns a row is read from; the others (names, labels, id) are written for people.
REQUIRED = [
    "plattform",
    "konto",
    "verksamhet",
    "status",
    "syfte",
    "målgrupp",
    "resurser",
    "plattformskod",
    "sökande e-post",
    "chef e-post",
    "administratörer e-post",
    "nominerade e-post",
]
TEXTS = {"konto": 80, "verksamhet": 120, "syfte": 1500, "målgrupp": 1000, "resurser": 500}
WHEN = {
    "ansökt": "submitted_at",
    "chef godkände": "manager_approved_at",
    "förankrad": "anchored_at",
    "tjänstekonto registrerat": "credentials_confirmed_at",
    "aktivt sedan": "activated_at",
    "registrerad": "registered_at",
    "avslutas sedan": "closing_started_at",
}
ENDED = {
    AccountStatus.CLOSED: "closed_at",
    AccountStatus.REJECTED: "rejected_at",
    AccountStatus.WITHDRAWN: "withdrawn_at",
}
STATUSES = {label: status for status, label in T.STATUS.items()}


@dataclass
class Row:
    number: int
    account: Account
    accepted: list[int]
    nominated: list[int]
    logged_in: list[int]  # of the accepted, who confirmed they can log in
    exists: bool


@dataclass
class ImportReport:
    lines: list[str] = field(default_factory=list)
    errors: int = 0
    new: int = 0
    existing: int = 0

    @property
    def ok(self) -> bool:
        return self.errors == 0


def import_accounts(
    session: Session, core: Core, handle: TextIO, *, apply: bool, by_id: int | None = None
) -> ImportReport:
    """Check every row, print what would happen; with `apply`, import the new ones."""
    report = ImportReport()
    reader = csv.DictReader(handle)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        report.errors = len(missing)
        report.lines = [A.IMPORT_FILE_ERROR.format(column=c) for c in missing]
        return report
    rows: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    for number, raw in enumerate(reader, start=2):
        errors: list[str] = []
        row = _read(session, core, number, raw, errors)
        if row is not None:
            identity = (row.account.platform, row.account.name.lower())
            if identity in seen:
                errors.append(
                    _error(number, "konto", A.IMPORT_DUPLICATE.format(first=seen[identity]))
                )
            seen.setdefault(identity, number)
        if errors or row is None:
            report.errors += len(errors)
            report.lines += errors
            continue
        rows.append(row)
        label = T.PLATFORMS.get(row.account.platform, row.account.platform)
        if row.exists:
            report.existing += 1
            report.lines.append(
                A.IMPORT_EXISTS.format(row=number, name=row.account.name, platform=label)
            )
        else:
            report.new += 1
            report.lines.append(
                A.IMPORT_NEW.format(
                    row=number,
                    name=row.account.name,
                    platform=label,
                    status=T.STATUS[row.account.status].lower(),
                )
            )
    if not report.ok:
        report.lines.append(A.IMPORT_INVALID_SUMMARY.format(count=report.errors))
        return report
    if apply:
        for row in rows:
            if not row.exists:
                _create(session, core, row, by_id)
        report.lines.append(
            A.IMPORT_APPLIED_SUMMARY.format(new=report.new, existing=report.existing)
        )
    else:
        report.lines.append(
            A.IMPORT_DRY_RUN_SUMMARY.format(new=report.new, existing=report.existing)
        )
    return report


def _error(number: int, column: str, what: str) -> str:
    return A.IMPORT_ROW_ERROR.format(row=number, column=column, what=what)


def _read(
    session: Session, core: Core, number: int, raw: dict[str, str | None], errors: list[str]
) -> Row | None:
    def value(column: str) -> str:
        return (raw.get(column) or "").strip()

    texts: dict[str, str] = {}
    for column, limit in TEXTS.items():
        problem = text_error(value(column), max_length=limit)
        if problem:
            what = A.IMPORT_EMPTY if not value(column) else problem
            errors.append(_error(number, column, what))
        texts[column] = value(column)
    platform = value("plattformskod")
    if platform not in T.PLATFORMS:
        allowed = ", ".join(T.PLATFORMS)
        errors.append(
            _error(
                number,
                "plattformskod",
                A.IMPORT_UNKNOWN_PLATFORM.format(value=platform, allowed=allowed),
            )
        )
    status = STATUSES.get(value("status"))
    if status is None:
        allowed = ", ".join(STATUSES)
        errors.append(
            _error(
                number,
                "status",
                A.IMPORT_UNKNOWN_STATUS.format(value=value("status"), allowed=allowed),
            )
        )
    owner = _people(session, number, "sökande e-post", value("sökande e-post"), errors, one=True)
    manager = _people(session, number, "chef e-post", value("chef e-post"), errors, one=True)
    accepted = _people(
        session, number, "administratörer e-post", value("administratörer e-post"), errors
    )
    nominated = _people(session, number, "nominerade e-post", value("nominerade e-post"), errors)
    logged_in = _people(
        session, number, "kan logga in e-post", value("kan logga in e-post"), errors
    )
    anchored_by = _people(
        session, number, "förankrad av e-post", value("förankrad av e-post"), errors
    )
    if owner and manager and owner == manager:
        errors.append(_error(number, "chef e-post", A.IMPORT_MANAGER_IS_OWNER))
    moments = {attr: _when(core, number, col, value(col), errors) for col, attr in WHEN.items()}
    ended = _when(core, number, "avslutad", value("avslutad"), errors)
    documented = _day(number, value("dokumenterad före smbot"), errors)
    # Optional columns (older exports lack them): where a pause or a closing stands.
    pause_until = _day(number, value("pausad till"), errors, column="pausad till")
    if status == AccountStatus.PAUSED and pause_until is None:
        errors.append(_error(number, "pausad till", A.IMPORT_EMPTY))
    team = len(set(accepted) | set(nominated))
    if (
        status in (AccountStatus.ACTIVE, AccountStatus.PAUSED)
        and team < core.guideline.rules.min_admins
    ):
        errors.append(
            _error(
                number,
                "administratörer e-post",
                A.IMPORT_TOO_FEW_ADMINS.format(min=core.guideline.rules.min_admins, count=team),
            )
        )
    if errors or status is None or not owner or not manager:
        return None
    now = core.now()
    if status == AccountStatus.ACTIVE and moments["manager_approved_at"] is None:
        # An existing account new to smbot: its manager confirms it, as for a registration.
        moments["registered_at"] = moments["registered_at"] or now
    account = Account(
        platform=platform,
        platform_other=value("plattform") if platform == "annat" else None,
        name=texts["konto"],
        unit=texts["verksamhet"],
        purpose=texts["syfte"],
        audience=texts["målgrupp"],
        resources=texts["resurser"],
        owner_id=owner[0],
        manager_id=manager[0],
        status=status,
        anchored_by_id=anchored_by[0] if anchored_by else None,
        service_account_url=value("tjänstekonto") or None,
        credentials_reference=value("uppgifter förvaras") or None,
        created_at=moments["submitted_at"] or moments["registered_at"] or now,
        documented_before_on=documented,
        pause_until=pause_until,
        pause_reason=value("pausskäl") or None,
        closing_reason=value("avslutsskäl") or None,
        **{attr: moment for attr, moment in moments.items()},
    )
    if status in ENDED:
        setattr(account, ENDED[status], ended)
    exists = find_account(session, platform, account.name) is not None
    nominees = [p for p in nominated if p not in accepted]
    return Row(number, account, accepted, nominees, [p for p in logged_in if p in accepted], exists)


def _people(
    session: Session, number: int, column: str, text: str, errors: list[str], *, one: bool = False
) -> list[int]:
    found: list[int] = []
    addresses = [part.strip() for part in text.split(",") if part.strip()]
    if one and len(addresses) != 1:
        errors.append(_error(number, column, A.IMPORT_EMPTY))
        return []
    for address in addresses:
        if "@" not in address:
            errors.append(_error(number, column, A.IMPORT_BAD_EMAIL.format(value=address)))
            continue
        person = session.exec(
            select(Person).where(func.lower(Person.email) == address.lower())
        ).first()
        if person is None or person.id is None:
            errors.append(_error(number, column, A.IMPORT_UNKNOWN_EMAIL.format(email=address)))
            continue
        found.append(person.id)
    return list(dict.fromkeys(found))


def _when(core: Core, number: int, column: str, text: str, errors: list[str]) -> datetime | None:
    if not text:
        return None
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=core.settings.tz)
        except ValueError:
            continue
    errors.append(_error(number, column, A.IMPORT_BAD_DATE.format(value=text)))
    return None


def _day(
    number: int, text: str, errors: list[str], column: str = "dokumenterad före smbot"
) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(_error(number, column, A.IMPORT_BAD_DATE.format(value=text)))
        return None


def _create(session: Session, core: Core, row: Row, by_id: int | None) -> None:
    account, now = row.account, core.now()
    session.add(account)
    session.flush()
    assert account.id is not None
    decided = account.activated_at or account.submitted_at or now
    _team(session, account, row.accepted, AdminStatus.ACCEPTED, decided, by_id)
    _team(session, account, row.nominated, AdminStatus.NOMINATED, now, by_id)
    _logged_in(session, account, row.logged_in, decided)
    audit.record(
        session,
        now,
        "accounts.imported",
        actor_id=by_id,
        account_id=account.id,
        row=row.number,
        name=account.name,
        platform=account.platform,
        status=account.status,
        admins=row.accepted,
        nominated=row.nominated,
    )
    send_asks(session, core, account)
    # Admins who have not confirmed their login are asked now, through the outbox.
    logins.ask_missing(session, core, account)


def _logged_in(session: Session, account: Account, person_ids: list[int], at: datetime) -> None:
    for row in session.exec(
        select(AccountAdmin).where(
            AccountAdmin.account_id == account.id,
            col(AccountAdmin.person_id).in_(person_ids),
        )
    ).all():
        row.login_asked_at = row.login_confirmed_at = at
        session.add(row)
    session.flush()


def _team(
    session: Session,
    account: Account,
    person_ids: Iterable[int],
    status: AdminStatus,
    at: datetime,
    by_id: int | None,
) -> None:
    for person_id in person_ids:
        session.add(
            AccountAdmin(
                account_id=account.id,
                person_id=person_id,
                is_owner=person_id == account.owner_id,
                status=status,
                nominated_at=at,
                nominated_by_id=by_id,
                decided_at=at if status == AdminStatus.ACCEPTED else None,
            )
        )
    session.flush()
