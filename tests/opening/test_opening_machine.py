"""The application's state machine as pure functions: state × event × actor → refusal or next.

No database and no platform: `Facts` is what the machine reads off an account, `Acting` is
who presses. Every event is tried in every state by every kind of person.
"""

from __future__ import annotations

import pytest

from bot import texts
from bot.flows.opening.machine import (
    PENDING_STATES,
    Acting,
    Event,
    Facts,
    State,
    next_state,
    refusal,
    state,
)
from storage.models import AccountStatus, AdminStatus

T = texts.opening

OWNER, MANAGER, COMMUNICATOR, NOMINEE, OUTSIDER = 1, 2, 3, 4, 5


def _facts(status: str = AccountStatus.PENDING, **recorded: bool) -> Facts:
    return Facts(status=status, owner_id=OWNER, manager_id=MANAGER, **recorded)


APPROVED = {"manager_approved": True}
ANCHORED = {**APPROVED, "anchored": True}
REGISTERED = {**ANCHORED, "service_account_registered": True}

# One application in each state, as its recorded steps.
IN_STATE: dict[State, Facts] = {
    State.MANAGER: _facts(),
    State.REVIEW: _facts(**APPROVED),
    State.COMPLETION: _facts(**APPROVED, completion_requested=True),
    State.SERVICE_ACCOUNT: _facts(**ANCHORED),
    State.ADMINS: _facts(**REGISTERED),
    State.ACTIVE: _facts(AccountStatus.ACTIVE, **REGISTERED),
    State.REJECTED: _facts(AccountStatus.REJECTED),
    State.WITHDRAWN: _facts(AccountStatus.WITHDRAWN),
    State.CLOSED: _facts(AccountStatus.CLOSED, **REGISTERED),
}

ACTORS: dict[str, Acting] = {
    "applicant": Acting(OWNER),
    "manager": Acting(MANAGER),
    "communicator": Acting(COMMUNICATOR, is_communicator=True),
    "nominee": Acting(NOMINEE, nomination=AdminStatus.NOMINATED),
    "outsider": Acting(OUTSIDER),
}

# Who may fire each event, and in which states.
MAY_FIRE: dict[Event, tuple[set[str], set[State]]] = {
    Event.APPROVE: ({"manager"}, {State.MANAGER}),
    Event.REJECT: ({"manager"}, {State.MANAGER}),
    Event.ANCHOR: ({"communicator"}, {State.REVIEW}),
    Event.REQUEST_COMPLETION: ({"communicator"}, {State.REVIEW}),
    Event.RESUBMIT: ({"applicant"}, {State.COMPLETION}),
    Event.REGISTER_SERVICE_ACCOUNT: ({"communicator"}, {State.SERVICE_ACCOUNT}),
    Event.WITHDRAW: ({"applicant"}, set(PENDING_STATES)),
    Event.NOMINATE: ({"applicant", "communicator"}, {*PENDING_STATES, State.ACTIVE}),
    Event.ACCEPT: ({"nominee"}, {*PENDING_STATES, State.ACTIVE}),
    Event.DECLINE: ({"nominee"}, {*PENDING_STATES, State.ACTIVE}),
}

# Where a permitted event leads (None: the state stays, only the team changed).
LEADS_TO: dict[Event, State | None] = {
    Event.APPROVE: State.REVIEW,
    Event.REJECT: State.REJECTED,
    Event.ANCHOR: State.SERVICE_ACCOUNT,
    Event.REQUEST_COMPLETION: State.COMPLETION,
    Event.RESUBMIT: State.REVIEW,
    Event.REGISTER_SERVICE_ACCOUNT: State.ADMINS,
    Event.WITHDRAW: State.WITHDRAWN,
    Event.NOMINATE: None,
    Event.ACCEPT: None,
    Event.DECLINE: None,
}

# Here the communicator never owns the application; their own one is tested below.
TABLE = [(s, event, actor) for s in IN_STATE for event in MAY_FIRE for actor in ACTORS]


@pytest.mark.parametrize("expected", list(IN_STATE))
def test_state_is_read_off_the_recorded_steps(expected: State) -> None:
    assert state(IN_STATE[expected]) == expected


@pytest.mark.parametrize(("in_state", "event", "actor"), TABLE)
def test_who_may_fire_what_where_and_where_it_leads(
    in_state: State, event: Event, actor: str
) -> None:
    facts = IN_STATE[in_state]
    actors, states = MAY_FIRE[event]
    allowed = actor in actors and in_state in states
    notice = refusal(event, facts, ACTORS[actor])
    assert (notice is None) == allowed, notice
    if allowed:
        assert next_state(event, facts) == (LEADS_TO[event] or in_state)


NOT_PENDING = {
    s: T.NOT_PENDING.format(outcome=T.OUTCOME[s.value])
    for s in (State.ACTIVE, State.REJECTED, State.WITHDRAWN, State.CLOSED)
}

# The refusal a person sees, by why they may not: first who they are, then the state.
REFUSALS = [
    (State.MANAGER, Event.APPROVE, "applicant", T.ONLY_MANAGER),
    (State.MANAGER, Event.APPROVE, "communicator", T.ONLY_MANAGER),
    (State.REVIEW, Event.APPROVE, "manager", T.MANAGER_ALREADY_DECIDED),
    (State.ACTIVE, Event.REJECT, "manager", T.MANAGER_ALREADY_DECIDED),
    (State.REJECTED, Event.APPROVE, "manager", T.MANAGER_ALREADY_DECIDED),
    (State.WITHDRAWN, Event.APPROVE, "manager", NOT_PENDING[State.WITHDRAWN]),
    (State.REVIEW, Event.ANCHOR, "manager", texts.common.COMMUNICATORS_ONLY),
    (State.REVIEW, Event.ANCHOR, "outsider", texts.common.COMMUNICATORS_ONLY),
    (State.MANAGER, Event.ANCHOR, "communicator", T.NOT_YET_APPROVED),
    (State.COMPLETION, Event.ANCHOR, "communicator", T.COMPLETION_PENDING),
    (State.SERVICE_ACCOUNT, Event.REQUEST_COMPLETION, "communicator", T.ALREADY_ANCHORED),
    (State.WITHDRAWN, Event.ANCHOR, "communicator", NOT_PENDING[State.WITHDRAWN]),
    (State.REVIEW, Event.REGISTER_SERVICE_ACCOUNT, "communicator", T.NOT_YET_ANCHORED),
    (State.ADMINS, Event.REGISTER_SERVICE_ACCOUNT, "communicator", T.SERVICE_ACCOUNT_DONE),
    (State.ACTIVE, Event.REGISTER_SERVICE_ACCOUNT, "communicator", NOT_PENDING[State.ACTIVE]),
    (State.REVIEW, Event.RESUBMIT, "applicant", T.NO_COMPLETION_REQUESTED),
    (State.COMPLETION, Event.RESUBMIT, "communicator", T.ONLY_APPLICANT),
    (State.REJECTED, Event.RESUBMIT, "applicant", NOT_PENDING[State.REJECTED]),
    (State.MANAGER, Event.WITHDRAW, "manager", T.ONLY_APPLICANT),
    (State.ACTIVE, Event.WITHDRAW, "applicant", NOT_PENDING[State.ACTIVE]),
    (State.MANAGER, Event.NOMINATE, "outsider", T.ONLY_APPLICANT_OR_COMMUNICATOR),
    (State.CLOSED, Event.NOMINATE, "applicant", NOT_PENDING[State.CLOSED]),
    (State.MANAGER, Event.ACCEPT, "outsider", T.ONLY_NOMINEE),
    (State.REJECTED, Event.DECLINE, "nominee", NOT_PENDING[State.REJECTED]),
]


@pytest.mark.parametrize(("in_state", "event", "actor", "expected"), REFUSALS)
def test_each_refusal_says_why(in_state: State, event: Event, actor: str, expected: str) -> None:
    assert refusal(event, IN_STATE[in_state], ACTORS[actor]) == expected


@pytest.mark.parametrize("event", [Event.ANCHOR, Event.REQUEST_COMPLETION])
def test_a_communicator_never_reviews_their_own_application(event: Event) -> None:
    own = Acting(OWNER, is_communicator=True)
    assert refusal(event, IN_STATE[State.REVIEW], own) == T.OWN_APPLICATION


@pytest.mark.parametrize(
    ("nomination", "expected"),
    [
        (None, T.ONLY_NOMINEE),  # the button names someone else
        (AdminStatus.REMOVED, T.ONLY_NOMINEE),
        (AdminStatus.ACCEPTED, T.NOMINATION_ALREADY_ANSWERED),
        (AdminStatus.DECLINED, T.NOMINATION_ALREADY_ANSWERED),
        (AdminStatus.NOMINATED, None),
    ],
)
def test_only_an_open_nomination_is_answered(nomination: str | None, expected: str | None) -> None:
    acting = Acting(NOMINEE, nomination=nomination)
    for event in (Event.ACCEPT, Event.DECLINE):
        assert refusal(event, IN_STATE[State.REVIEW], acting) == expected
