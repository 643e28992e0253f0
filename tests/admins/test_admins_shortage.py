"""Fewer than two present admins: the owner (or manager) is asked, the communicators told."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlmodel import select

from bot.people import find_by_identity
from storage.models import (
    AccountAdmin,
    AdminShortage,
    AdminStatus,
    AuditEntry,
    Escalation,
    EscalationStatus,
    Person,
)
from tests.conftest import STOCKHOLM
from tests.support.docs_support import (
    bot_fixture,
    button,
    buttons,
    channel_posts,
    communicator,
    dms,
    everything,
    library_team,
    person,
)
from tests.support.slack_requests import checkboxes_value, select_value, users_value

# Recent enough that no documentation is due in these tests.
ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)


bot = bot_fixture()


@pytest.fixture
def library(bot) -> dict[str, int]:  # type: ignore[no-untyped-def]
    team = library_team(bot, ACTIVATED)
    communicator(bot)
    return team


def user_change(user: str, *, deleted: bool) -> dict:
    return {
        "type": "user_change",
        "user": {"id": user, "deleted": deleted, "real_name": "x", "profile": {}},
        "event_ts": "1700000000.000100",
    }


def escalations(fake_slack) -> list[dict]:  # type: ignore[no-untyped-def]
    return [m for m in channel_posts(fake_slack) if m["text"].startswith("Eskalering")]


async def test_an_admin_leaving_asks_the_owner_and_tells_the_communicators(
    bot, fake_slack, library
) -> None:
    status, _ = await bot.slack.event(user_change("U2", deleted=True))
    assert status == 200
    await bot.dispatch()
    with bot.core.session() as session:
        assert session.get(Person, library["bertil"]).departed_at == bot.core.now()
    [ask] = dms(fake_slack, "U1")
    assert "Forshaga bibliotek" in ask["text"] and "1 administratör" in everything(ask)
    assert button(ask, "Nominera administratör")["value"] == str(library["account"])
    [posted] = escalations(fake_slack)
    assert "bara 1 administratör(er) kvar" in posted["text"]
    assert "Anna Andersson" in str(posted["blocks"])  # who is left, and who was asked
    assert dms(fake_slack, "UCHEF") == [] and dms(fake_slack, "U2") == []

    # The same news again, and the sweep: nothing new.
    await bot.slack.event(user_change("U2", deleted=True))
    await bot.tick(datetime(2026, 12, 1, 9, 30, tzinfo=STOCKHOLM))
    assert len(dms(fake_slack, "U1")) == 1 and len(escalations(fake_slack)) == 1


async def test_when_the_owner_leaves_the_manager_is_asked(bot, fake_slack, library) -> None:
    await bot.slack.event(user_change("U1", deleted=True))
    await bot.dispatch()
    assert dms(fake_slack, "U1") == []
    [ask] = dms(fake_slack, "UCHEF")
    assert "Nominera administratör" in str(ask["blocks"])
    assert "Cecilia Chef" in str(escalations(fake_slack)[0]["blocks"])


async def test_unknown_users_and_profile_edits_change_nothing(bot, fake_slack, library) -> None:
    await bot.slack.event(user_change("USTRANGER", deleted=True))
    await bot.slack.event(user_change("U2", deleted=False))
    await bot.dispatch()
    assert fake_slack.calls_to("chat.postMessage") == []
    with bot.core.session() as session:
        assert find_by_identity(session, "slack", "USTRANGER") is None


async def test_step_down_with_a_confirmation(bot, fake_slack, library) -> None:
    await bot.slack.command("U2", "/avga")
    view = fake_slack.calls_to("views.open")[-1].args["view"]
    assert view["callback_id"] == "admins.step_down"
    account = select_value(str(library["account"]))

    status, body = await bot.slack.submit(
        "U2", view, {"account": account, "confirm": checkboxes_value([])}
    )
    assert status == 200 and "confirm" in body
    await bot.dispatch()
    assert dms(fake_slack, "U1") == []

    await bot.slack.submit(
        "U2", view, {"account": account, "confirm": checkboxes_value(["confirm"])}
    )
    await bot.dispatch()
    with bot.core.session() as session:
        row = session.exec(
            select(AccountAdmin).where(AccountAdmin.person_id == library["bertil"])
        ).one()
        assert row.status == AdminStatus.REMOVED
        actions = session.exec(select(AuditEntry.action)).all()
    assert "admin.stepped_down" in actions
    assert "inte längre administratör" in fake_slack.calls_to("chat.postMessage")[0].args["text"]
    assert len(dms(fake_slack, "U1")) == 1 and len(escalations(fake_slack)) == 1


async def test_only_admins_can_step_down(bot, fake_slack, library) -> None:
    person(bot, "UX", "Olle Obehörig")
    _, body = await bot.slack.command("UX", "/avga")
    assert "inte administratör" in body
    await bot.slack.press("UX", "admins.step_down|0", str(library["account"]), channel="DUX")
    assert fake_slack.calls_to("views.open") == []
    # A forged submission for someone else's account is refused inline, nothing changes.
    view = {"callback_id": "admins.step_down", "private_metadata": ""}
    state = {
        "account": select_value(str(library["account"])),
        "confirm": checkboxes_value(["confirm"]),
    }
    _, body = await bot.slack.submit("UX", view, state)
    assert "account" in body
    with bot.core.session() as session:
        assert session.exec(select(AdminShortage)).all() == []


async def test_nominating_a_replacement_ends_the_shortage(bot, fake_slack, library) -> None:
    person(bot, "U3", "David Dahl")
    person(bot, "UX", "Olle Obehörig")
    await bot.slack.event(user_change("U2", deleted=True))
    await bot.dispatch()
    nominate = button(dms(fake_slack, "U1")[0], "Nominera administratör")

    await bot.slack.press("UX", nominate["action_id"], nominate["value"], channel="DUX")
    assert "Bara kontots ägare" in fake_slack.calls_to("chat.postEphemeral")[-1].args["text"]
    assert fake_slack.calls_to("views.open") == []

    await bot.slack.press("U1", nominate["action_id"], nominate["value"], channel="DU1")
    view = fake_slack.calls_to("views.open")[-1].args["view"]
    _, body = await bot.slack.submit("U1", view, {"admins": users_value(["U1"])})
    assert "redan administratör" in json.loads(body)["errors"]["admins"]
    _, body = await bot.slack.submit("U1", view, {"admins": users_value(["U2"])})
    assert "finns inte längre" in json.loads(body)["errors"]["admins"]
    await bot.slack.submit("U1", view, {"admins": users_value(["U3"])})
    await bot.dispatch()
    [question] = dms(fake_slack, "U3")
    accept = button(question, "Acceptera")

    await bot.slack.press("UX", accept["action_id"], accept["value"], channel="DUX")
    assert "Bara den som nominerades" in fake_slack.calls_to("chat.postEphemeral")[-1].args["text"]
    await bot.slack.press("U3", accept["action_id"], accept["value"], channel="DU3")
    await bot.slack.press("U3", accept["action_id"], accept["value"], channel="DU3")
    assert "redan besvarad" in fake_slack.calls_to("chat.postEphemeral")[-1].args["text"]
    # The next tick finds the account back at two admins.
    await bot.tick(datetime(2026, 12, 1, 9, 10, tzinfo=STOCKHOLM))
    with bot.core.session() as session:
        shortage = session.exec(select(AdminShortage)).one()
        escalation = session.exec(
            select(Escalation).where(Escalation.kind == "too-few-admins")
        ).one()
    assert shortage.ended_at is not None
    assert escalation.status == EscalationStatus.RESOLVED
    updates = [c.args for c in fake_slack.calls_to("chat.update")]
    assert any("2 administratörer igen" in str(u["blocks"]) for u in updates)


async def test_a_declined_nomination_tells_the_owner(bot, fake_slack, library) -> None:
    person(bot, "U3", "David Dahl")
    await bot.slack.event(user_change("U2", deleted=True))
    await bot.dispatch()
    nominate = button(dms(fake_slack, "U1")[0], "Nominera administratör")
    await bot.slack.press("U1", nominate["action_id"], nominate["value"], channel="DU1")
    view = fake_slack.calls_to("views.open")[-1].args["view"]
    await bot.slack.submit("U1", view, {"admins": users_value(["U3"])})
    await bot.dispatch()
    decline = button(dms(fake_slack, "U3")[0], "Avböj")
    await bot.slack.press("U3", decline["action_id"], decline["value"], channel="DU3")
    await bot.dispatch()
    told = dms(fake_slack, "U1")[-1]
    assert "David Dahl" in everything(told)
    assert [b["action_id"].split("|")[0] for b in buttons(told)] == ["opening.renominate"]
    with bot.core.session() as session:
        assert session.exec(select(AdminShortage)).one().ended_at is None


async def test_the_sweep_catches_a_departure_recorded_before_a_crash(
    bot, fake_slack, library
) -> None:
    # The departure was stored, but the process died before anything else happened.
    with bot.core.session() as session:
        row = session.get(Person, library["bertil"])
        row.departed_at = ACTIVATED
        session.add(row)
    await bot.restart()
    await bot.tick(datetime(2026, 12, 1, 9, 5, tzinfo=STOCKHOLM))
    assert len(dms(fake_slack, "U1")) == 1 and len(escalations(fake_slack)) == 1
    await bot.restart()
    await bot.tick(datetime(2026, 12, 1, 9, 6, tzinfo=STOCKHOLM))
    assert len(dms(fake_slack, "U1")) == 1 and len(escalations(fake_slack)) == 1


async def test_a_reactivated_admin_counts_again(bot, fake_slack, library) -> None:
    await bot.slack.event(user_change("U2", deleted=True))
    await bot.slack.event(user_change("U2", deleted=False))
    await bot.dispatch()
    with bot.core.session() as session:
        assert session.get(Person, library["bertil"]).departed_at is None
        assert (
            session.exec(select(Escalation).where(Escalation.kind == "too-few-admins")).one().status
            == EscalationStatus.RESOLVED
        )
    # A new shortage later is a new escalation, not a reopened one.
    await bot.slack.event(user_change("U2", deleted=True))
    await bot.dispatch()
    assert len(escalations(fake_slack)) == 2
    assert len(dms(fake_slack, "U1")) == 2


async def test_departures_missed_while_down_are_found_by_asking_slack(
    bot, fake_slack, library
) -> None:
    from handlers.slack.people_sync import people_to_check, sync_departures
    from handlers.slack.platform import SLACK_KEY

    slack = bot.app[SLACK_KEY]
    person(bot, "UX", "Olle Obehörig")  # known, but no account depends on him
    assert sorted(slack_id for _, slack_id in people_to_check(slack)) == ["U1", "U2", "UCHEF"]
    fake_slack.users["U2"]["deleted"] = True  # deactivated while no event reached us
    assert await sync_departures(slack) == 1
    await bot.dispatch()
    assert len(dms(fake_slack, "U1")) == 1 and len(escalations(fake_slack)) == 1
    assert await sync_departures(slack) == 0  # nothing new the second time
    fake_slack.users["U2"]["deleted"] = False
    assert await sync_departures(slack) == 1
    with bot.core.session() as session:
        assert (
            session.exec(select(Escalation).where(Escalation.kind == "too-few-admins")).one().status
            == EscalationStatus.RESOLVED
        )
