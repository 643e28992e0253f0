"""The account register as a file: CSV (exactly `smbot export accounts`) and XLSX with standing.

Standing against the rules, for an active account: "eskalerat" when it has an open
escalation, "behöver åtgärd" when documentation is overdue or due soon or it has fewer
present admins than the rules ask, otherwise "i ordning"; `why` names the causes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.export import write_accounts_csv
from bot.flows.documentation.schedule import add_months
from bot.guideline.words import number
from bot.reports.charts import kind_label
from bot.reports.figures import aware_utc
from bot.texts.plural import antal
from storage.models import (
    Account,
    AccountAdmin,
    AccountStatus,
    AdminStatus,
    DocumentationFile,
    Escalation,
    EscalationStatus,
    PasswordChange,
    Person,
)

IN_ORDER = "i ordning"
NEEDS_ATTENTION = "behöver åtgärd"
ESCALATED = "eskalerat"


@dataclass
class Standing:
    account_id: int
    word: str  # IN_ORDER, NEEDS_ATTENTION, ESCALATED, or "" for an account that is not active
    reasons: list[str] = field(default_factory=list)

    @property
    def why(self) -> str:
        return "; ".join(self.reasons)


def register_csv(session: Session, core: Core) -> bytes:
    """The register as CSV, byte for byte what `smbot export accounts --format csv` writes."""
    buffer = io.StringIO(newline="")
    write_accounts_csv(session, buffer, core)
    return buffer.getvalue().encode("utf-8")


def register_xlsx(session: Session, core: Core, as_csv: bytes | None = None) -> bytes:
    """The register as an XLSX workbook: the CSV's columns (`as_csv` when already made),
    then standing and why."""
    # On first use: openpyxl is ~35 MB that `smbot serve` need not hold until asked.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    as_csv = as_csv if as_csv is not None else register_csv(session, core)
    rows = list(csv.reader(io.StringIO(as_csv.decode("utf-8"))))
    standings = standings_by_account(session, core)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kontoregister"
    sheet.append([*rows[0], "Ställning", "Varför"])
    for row in rows[1:]:
        standing = standings.get(int(row[0]))
        sheet.append([*row, standing.word if standing else "", standing.why if standing else ""])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, _ in enumerate(rows[0] + ["", ""], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def standings_by_account(session: Session, core: Core) -> dict[int, Standing]:
    """Every active account's standing, from three grouped queries."""
    accounts = session.exec(
        select(Account).where(Account.status == AccountStatus.ACTIVE).order_by(col(Account.id))
    ).all()
    ids = [a.id for a in accounts if a.id is not None]
    open_kinds = _open_escalations(session, ids)
    last_files = dict(
        session.exec(
            select(DocumentationFile.account_id, func.max(DocumentationFile.uploaded_at))
            .where(col(DocumentationFile.account_id).in_(ids))
            .group_by(col(DocumentationFile.account_id))
        ).all()
    )
    present = _present_admins(session, ids)
    confirmed = _present_admins(session, ids, confirmed=True)
    passwords = dict(
        session.exec(
            select(PasswordChange.account_id, PasswordChange.requested_at).where(
                col(PasswordChange.open_account_id).in_(ids)
            )
        ).all()
    )
    today = core.calendar.local_date(core.now())
    soon = today + timedelta(days=core.guideline.rules.documentation_first_reminder_days)
    standings: dict[int, Standing] = {}
    for account in accounts:
        assert account.id is not None
        reasons = [f"öppen eskalering: {kind_label(k)}" for k in open_kinds.get(account.id, [])]
        base = last_files.get(account.id) or account.activated_at
        if base is not None:
            due = add_months(_local(core, base), core.guideline.rules.documentation_interval_months)
            if due < today:
                reasons.append(f"dokumentation försenad (skulle in {due.isoformat()})")
            elif due <= soon:
                reasons.append(f"dokumentation ska in {due.isoformat()}")
        admins = present.get(account.id, 0)
        minimum = core.guideline.rules.min_admins
        if admins < minimum:
            present_admins = antal(admins, "närvarande administratör", "närvarande administratörer")
            reasons.append(f"{present_admins} (minst {number(minimum)})")
        if confirmed.get(account.id, 0) < minimum:
            logins = confirmed.get(account.id, 0)
            reasons.append(f"{logins} har bekräftat inloggningen (minst {number(minimum)})")
        if account.id in passwords:
            since = _local(core, passwords[account.id]).isoformat()
            reasons.append(f"lösenordet ska bytas (sedan {since})")
        word = ESCALATED if account.id in open_kinds else NEEDS_ATTENTION if reasons else IN_ORDER
        standings[account.id] = Standing(account.id, word, reasons)
    return standings


def needing_attention(standings: dict[int, Standing], limit: int = 10) -> list[Standing]:
    """The accounts that need it most: escalated first, then by the number of causes."""
    flagged = [s for s in standings.values() if s.word != IN_ORDER]
    flagged.sort(key=lambda s: (s.word != ESCALATED, -len(s.reasons), s.account_id))
    return flagged[:limit]


def state_counts(session: Session) -> dict[str, int]:
    """How many accounts in each state, in Swedish."""
    found = session.exec(select(Account.status, func.count()).group_by(col(Account.status))).all()
    return {texts.opening.STATUS.get(status, status): n for status, n in found}


def _open_escalations(session: Session, ids: list[int]) -> dict[int, list[str]]:
    found = session.exec(
        select(Escalation.account_id, Escalation.kind).where(
            Escalation.status != EscalationStatus.RESOLVED, col(Escalation.account_id).in_(ids)
        )
    ).all()
    kinds: dict[int, list[str]] = {}
    for account_id, kind in found:
        if account_id is not None:
            kinds.setdefault(account_id, []).append(kind)
    return kinds


def _present_admins(session: Session, ids: list[int], *, confirmed: bool = False) -> dict[int, int]:
    """Accepted admins still here per account (`confirmed`: who confirmed their login)."""
    query = (
        select(AccountAdmin.account_id, func.count())
        .join(Person, col(Person.id) == AccountAdmin.person_id)
        .where(
            AccountAdmin.status == AdminStatus.ACCEPTED,
            col(Person.departed_at).is_(None),
            col(AccountAdmin.account_id).in_(ids),
        )
        .group_by(col(AccountAdmin.account_id))
    )
    if confirmed:
        query = query.where(col(AccountAdmin.login_confirmed_at).is_not(None))
    return dict(session.exec(query).all())


def _local(core: Core, moment: datetime) -> date:
    return core.calendar.local_date(aware_utc(moment))
