"""`registrera-konto`: an account that existed before smbot comes in, active at once.

The named admins are asked to accept and the manager to confirm with the opening flow's own
cards; until they have, the account shows what is missing and the sweep reminds about it
(`bot/flows/opening/reminders.py`) like a stalled application.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from bot import audit
from bot import texts as t
from bot.core import Core
from bot.flows.accounts import names
from bot.flows.opening import updates
from bot.flows.opening.common import T, platform_label
from bot.flows.opening.validation import TEXT_LIMITS, as_person_ids, as_text, check_texts
from bot.messages import Form, FormField, Option
from bot.registry import COMMUNICATORS, Verbs
from bot.router import Context, Reply
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus

verbs = Verbs()
A = t.accounts

FACT_FIELDS = ("platform", "platform_other", "name", "unit", "purpose", "audience", "resources")


@dataclass
class Registration:
    """An existing account's facts, as an application has them, plus its history."""

    platform: str
    platform_other: str | None
    name: str
    unit: str
    purpose: str
    audience: str
    resources: str
    address: str | None
    owner_id: int
    manager_id: int
    admin_ids: list[int]  # besides the owner
    documented_before_on: date | None


def registration_form() -> Form:
    def text(field_id: str, label: str, kind: Any = "text", max_length: int = 120) -> FormField:
        return FormField(id=field_id, label=label, kind=kind, max_length=max_length)

    return Form(
        id=names.REGISTER,
        title=A.REGISTER_FORM_TITLE,
        submit_label=A.REGISTER_FORM_SUBMIT,
        intro=A.REGISTER_FORM_INTRO,
        fields=[
            FormField(
                id="platform",
                label=T.LABEL_PLATFORM,
                kind="select",
                options=[Option(value=v, label=label) for v, label in T.PLATFORMS.items()],
            ),
            FormField(
                id="platform_other",
                label=T.LABEL_PLATFORM_OTHER,
                kind="text",
                required=False,
                max_length=60,
            ),
            text("name", T.LABEL_NAME, max_length=80),
            FormField(
                id="address", label=A.LABEL_ADDRESS, kind="text", required=False, max_length=300
            ),
            text("unit", T.LABEL_UNIT),
            text("purpose", T.LABEL_PURPOSE, "textarea", 1500),
            text("audience", T.LABEL_AUDIENCE, "textarea", 1000),
            text("resources", T.LABEL_RESOURCES, "textarea", 500),
            FormField(id="manager", label=T.LABEL_MANAGER, kind="user"),
            FormField(id="owner", label=A.LABEL_OWNER, kind="user"),
            FormField(id="co_admins", label=A.LABEL_ADMINS, kind="users"),
            FormField(
                id="documented",
                label=A.LABEL_DOCUMENTED,
                kind="date",  # picked, not typed (Slack, Teams); typed on the console
                required=False,
                hint=A.HINT_DOCUMENTED,
            ),
        ],
    )


@verbs.command("registrera-konto", A.COMMAND_REGISTER_ACCOUNT, audience=COMMUNICATORS)
def register_command(ctx: Context, text: str) -> Reply:
    return Reply(form=registration_form())


@verbs.form(names.REGISTER, audience=COMMUNICATORS)
def submit_registration(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    registration, errors = validate_registration(ctx, values)
    if registration is None:
        return Reply(errors=errors)
    account = register(ctx.session, ctx.core, registration, ctx.actor.id, ctx.now)
    return Reply(notice=A.REGISTERED_NOTICE.format(name=account.name))


def validate_registration(
    ctx: Context, values: dict[str, Any]
) -> tuple[Registration | None, dict[str, str]]:
    errors: dict[str, str] = {}
    texts = check_texts(values, TEXT_LIMITS, errors)
    platform = as_text(values, "platform")
    if platform not in T.PLATFORMS:
        errors["platform"] = T.ERROR_PLATFORM
    elif platform == "annat" and not texts["platform_other"]:
        errors.setdefault("platform_other", T.ERROR_PLATFORM_OTHER)
    manager = as_person_ids(values, "manager")
    owner = as_person_ids(values, "owner")
    others = [p for p in dict.fromkeys(as_person_ids(values, "co_admins")) if p not in owner]
    if not manager:
        errors["manager"] = T.ERROR_MANAGER_MISSING
    if not owner:
        errors["owner"] = A.ERROR_OWNER_MISSING
    elif manager and manager[0] == owner[0]:
        errors["manager"] = A.ERROR_MANAGER_IS_OWNER
    if owner and 1 + len(others) < ctx.core.guideline.rules.min_admins:
        errors["co_admins"] = A.ERROR_TOO_FEW_ADMINS.format(min=ctx.core.guideline.rules.min_admins)
    documented, date_error = parse_day(as_text(values, "documented"), ctx.core, ctx.now)
    if date_error:
        errors["documented"] = date_error
    if "platform" not in errors and "name" not in errors:
        existing = find_account(ctx.session, platform, texts["name"])
        if existing is not None:
            errors["name"] = A.ERROR_DUPLICATE.format(
                name=existing.name, platform=platform_label(existing)
            )
    if errors:
        return None, errors
    return (
        Registration(
            platform=platform,
            platform_other=texts["platform_other"] if platform == "annat" else None,
            name=texts["name"],
            unit=texts["unit"],
            purpose=texts["purpose"],
            audience=texts["audience"],
            resources=texts["resources"],
            address=as_text(values, "address") or None,
            owner_id=owner[0],
            manager_id=manager[0],
            admin_ids=others,
            documented_before_on=documented,
        ),
        errors,
    )


def parse_day(text: str, core: Core, now: datetime) -> tuple[date | None, str | None]:
    """An optional ÅÅÅÅ-MM-DD, not in the future: the date, or the Swedish error."""
    if not text:
        return None, None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None, A.ERROR_DATE
    if day > core.calendar.local_date(now):
        return None, A.ERROR_DATE_FUTURE
    return day, None


def find_account(session: Session, platform: str, name: str) -> Account | None:
    """The account of this name on this platform (names compared without case)."""
    return session.exec(
        select(Account).where(
            Account.platform == platform, func.lower(Account.name) == name.strip().lower()
        )
    ).first()


def register(
    session: Session, core: Core, registration: Registration, by_id: int | None, now: datetime
) -> Account:
    """Create the account active, then ask its admins and its manager."""
    account = Account(
        **{field: getattr(registration, field) for field in FACT_FIELDS},
        service_account_url=registration.address,
        owner_id=registration.owner_id,
        manager_id=registration.manager_id,
        status=AccountStatus.ACTIVE,
        created_at=now,
        activated_at=now,
        registered_at=now,
        registered_by_id=by_id,
        documented_before_on=registration.documented_before_on,
    )
    session.add(account)
    session.flush()
    assert account.id is not None
    for index, person_id in enumerate([registration.owner_id, *registration.admin_ids]):
        session.add(
            AccountAdmin(
                account_id=account.id,
                person_id=person_id,
                is_owner=index == 0,
                status=AdminStatus.NOMINATED,
                nominated_at=now,
                nominated_by_id=by_id,
            )
        )
    session.flush()
    audit.record(
        session,
        now,
        "accounts.registered",
        actor_id=by_id,
        account_id=account.id,
        **{field: getattr(registration, field) for field in FACT_FIELDS},
        address=registration.address,
        owner_id=registration.owner_id,
        manager_id=registration.manager_id,
        admin_ids=registration.admin_ids,
        documented_before_on=(
            registration.documented_before_on.isoformat()
            if registration.documented_before_on
            else None
        ),
    )
    send_asks(session, core, account)
    return account


def send_asks(session: Session, core: Core, account: Account) -> None:
    """The manager's and each nominated admin's card, through the outbox (once each)."""
    assert account.id is not None
    if account.manager_approved_at is None and account.status in (
        AccountStatus.ACTIVE,
        AccountStatus.PENDING,
    ):
        updates.sync_manager_request(session, core, account)
    rows = session.exec(
        select(AccountAdmin).where(
            AccountAdmin.account_id == account.id, AccountAdmin.status == AdminStatus.NOMINATED
        )
    ).all()
    for row in rows:
        updates.sync_admin_request(session, core, account, row)


def answers_pending(session: Session, core: Core, account: Account) -> bool:
    """A registered account whose named admins are still being asked (and would be enough):
    the opening reminders chase them, so it is not yet a shortage of admins."""
    if account.registered_at is None:
        return False
    assert account.id is not None
    rows = session.exec(select(AccountAdmin).where(AccountAdmin.account_id == account.id)).all()
    nominated = sum(1 for r in rows if r.status == AdminStatus.NOMINATED)
    accepted = sum(1 for r in rows if r.status == AdminStatus.ACCEPTED)
    return nominated > 0 and nominated + accepted >= core.guideline.rules.min_admins
