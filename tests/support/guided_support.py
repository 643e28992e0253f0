"""What an application consists of, comparable between the form and the guided conversation."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from bot.core import Core
from storage.models import Account, AccountAdmin, AuditEntry, GuidedConversation, Person

ACCOUNT_FIELDS = (
    "platform",
    "platform_other",
    "name",
    "unit",
    "purpose",
    "audience",
    "resources",
    "status",
    "revision",
)


def applications(core: Core) -> list[dict[str, Any]]:
    """Each account as its application made it: fields, people by name, what was audited."""
    with core.session() as session:
        names = {p.id: p.name for p in session.exec(select(Person)).all()}
        found = []
        for account in session.exec(select(Account).order_by(col(Account.id))).all():
            admins = session.exec(
                select(AccountAdmin).where(AccountAdmin.account_id == account.id)
            ).all()
            [submitted] = session.exec(
                select(AuditEntry).where(
                    AuditEntry.account_id == account.id, AuditEntry.action == "opening.submitted"
                )
            ).all()
            detail = dict(submitted.detail)
            detail["manager_id"] = names[detail["manager_id"]]
            detail["co_admin_ids"] = [names[i] for i in detail["co_admin_ids"]]
            found.append(
                {
                    **{f: getattr(account, f) for f in ACCOUNT_FIELDS},
                    "owner": names[account.owner_id],
                    "manager": names[account.manager_id],
                    "admins": sorted((names[a.person_id], a.status, a.is_owner) for a in admins),
                    "submitted": detail,
                }
            )
        return found


def conversations(core: Core) -> list[GuidedConversation]:
    with core.session() as session:
        return list(session.exec(select(GuidedConversation)).all())


def accounts(core: Core) -> int:
    with core.session() as session:
        return len(session.exec(select(Account)).all())
