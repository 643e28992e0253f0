"""What every step of the opening flow shares: loading, keys, names, audit, dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from bot import people
from bot import texts as t
from bot.core import Core
from bot.guideline.words import fields
from bot.messages import Form, FormField
from bot.router import Context
from storage.models import Account, AccountAdmin, AdminStatus, Person

T = t.opening


def key(account_id: int | None, *parts: object) -> str:
    """A stable outbox key: `opening:{account_id}:{part}:…`."""
    return ":".join(["opening", str(account_id), *(str(part) for part in parts)])


def parse_ids(value: str) -> list[int] | None:
    """A button's value: "12" or "12:34". None when it is not that."""
    try:
        return [int(part) for part in value.split(":")]
    except ValueError:
        return None


def load_account(session: Session, account_id: int) -> Account | None:
    # FOR UPDATE: two presses at the same moment are decided one after the other
    # (PostgreSQL); SQLite serialises writers anyway.
    statement = select(Account).where(Account.id == account_id).with_for_update()
    return session.exec(statement).first()


def text_form(
    form_id: str, title: str, submit: str, account: Account, intro: str, field: FormField
) -> Form:
    """A one-field form about an account (a reason, a comment)."""
    return Form(
        id=form_id,
        title=title,
        submit_label=submit,
        context=str(account.id),
        intro=intro,
        fields=[field],
    )


def status_word(account: Account) -> str:
    return T.STATUS.get(account.status, account.status)


def name_of(session: Session, person_id: int | None) -> str:
    return people.display_name(session.get(Person, person_id) if person_id else None)


def names_of(session: Session, person_ids: list[int]) -> str:
    return ", ".join(name_of(session, pid) for pid in person_ids) or T.NONE


def platform_label(account: Account) -> str:
    if account.platform == "annat" and account.platform_other:
        return account.platform_other
    return T.PLATFORMS.get(account.platform, account.platform)


def admins(session: Session, account_id: int, *statuses: str) -> list[AccountAdmin]:
    statement = select(AccountAdmin).where(AccountAdmin.account_id == account_id)
    if statuses:
        statement = statement.where(AccountAdmin.status.in_(statuses))  # type: ignore[attr-defined]
    return list(session.exec(statement.order_by(AccountAdmin.id)).all())


def admin_row(session: Session, account_id: int, person_id: int) -> AccountAdmin | None:
    return session.exec(
        select(AccountAdmin).where(
            AccountAdmin.account_id == account_id, AccountAdmin.person_id == person_id
        )
    ).first()


def accepted_count(session: Session, account_id: int) -> int:
    return len(admins(session, account_id, AdminStatus.ACCEPTED))


def with_guideline_link(core: Core, text: str) -> str:
    """`text` and, when GUIDELINE_URL is set, a link to the guideline under it (finding 16)."""
    if not core.settings.guideline_url:
        return text
    return text + "\n\n" + t.common.GUIDELINE_LINK.format(url=core.settings.guideline_url)


def org(core: Core) -> str:
    return core.settings.org_name


def local(core: Core, moment: datetime | None) -> str:
    """A date and time as staff read it: local time, minutes."""
    if moment is None:
        return T.NONE
    return moment.astimezone(core.settings.tz).strftime("%Y-%m-%d %H:%M")


def local_date(core: Core, moment: datetime | None) -> str:
    if moment is None:
        return T.NONE
    return moment.astimezone(core.settings.tz).strftime("%Y-%m-%d")


def record(ctx: Context, action: str, account: Account, **detail: Any) -> None:
    ctx.audit(f"opening.{action}", account_id=account.id, **detail)


def rule_words(core: Core) -> dict[str, str]:
    """The guideline's rule numbers in words, for the texts that state them."""
    return fields(core.guideline.rules)
