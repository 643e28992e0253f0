"""The application as a state machine: its states, the events that move it, who may fire each.

An application's state is never stored: it is read off the account's recorded steps
(`state`), so a row written by any version of the bot has one. Each transition declares,
once, who may fire it, what must hold first (its guard, a pure function returning the
refusal to show or None), where it leads, what it records in the audit log and which
person's request card it changes. `pending_steps` is the one answer to "what is this
application waiting for, and from whom"; the cards, the listings and the reminders use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot import texts as t
from bot.core import Core
from bot.flows.opening.common import T, accepted_count, admins
from storage.models import Account, AccountStatus, AdminStatus


class State(StrEnum):
    MANAGER = "manager"  # waiting for the närmaste chef (rule 1)
    REVIEW = "review"  # waiting for a communicator to anchor (rule 2)
    COMPLETION = "completion"  # a communicator asked the applicant for more
    SERVICE_ACCOUNT = "service-account"  # waiting for the service account (rule 3)
    ADMINS = "admins"  # rules 1–3 recorded; waiting for enough accepted admins (rule 4)
    ACTIVE = "active"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


PENDING_STATES = frozenset(
    {State.MANAGER, State.REVIEW, State.COMPLETION, State.SERVICE_ACCOUNT, State.ADMINS}
)


class Event(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    ANCHOR = "anchor"
    REQUEST_COMPLETION = "request-completion"
    RESUBMIT = "resubmit"
    REGISTER_SERVICE_ACCOUNT = "register-service-account"
    WITHDRAW = "withdraw"
    NOMINATE = "nominate"
    ACCEPT = "accept"
    DECLINE = "decline"
    ACTIVATE = "activate"  # fired by the bot itself after any step that completes rules 1–4


class Role(StrEnum):
    """Who may fire an event."""

    ANYONE = "anyone"
    MANAGER = "manager"  # the account's named manager
    NOMINEE = "nominee"  # the co-admin named on the button
    COMMUNICATOR = "communicator"  # a communicator, never on their own application
    APPLICANT = "applicant"
    APPLICANT_OR_COMMUNICATOR = "applicant-or-communicator"
    BOT = "bot"


class Card(StrEnum):
    """A card a transition sends or changes. The two status cards (receipt, review) are
    edited after every step; naming them here means the transition may also send them."""

    MANAGER_REQUEST = "manager-request"  # the current manager's card
    UNDECIDED_MANAGER_REQUEST = "undecided-manager-request"  # …unless they have approved
    NOMINATION = "nomination"  # the answering nominee's card
    OPEN_REQUESTS = "open-requests"  # every card still asking for a decision
    RECEIPT = "receipt"  # the applicant's card
    REVIEW = "review"  # the communicators' card for this revision


STATUS_CARDS = frozenset({Card.RECEIPT, Card.REVIEW})


@dataclass(frozen=True)
class Facts:
    """What the machine reads off an account: its recorded steps, and who holds which role."""

    status: str
    owner_id: int
    manager_id: int
    manager_approved: bool = False
    anchored: bool = False
    completion_requested: bool = False
    service_account_registered: bool = False
    # Registered as an existing account: active at once, the manager confirms afterwards.
    registered: bool = False

    @classmethod
    def of(cls, account: Account) -> Facts:
        return cls(
            status=account.status,
            owner_id=account.owner_id,
            manager_id=account.manager_id,
            manager_approved=account.manager_approved_at is not None,
            anchored=account.anchored_at is not None,
            completion_requested=bool(account.completion_request),
            service_account_registered=account.credentials_confirmed_at is not None,
            registered=account.registered_at is not None,
        )


@dataclass(frozen=True)
class Acting:
    """Who fires an event. `nomination` is the status of the nomination the button names,
    when it names the acting person; None when it names someone else or nothing."""

    person_id: int
    is_communicator: bool = False
    nomination: str | None = None


def state(facts: Facts) -> State:
    """Where the application stands; a pending one by the first of rules 1–3 not recorded."""
    if facts.status != AccountStatus.PENDING:
        return State(facts.status)
    if not facts.manager_approved:
        return State.MANAGER
    if not facts.anchored:
        return State.COMPLETION if facts.completion_requested else State.REVIEW
    if not facts.service_account_registered:
        return State.SERVICE_ACCOUNT
    return State.ADMINS


Guard = Callable[[Facts, Acting], str | None]


@dataclass(frozen=True)
class Transition:
    event: Event
    by: Role
    guard: Guard
    to: State | None  # None: the state stays (the step changes the team, not the line)
    records: str  # the audit action, `opening.<records>`
    cards: tuple[Card, ...] = ()


def _status_refusal(status: str) -> str:
    return T.NOT_PENDING.format(outcome=T.OUTCOME.get(status, status))


def _pending(facts: Facts) -> str | None:
    return None if facts.status == AccountStatus.PENDING else _status_refusal(facts.status)


def _open_for_answers(facts: Facts) -> str | None:
    # A third admin is welcome on an active account.
    if facts.status in (AccountStatus.PENDING, AccountStatus.ACTIVE):
        return None
    return _status_refusal(facts.status)


def role_refusal(role: Role, facts: Facts, acting: Acting) -> str | None:
    """Why this person may not fire an event for this role; None when they may."""
    match role:
        case Role.MANAGER if acting.person_id != facts.manager_id:
            return T.ONLY_MANAGER
        case Role.NOMINEE if acting.nomination in (None, AdminStatus.REMOVED):
            return T.ONLY_NOMINEE
        case Role.COMMUNICATOR if not acting.is_communicator:
            return t.common.COMMUNICATORS_ONLY
        case Role.COMMUNICATOR if acting.person_id == facts.owner_id:
            # The guideline wants the application anchored *with* a communicator.
            return T.OWN_APPLICATION
        case Role.APPLICANT if acting.person_id != facts.owner_id:
            return T.ONLY_APPLICANT
        case Role.APPLICANT_OR_COMMUNICATOR if (
            acting.person_id != facts.owner_id and not acting.is_communicator
        ):
            return T.ONLY_APPLICANT_OR_COMMUNICATOR
    return None


def _undecided(facts: Facts, acting: Acting) -> str | None:
    if facts.manager_approved or facts.status == AccountStatus.REJECTED:
        return T.MANAGER_ALREADY_DECIDED
    return _pending(facts)


def _unconfirmed(facts: Facts, acting: Acting) -> str | None:
    # A registered account is active already; its manager still confirms it.
    if facts.registered and facts.status == AccountStatus.ACTIVE and not facts.manager_approved:
        return None
    return _undecided(facts, acting)


def _reviewable(facts: Facts, acting: Acting) -> str | None:
    if refusal := _pending(facts):
        return refusal
    if not facts.manager_approved:
        return T.NOT_YET_APPROVED
    if facts.anchored:
        return T.ALREADY_ANCHORED
    if facts.completion_requested:
        return T.COMPLETION_PENDING
    return None


def _registrable(facts: Facts, acting: Acting) -> str | None:
    if refusal := _pending(facts):
        return refusal
    if not facts.anchored:
        return T.NOT_YET_ANCHORED
    if facts.service_account_registered:
        return T.SERVICE_ACCOUNT_DONE
    return None


def _completion_asked(facts: Facts, acting: Acting) -> str | None:
    if refusal := _pending(facts):
        return refusal
    return None if facts.completion_requested else T.NO_COMPLETION_REQUESTED


def _withdrawable(facts: Facts, acting: Acting) -> str | None:
    return _pending(facts)


def _unanswered(facts: Facts, acting: Acting) -> str | None:
    if acting.nomination != AdminStatus.NOMINATED:
        return T.NOMINATION_ALREADY_ANSWERED
    return _open_for_answers(facts)


def _team_open(facts: Facts, acting: Acting) -> str | None:
    return _open_for_answers(facts)


def _always(facts: Facts, acting: Acting) -> str | None:
    return None


def _complete_so_far(facts: Facts, acting: Acting) -> str | None:
    # Enough accepted admins is checked by `is_complete`: it needs the team, not the facts.
    return None if state(facts) == State.ADMINS else _status_refusal(facts.status)


_TRANSITIONS = [
    Transition(
        Event.SUBMIT,
        Role.ANYONE,
        _always,
        State.MANAGER,
        "submitted",
        (Card.MANAGER_REQUEST, Card.RECEIPT),
    ),
    Transition(
        Event.APPROVE,
        Role.MANAGER,
        _unconfirmed,
        State.REVIEW,  # for a registered account the state stays ACTIVE
        "manager_approved",
        (Card.MANAGER_REQUEST, Card.REVIEW),
    ),
    Transition(
        Event.REJECT,
        Role.MANAGER,
        _undecided,
        State.REJECTED,
        "manager_rejected",
        (Card.OPEN_REQUESTS,),
    ),
    Transition(Event.ANCHOR, Role.COMMUNICATOR, _reviewable, State.SERVICE_ACCOUNT, "anchored"),
    Transition(
        Event.REQUEST_COMPLETION,
        Role.COMMUNICATOR,
        _reviewable,
        State.COMPLETION,
        "completion_requested",
    ),
    # Back to review; a new manager named in the edit makes it MANAGER again.
    Transition(
        Event.RESUBMIT,
        Role.APPLICANT,
        _completion_asked,
        State.REVIEW,
        "resubmitted",
        (Card.UNDECIDED_MANAGER_REQUEST, Card.REVIEW),
    ),
    Transition(
        Event.REGISTER_SERVICE_ACCOUNT,
        Role.COMMUNICATOR,
        _registrable,
        State.ADMINS,
        "service_account_registered",
    ),
    Transition(
        Event.WITHDRAW,
        Role.APPLICANT,
        _withdrawable,
        State.WITHDRAWN,
        "withdrawn",
        (Card.OPEN_REQUESTS,),
    ),
    Transition(Event.NOMINATE, Role.APPLICANT_OR_COMMUNICATOR, _team_open, None, "nominated"),
    Transition(Event.ACCEPT, Role.NOMINEE, _unanswered, None, "admin_accepted", (Card.NOMINATION,)),
    Transition(
        Event.DECLINE, Role.NOMINEE, _unanswered, None, "admin_declined", (Card.NOMINATION,)
    ),
    Transition(Event.ACTIVATE, Role.BOT, _complete_so_far, State.ACTIVE, "activated"),
]
TRANSITIONS: dict[Event, Transition] = {tr.event: tr for tr in _TRANSITIONS}


def refusal(event: Event, facts: Facts, acting: Acting) -> str | None:
    """Why `acting` may not fire `event` now (the notice to show); None when they may."""
    transition = TRANSITIONS[event]
    return role_refusal(transition.by, facts, acting) or transition.guard(facts, acting)


def next_state(event: Event, facts: Facts) -> State:
    """Where firing `event` leads (the state before, for events that change only the team)."""
    return TRANSITIONS[event].to or state(facts)


class Waiting(StrEnum):
    """What a pending application can be waiting for."""

    MANAGER = "manager"
    COMPLETION = "completion"
    REVIEW = "review"
    SERVICE_ACCOUNT = "service-account"
    NOMINEE = "nominee"
    MORE_ADMINS = "more-admins"


@dataclass(frozen=True)
class PendingStep:
    """One step an application waits for. `person_id` is who has to act; None means the
    communicators. `since` is when the wait began, `asked_by` who asked a nominee, and
    `missing` how many more admins are wanted."""

    kind: Waiting
    person_id: int | None = None
    since: datetime | None = None
    asked_by: int | None = None
    missing: int = 0


# The main line's step in each pending state (ADMINS waits only for the team).
_MAIN_LINE: dict[State, Waiting] = {
    State.MANAGER: Waiting.MANAGER,
    State.COMPLETION: Waiting.COMPLETION,
    State.REVIEW: Waiting.REVIEW,
    State.SERVICE_ACCOUNT: Waiting.SERVICE_ACCOUNT,
}


def main_line_step(account: Account) -> PendingStep | None:
    """The step of rules 1–3 the application waits for, if any."""
    kind = _MAIN_LINE.get(state(Facts.of(account)))
    match kind:
        case Waiting.MANAGER:
            return PendingStep(kind, account.manager_id, account.submitted_at)
        case Waiting.COMPLETION:
            return PendingStep(kind, account.owner_id, account.completion_requested_at)
        case Waiting.REVIEW:
            return PendingStep(kind, None, account.manager_approved_at)
        case Waiting.SERVICE_ACCOUNT:
            return PendingStep(kind, None, account.anchored_at)
    return None


def registration_steps(session: Session, account: Account) -> list[PendingStep]:
    """What a registered (already active) account still waits for: the manager's
    confirmation and the named admins' answers."""
    assert account.id is not None
    steps: list[PendingStep] = []
    if account.manager_approved_at is None:
        steps.append(PendingStep(Waiting.MANAGER, account.manager_id, account.registered_at))
    steps += [
        PendingStep(
            Waiting.NOMINEE, a.person_id, a.nominated_at, a.nominated_by_id or account.owner_id
        )
        for a in admins(session, account.id, AdminStatus.NOMINATED)
    ]
    return steps


def pending_steps(session: Session, core: Core, account: Account) -> list[PendingStep]:
    """What the application waits for, and from whom, in the order it is shown.
    Empty unless pending (or registered and still missing a step)."""
    if account.registered_at is not None and account.status == AccountStatus.ACTIVE:
        return registration_steps(session, account)
    if account.status != AccountStatus.PENDING:
        return []
    assert account.id is not None
    steps: list[PendingStep] = []
    if (step := main_line_step(account)) is not None:
        steps.append(step)
    nominated = admins(session, account.id, AdminStatus.NOMINATED)
    steps += [
        PendingStep(
            Waiting.NOMINEE, a.person_id, a.nominated_at, a.nominated_by_id or account.owner_id
        )
        for a in nominated
    ]
    missing = core.guideline.rules.min_admins - accepted_count(session, account.id) - len(nominated)
    if missing > 0:
        steps.append(PendingStep(Waiting.MORE_ADMINS, missing=missing))
    return steps


def communicators_step(account: Account) -> Waiting | None:
    """The communicators' next step on an application: REVIEW, SERVICE_ACCOUNT or None."""
    step = main_line_step(account)
    return step.kind if step is not None and step.person_id is None else None


def is_complete(session: Session, core: Core, account: Account) -> bool:
    """Rules 1–4 recorded: manager, anchoring, service account, enough accepted admins."""
    assert account.id is not None
    facts = Facts.of(account)
    return (
        facts.manager_approved
        and facts.anchored
        and facts.service_account_registered
        and accepted_count(session, account.id) >= core.guideline.rules.min_admins
    )
