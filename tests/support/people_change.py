"""Accounts for the people-change rules, made through the console as people make them.

`registered_library` registers an existing account with `registrera konto` (Kim, a
communicator), and its manager and admins answer: an active account whose admins have
just been asked "Jag kan logga in?".
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import select

from handlers.console.bot import ConsoleBot
from storage.models import Account, AccountAdmin, AuditEntry, Escalation

LOGIN = "Jag kan logga in"
PASSWORD = "Lösenordet är bytt"


def register_library(
    bot: ConsoleBot,
    owner: str = "@anna",
    others: Sequence[str] = ("@bertil",),
    manager: str = "@cecilia",
    *,
    answer: bool = True,
) -> int:
    """Forshaga bibliotek, registered by Kim; with `answer` the manager confirms and the admins
    accept. Returns the account id."""
    assert bot.say("@kim", "registrera konto").form is not None
    reply = bot.fill(
        "@kim",
        platform="facebook",
        name="Forshaga bibliotek",
        address="https://www.facebook.com/forshagabibliotek",
        unit="Kultur och fritid, biblioteket",
        purpose="Boktips och evenemang.",
        audience="Invånare i alla åldrar.",
        resources="Två timmar i veckan.",
        manager=manager,
        owner=owner,
        co_admins=list(others),
        documented="",
    )
    assert reply.ok, reply.errors
    if answer:
        bot.press(manager, "Bekräfta")
        for handle in (owner, *others):
            bot.press(handle, "Acceptera")
    with bot.core.session() as session:
        account = session.exec(select(Account).where(Account.name == "Forshaga bibliotek")).one()
        assert account.id is not None
        return account.id


def admin_row(bot: ConsoleBot, account_id: int, handle: str) -> AccountAdmin:
    with bot.core.session() as session:
        return session.exec(
            select(AccountAdmin).where(
                AccountAdmin.account_id == account_id,
                AccountAdmin.person_id == bot.directory.person_id(handle),
            )
        ).one()


def audit_actions(bot: ConsoleBot) -> list[str]:
    with bot.core.session() as session:
        return list(session.exec(select(AuditEntry.action).order_by(AuditEntry.id)).all())


def escalations(bot: ConsoleBot, kind: str) -> list[Escalation]:
    with bot.core.session() as session:
        return list(session.exec(select(Escalation).where(Escalation.kind == kind)).all())


def titled(bot: ConsoleBot, handle: str, words: str) -> list[str]:
    """The person's messages whose title has these words, as they read now."""
    return [bot.show(m) for m in bot.inbox(handle) if words in (m.title or "")]
