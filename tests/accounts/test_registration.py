"""`/registrera-konto` end to end through the Slack stack: an existing account comes in."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import select

from bot import texts
from storage.models import AccountAdmin, AccountStatus, AdminStatus, Escalation
from tests.conftest import STOCKHOLM
from tests.support.opening_helpers import (
    BO,
    CILLA,
    COMMUNICATOR,
    MANAGER,
    OUTSIDER,
    account,
    add_people,
    audit_actions,
    dms,
    find,
    last_view,
    press,
    snapshot,
    submit,
    text_of,
)

A = texts.accounts


def facts(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "platform": "facebook",
        "platform_other": "",
        "name": "Forshaga fritidsgård",
        "address": "https://www.facebook.com/forshagafritid",
        "unit": "Kultur och fritid, fritidsgården",
        "purpose": "Aktiviteter och öppettider för unga.",
        "audience": "Unga 13–19 år.",
        "resources": "Bo och Cilla, två timmar i veckan.",
        "manager": MANAGER,
        "owner": BO,
        "co_admins": [CILLA],
        "documented": "2026-09-01",
    }
    values.update(overrides)
    return values


async def register(bot, fake, user: str = COMMUNICATOR, **overrides: Any):
    status, _ = await bot.slack.command(user, "/registrera-konto")
    assert status == 200
    return await submit(bot, user, last_view(fake), facts(**overrides))


async def test_registered_account_is_active_and_asks_admins_and_manager(bot, fake_slack) -> None:
    add_people(fake_slack)
    status, body = await register(bot, fake_slack)
    assert status == 200 and body == {}
    registered = account(bot)
    assert registered.status == AccountStatus.ACTIVE
    assert registered.registered_at is not None and registered.documented_before_on is not None
    assert registered.service_account_url == "https://www.facebook.com/forshagafritid"
    assert "accounts.registered" in audit_actions(bot)
    await bot.dispatch()

    # The manager confirms (nothing to reject on an existing account); both admins accept.
    card = find(dms(fake_slack, MANAGER), "opening.approve")
    assert A.MANAGER_CONFIRM_TITLE in text_of(card)
    assert "opening.reject" not in text_of(card)
    await press(bot, MANAGER, card, "opening.approve")
    for admin in (BO, CILLA):
        await press(bot, admin, find(dms(fake_slack, admin), "opening.accept"), "opening.accept")
    done = account(bot)
    assert done.status == AccountStatus.ACTIVE and done.manager_approved_at is not None
    with bot.core.session() as session:
        rows = session.exec(select(AccountAdmin)).all()
        assert {r.status for r in rows} == {AdminStatus.ACCEPTED}
        assert [r.is_owner for r in rows] == [True, False]


async def test_only_communicators_register(bot, fake_slack) -> None:
    add_people(fake_slack)
    before = snapshot(bot)
    _status, body = await bot.slack.command(OUTSIDER, "/registrera-konto")
    assert body == texts.common.COMMUNICATORS_ONLY
    assert not fake_slack.calls_to("views.open")
    assert snapshot(bot) == before


async def test_invalid_registrations_keep_nothing(bot, fake_slack) -> None:
    add_people(fake_slack)
    _status, body = await register(bot, fake_slack, co_admins=[], documented="1 maj")
    errors = body["errors"]
    assert errors["co_admins"] == A.ERROR_TOO_FEW_ADMINS.format(min=2)
    assert errors["documented"] == A.ERROR_DATE  # a forged datepicker value
    # The date is picked (a datepicker), and a day after today is refused.
    [picker] = [
        b["element"] for b in last_view(fake_slack)["blocks"] if b.get("block_id") == "documented"
    ]
    assert picker["type"] == "datepicker"
    _status, body = await register(bot, fake_slack, documented="2026-12-02")
    assert body["errors"]["documented"] == A.ERROR_DATE_FUTURE
    await register(bot, fake_slack)
    _status, body = await register(bot, fake_slack, name="forshaga FRITIDSGÅRD")
    assert body["errors"]["name"].startswith("Det finns redan ett konto")


async def test_a_stalled_confirmation_is_reminded_then_escalated(bot, fake_slack, clock) -> None:
    add_people(fake_slack)
    await register(bot, fake_slack)
    await bot.dispatch()
    before = len(dms(fake_slack, MANAGER))
    await bot.tick(clock.now() + timedelta(days=3))  # Friday: two working days later
    assert len(dms(fake_slack, MANAGER)) == before + 1
    await bot.tick(datetime(2026, 12, 9, 9, 0, tzinfo=STOCKHOLM))  # five working days
    with bot.core.session() as session:
        stalled = select(Escalation).where(Escalation.kind == "opening.manager")
        assert session.exec(stalled).one().resolved_at is None
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    with bot.core.session() as session:
        assert session.exec(stalled).one().resolved_at is not None
