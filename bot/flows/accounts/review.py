"""The yearly follow-up: is the account still needed, and are its facts still right?

Every ACCOUNT_REVIEW_INTERVAL_MONTHS (guideline `account_review_interval_months`) from its
last review, or from registration or activation, each live account not being closed gets an
AccountReview row (one per due date, held by a unique constraint). The owner is asked
(**Allt stämmer**, **Avsluta kontot**, or the command `ändra konto` for changes) and the
manager is asked to confirm (**Bekräfta**). A reminder follows after
OPENING_REMINDER_AFTER_WORKING_DAYS; after OPENING_ESCALATION_AFTER_WORKING_DAYS without both
answers the communicators get an escalation, resolved as soon as the last answer comes.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import audit
from bot import texts as t
from bot.command_refs import cmd
from bot.core import Core
from bot.flows.account_choice import account_label
from bot.flows.accounts import closing, lifecycle, names
from bot.flows.admins.roster import present_admins
from bot.flows.documentation.schedule import add_months
from bot.flows.escalation import escalate, resolve
from bot.flows.opening.common import load_account, name_of
from bot.messages import Button, Fact, Message
from bot.outbox import enqueue_to_person, enqueue_update
from bot.people import display_name
from bot.registry import Verbs
from bot.router import Context, Reply
from storage.insert import insert_unless_taken
from storage.models import LIVE_STATUSES, Account, AccountReview

verbs = Verbs()
A = t.accounts

# The command the owner uses for changes (built on the `people` branch as `andra-konto`).
CHANGE_COMMAND = "ändra-konto"


def due_on(core: Core, account: Account, last_done: datetime | None) -> date | None:
    """The next review day: the interval after the last review, else after the account came
    into smbot (registered) or was activated."""
    base = last_done or account.registered_at or account.activated_at
    if base is None:
        return None
    return add_months(
        core.calendar.local_date(base), core.guideline.rules.account_review_interval_months
    )


def owner_key(review: AccountReview) -> str:
    return f"review:{review.id}:owner"


def manager_key(review: AccountReview) -> str:
    return f"review:{review.id}:manager"


def stall_key(review: AccountReview) -> str:
    return f"review:{review.id}:stalled"


@verbs.sweep("accounts.review", morning=True)
def reviews(core: Core, session: Session) -> None:
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None:
        return
    last_done = dict(
        session.exec(
            select(AccountReview.account_id, func.max(AccountReview.done_at)).group_by(
                col(AccountReview.account_id)
            )
        ).all()
    )
    for account in lifecycle.live_accounts(session):
        assert account.id is not None
        due = due_on(core, account, last_done.get(account.id))
        if due is not None and due <= today:
            _ask(session, core, account, due)
    for review, account in session.exec(
        select(AccountReview, Account)
        .join(Account, col(Account.id) == col(AccountReview.account_id))
        .where(col(AccountReview.done_at).is_(None))
    ).all():
        _chase(session, core, account, review, today)


def _ask(session: Session, core: Core, account: Account, due: date) -> None:
    """Open the review for this due date, once (the database decides), and ask both."""
    opened = insert_unless_taken(
        session,
        AccountReview,
        {"account_id": account.id, "due_on": due, "asked_at": core.now()},
        ["account_id", "due_on"],
    )
    review = session.get(AccountReview, opened) if opened is not None else None
    if review is None:
        return
    audit.record(
        session, core.now(), "accounts.review_asked", account_id=account.id, due_on=due.isoformat()
    )
    enqueue_to_person(
        session,
        core,
        owner_key(review),
        account.owner_id,
        owner_message(session, core, account, review),
    )
    enqueue_to_person(
        session,
        core,
        manager_key(review),
        account.manager_id,
        manager_message(session, core, account, review),
    )


def _escalation_day(core: Core, review: AccountReview) -> str:
    start = core.calendar.local_date(review.asked_at)
    days = core.guideline.rules.opening_escalation_after_working_days
    return core.calendar.add_working_days(start, days).isoformat()


def _facts(session: Session, account: Account) -> list[Fact]:
    assert account.id is not None
    admins = ", ".join(display_name(p) for p in present_admins(session, account.id)) or "–"
    return [
        Fact(label=A.FACT_PURPOSE, value=account.purpose),
        Fact(label=A.FACT_AUDIENCE, value=account.audience),
        Fact(label=A.FACT_RESOURCES, value=account.resources),
        Fact(label=A.FACT_ADMINS, value=admins),
    ]


def owner_message(
    session: Session, core: Core, account: Account, review: AccountReview, footer: str | None = None
) -> Message:
    value = str(review.id)
    buttons = (
        []
        if footer
        else [
            Button(label=A.REVIEW_OK_BUTTON, action=names.REVIEW_OK, value=value, style="primary"),
            Button(label=A.REVIEW_CHANGE_BUTTON, action=names.CHANGE_OPEN, value=str(account.id)),
            Button(label=A.REVIEW_CLOSE_BUTTON, action=names.REVIEW_CLOSE, value=value),
        ]
    )
    return Message(
        title=A.REVIEW_OWNER_TITLE.format(account=account_label(account)),
        text=A.REVIEW_OWNER_TEXT.format(
            account=account_label(account),
            change=cmd(CHANGE_COMMAND),
            escalated=_escalation_day(core, review),
        ),
        facts=_facts(session, account),
        buttons=buttons,
        footer=footer,
        actors=[account.owner_id],
    )


def manager_message(
    session: Session, core: Core, account: Account, review: AccountReview, footer: str | None = None
) -> Message:
    buttons = (
        []
        if footer
        else [
            Button(
                label=A.REVIEW_MANAGER_BUTTON,
                action=names.REVIEW_MANAGER_OK,
                value=str(review.id),
                style="primary",
            )
        ]
    )
    return Message(
        title=A.REVIEW_MANAGER_TITLE.format(account=account_label(account)),
        text=A.REVIEW_MANAGER_TEXT.format(
            account=account_label(account), escalated=_escalation_day(core, review)
        ),
        facts=_facts(session, account),
        buttons=buttons,
        footer=footer,
        actors=[account.manager_id],
    )


def _chase(
    session: Session, core: Core, account: Account, review: AccountReview, today: date
) -> None:
    """A reminder to whoever has not answered, then an escalation to the communicators."""
    days = core.calendar.working_days_between(core.calendar.local_date(review.asked_at), today)
    rules = core.guideline.rules
    waiting = _waiting(session, core, account, review)
    if days >= rules.opening_reminder_after_working_days:
        for person_id, message in waiting:
            reminder = message.model_copy(
                update={"title": A.REVIEW_REMIND_TITLE.format(account=account_label(account))}
            )
            enqueue_to_person(
                session, core, f"review:{review.id}:reminder:{person_id}", person_id, reminder
            )
    if days >= rules.opening_escalation_after_working_days and waiting:
        who = []
        if review.owner_confirmed_at is None:
            who.append(A.REVIEW_WAITING_OWNER.format(name=name_of(session, account.owner_id)))
        if review.manager_confirmed_at is None:
            who.append(A.REVIEW_WAITING_MANAGER.format(name=name_of(session, account.manager_id)))
        escalate(
            session,
            core,
            key=stall_key(review),
            kind="review-stalled",
            summary=A.REVIEW_STALLED.format(
                account=account_label(account), days=days, waiting=" och ".join(who)
            ),
            account_id=account.id,
        )


def _waiting(
    session: Session, core: Core, account: Account, review: AccountReview
) -> list[tuple[int, Message]]:
    """Who has not answered yet, with the message they were asked with."""
    waiting: list[tuple[int, Message]] = []
    if review.owner_confirmed_at is None:
        waiting.append((account.owner_id, owner_message(session, core, account, review)))
    if review.manager_confirmed_at is None:
        waiting.append((account.manager_id, manager_message(session, core, account, review)))
    return waiting


def _review(ctx: Context, value: str) -> tuple[AccountReview | None, Account | None, Reply]:
    review = ctx.session.get(AccountReview, int(value)) if value.isdigit() else None
    account = load_account(ctx.session, review.account_id) if review is not None else None
    if review is None or account is None:
        return None, None, Reply(notice=A.REVIEW_UNKNOWN)
    return review, account, Reply()


@verbs.action(names.REVIEW_OK)
def owner_confirms(ctx: Context, value: str) -> Reply:
    return _confirm(ctx, value, "owner")


@verbs.action(names.REVIEW_MANAGER_OK)
def manager_confirms(ctx: Context, value: str) -> Reply:
    return _confirm(ctx, value, "manager")


def _confirm(ctx: Context, value: str, role: str) -> Reply:
    """The owner's or the manager's "still right": only that person, once, while live."""
    review, account, refusal = _review(ctx, value)
    if review is None or account is None:
        return refusal
    expected = account.owner_id if role == "owner" else account.manager_id
    if expected != ctx.actor.id:
        return Reply(notice=A.REVIEW_ONLY_OWNER if role == "owner" else A.REVIEW_ONLY_MANAGER)
    if getattr(review, f"{role}_confirmed_at") is not None or review.done_at is not None:
        return Reply(notice=A.REVIEW_ALREADY)
    if account.status not in LIVE_STATUSES or lifecycle.is_closing(account):
        return Reply(notice=A.REVIEW_NOT_LIVE)
    setattr(review, f"{role}_confirmed_at", ctx.now)
    setattr(review, f"{role}_confirmed_by_id", ctx.actor.id)
    key = owner_key(review) if role == "owner" else manager_key(review)
    _answered(ctx, account, review, role, key)
    return Reply(notice=A.REVIEW_OK_NOTICE.format(account=account_label(account)))


@verbs.action(names.REVIEW_CLOSE)
def owner_closes(ctx: Context, value: str) -> Reply:
    """The owner says the account is no longer needed: the closing form, this account chosen."""
    review, account, refusal = _review(ctx, value)
    if review is None or account is None:
        return refusal
    if account.owner_id != ctx.actor.id:
        return Reply(notice=A.REVIEW_ONLY_OWNER)
    if lifecycle.is_closing(account) or account.status not in LIVE_STATUSES:
        return Reply(notice=A.ERROR_CLOSE_STARTED)
    return Reply(form=closing.close_form(closing.closable_accounts(ctx), chosen=account.id))


def _answered(ctx: Context, account: Account, review: AccountReview, who: str, key: str) -> None:
    if review.owner_confirmed_at is not None and review.manager_confirmed_at is not None:
        review.done_at = ctx.now
        resolve(ctx.session, ctx.core, stall_key(review), A.REVIEW_STALL_RESOLVED)
    ctx.session.add(review)
    ctx.audit(
        "accounts.review_confirmed",
        account.id,
        review_id=review.id,
        by=who,
        done=review.done_at is not None,
    )
    footer = A.REVIEW_ANSWERED_FOOTER.format(
        name=name_of(ctx.session, ctx.actor.id), when=lifecycle.when(ctx.core, ctx.now)
    )
    build = owner_message if who == "owner" else manager_message
    enqueue_update(
        ctx.session, ctx.core, key, build(ctx.session, ctx.core, account, review, footer)
    )
