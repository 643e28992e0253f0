"""Driving the opening flow the way people do in Slack: commands, modals, buttons."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import select

from storage.models import Account, AccountStatus, AuditEntry
from tests.fakes.slack_api import FakeSlackApi
from tests.support.harness import COMMUNICATORS_CHANNEL, Harness
from tests.support.slack_messages import buttons as buttons
from tests.support.slack_messages import channel_posts as channel_posts
from tests.support.slack_messages import dms as dms

APPLICANT = "UANNA"
MANAGER = "UKARIN"
BO = "UBO"
CILLA = "UCILLA"
DAVID = "UDAVID"
COMMUNICATOR = "UKOMM"
OUTSIDER = "UOLLE"

NAMES = {
    APPLICANT: "Anna Andersson",
    MANAGER: "Karin Chef",
    BO: "Bo Berg",
    CILLA: "Cilla Ceder",
    DAVID: "David Dahl",
    COMMUNICATOR: "Kim Kommunikatör",
    OUTSIDER: "Olle Utomstående",
}

ALL_DUTIES = ["daily", "reply", "comment_rules", "sender", "confidential", "gdpr"]


def add_people(fake: FakeSlackApi) -> None:
    for user_id, name in NAMES.items():
        fake.add_user(user_id, name)
    fake.channel_members[COMMUNICATORS_CHANNEL] = [COMMUNICATOR]


def answers(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "platform": "instagram",
        "platform_other": "",
        "name": "Forshaga bibliotek",
        "unit": "Kultur och fritid, biblioteket",
        "purpose": "Boktips, evenemang och öppettider för bibliotekets besökare.",
        "audience": "Invånare i alla åldrar, särskilt barnfamiljer.",
        "resources": "Anna och Bo, cirka 3 timmar i veckan.",
        "manager": MANAGER,
        "co_admins": [BO],
        "duties": list(ALL_DUTIES),
    }
    values.update(overrides)
    return values


def fill(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """`view.state.values` as Slack builds it from the modal's input blocks."""
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        element = block["element"]
        value = values.get(block["block_id"])
        kind = element["type"]
        if kind == "plain_text_input":
            entry: dict[str, Any] = {"type": kind, "value": value or None}
        elif kind == "static_select":
            options = {o["value"]: o for o in element["options"]}
            entry = {"type": kind, "selected_option": options.get(value)}
        elif kind == "checkboxes":
            options = {o["value"]: o for o in element["options"]}
            entry = {"type": kind, "selected_options": [options[v] for v in value or []]}
        elif kind == "users_select":
            entry = {"type": kind, "selected_user": value or None}
        elif kind == "multi_users_select":
            entry = {"type": kind, "selected_users": list(value or [])}
        elif kind == "datepicker":
            entry = {"type": kind, "selected_date": value or None}
        else:
            raise AssertionError(f"unexpected element {kind}")
        state[block["block_id"]] = {element["action_id"]: entry}
    return state


def last_view(fake: FakeSlackApi) -> dict[str, Any]:
    return fake.calls_to("views.open")[-1].args["view"]


def prefilled(view: dict[str, Any]) -> dict[str, Any]:
    """What a modal shows when it opens: its initial values, as answers for `fill`."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        element = block["element"]
        if "initial_value" in element:
            values[block["block_id"]] = element["initial_value"]
        elif "initial_option" in element:
            values[block["block_id"]] = element["initial_option"]["value"]
        elif "initial_options" in element:
            values[block["block_id"]] = [o["value"] for o in element["initial_options"]]
        elif "initial_user" in element:
            values[block["block_id"]] = element["initial_user"]
        elif "initial_users" in element:
            values[block["block_id"]] = element["initial_users"]
    return values


async def apply(bot: Harness, fake: FakeSlackApi, user: str = APPLICANT, **overrides: Any):
    """`/nytt-konto`, then submit the modal that opened. Returns (status, parsed body)."""
    status, _ = await bot.slack.command(user, "/nytt-konto")
    assert status == 200
    view = last_view(fake)
    return await submit(bot, user, view, answers(**overrides))


async def submit(bot: Harness, user: str, view: dict[str, Any], values: dict[str, Any]):
    status, body = await bot.slack.submit(user, view, fill(view, values))
    return status, (json.loads(body) if body else {})


def button(message: dict[str, Any], action: str) -> dict[str, Any]:
    found = [b for b in buttons(message) if b["action_id"].split("|")[0] == action]
    assert found, f"no {action} button in {[b['action_id'] for b in buttons(message)]}"
    return found[0]


def find(messages: list[dict[str, Any]], action: str) -> dict[str, Any]:
    """The latest message that carries a button for `action`."""
    for message in reversed(messages):
        if any(b["action_id"].split("|")[0] == action for b in buttons(message)):
            return message
    raise AssertionError(f"no message with {action}")


async def press(bot: Harness, user: str, message: dict[str, Any], action: str) -> str:
    """Press a button on a message; returns the notice the presser saw (ephemeral)."""
    element = button(message, action)
    calls_before = len(bot.fake_slack.calls)
    status, _ = await bot.slack.press(
        user, element["action_id"], element["value"], channel=message["channel"]
    )
    assert status == 200
    return _notice_since(bot, calls_before, user)


async def approve_and_accept(bot: Harness, fake: FakeSlackApi) -> None:
    """The manager approves the sent application and Bo accepts his nomination."""
    await press(bot, MANAGER, find(dms(fake, MANAGER), "opening.approve"), "opening.approve")
    await press(bot, BO, find(dms(fake, BO), "opening.accept"), "opening.accept")
    await bot.dispatch()


async def open_service_account_form(bot: Harness, fake: FakeSlackApi) -> dict[str, Any]:
    """The communicator anchors the application and opens the service-account form."""
    await press(bot, COMMUNICATOR, find(channel_posts(fake), "opening.anchor"), "opening.anchor")
    await bot.dispatch()
    card = find(updates_in(fake, "CKOMM"), "opening.register-service-account")
    await press(bot, COMMUNICATOR, card, "opening.register-service-account")
    return last_view(fake)


async def open_account(bot: Harness, fake: FakeSlackApi, **service_account: Any) -> None:
    """Anna applies with Bo; Karin approves, Bo accepts, Kim anchors and registers."""
    add_people(fake)
    await apply(bot, fake)
    await bot.dispatch()
    await approve_and_accept(bot, fake)
    form = await open_service_account_form(bot, fake)
    values = {
        "url": "https://www.instagram.com/forshagabibliotek",
        "credentials": ["received"],
        **service_account,
    }
    status, _ = await bot.slack.submit(COMMUNICATOR, form, fill(form, values))
    assert status == 200
    assert account(bot).status == AccountStatus.ACTIVE
    await bot.dispatch()


def _notice_since(bot: Harness, index: int, user: str) -> str:
    for call in bot.fake_slack.calls[index:]:
        if call.method == "chat.postEphemeral" and call.args.get("user") == user:
            return str(call.args.get("text", ""))
    return ""


def notices(fake: FakeSlackApi, user: str) -> list[str]:
    return [
        str(c.args.get("text"))
        for c in fake.calls_to("chat.postEphemeral")
        if c.args.get("user") == user
    ]


def updates_in(fake: FakeSlackApi, channel: str) -> list[dict[str, Any]]:
    return [c.args for c in fake.calls_to("chat.update") if c.args.get("channel") == channel]


def text_of(message: dict[str, Any]) -> str:
    return json.dumps(message.get("blocks") or [], ensure_ascii=False) + str(message.get("text"))


def account(bot: Harness) -> Account:
    with bot.core.session() as session:
        found = session.exec(select(Account)).all()
    assert len(found) == 1
    return found[0]


def audit_actions(bot: Harness) -> list[str]:
    with bot.core.session() as session:
        return [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]


def snapshot(bot: Harness) -> tuple[Any, ...]:
    """Everything a refused press must leave alone."""
    with bot.core.session() as session:
        from storage.models import AccountAdmin, OutboxMessage

        accounts = [a.model_dump() for a in session.exec(select(Account)).all()]
        admins = [a.model_dump() for a in session.exec(select(AccountAdmin)).all()]
        # The refusal itself may be a DM through the outbox (an answer, not a change).
        outbox = len(
            session.exec(
                select(OutboxMessage).where(~OutboxMessage.key.startswith("slack-answer:"))  # type: ignore[attr-defined]
            ).all()
        )
        audit = len(session.exec(select(AuditEntry)).all())
    return accounts, admins, outbox, audit
