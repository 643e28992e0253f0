"""People change through the Slack stack, driven in time: an existing account's admins confirm
their login, the owner removes an admin and nominates a replacement with `/andra-konto`, the
password is to be changed, and it is escalated when nobody marks it changed in time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import select

from bot import texts
from storage.models import AccountAdmin, AdminStatus, Escalation, EscalationStatus
from tests.conftest import STOCKHOLM
from tests.support.opening_helpers import (
    BO,
    CILLA,
    COMMUNICATOR,
    DAVID,
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
from tests.support.slack_messages import channel_posts

A = texts.accounts
LOGIN = "accounts.login-confirmed"
PASSWORD = "accounts.password-changed"


def facts() -> dict[str, Any]:
    return {
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
        "documented": "",
    }


def admins(bot) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        rows = session.exec(select(AccountAdmin)).all()
        return {str(r.person_id): r.status for r in rows}


async def test_logins_then_a_removal_with_a_replacement_then_the_password(bot, fake_slack) -> None:  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    await bot.slack.command(COMMUNICATOR, "/registrera-konto")
    await submit(bot, COMMUNICATOR, last_view(fake_slack), facts())
    await bot.dispatch()
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    for admin in (BO, CILLA):
        await press(bot, admin, find(dms(fake_slack, admin), "opening.accept"), "opening.accept")
    await bot.dispatch()

    # Each admin is asked "Jag kan logga in?"; only the admin asked may answer.
    bos = find(dms(fake_slack, BO), LOGIN)
    assert A.LOGIN_BUTTON in text_of(bos)
    before = snapshot(bot)
    assert await press(bot, CILLA, bos, LOGIN) == A.LOGIN_NOT_ALLOWED
    assert snapshot(bot) == before
    assert await press(bot, BO, bos, LOGIN) == A.LOGIN_CONFIRMED_NOTICE.format(
        account="Forshaga fritidsgård (Facebook)"
    )
    await press(bot, CILLA, find(dms(fake_slack, CILLA), LOGIN), LOGIN)
    assert audit_actions(bot).count("accounts.login_confirmed") == 2

    # An outsider has no account to change; the owner removes Cilla and nominates David.
    _status, body = await bot.slack.command(OUTSIDER, "/andra-konto")
    assert body == A.CHANGE_NOTHING_TO_CHANGE
    await bot.slack.command(BO, "/andra-konto")
    view = last_view(fake_slack)
    chosen = {"account": str(account(bot).id), "remove_admins": [CILLA]}
    _status, body = await submit(bot, BO, view, chosen)
    assert "bara 1 administratör kvar" in body["errors"]["remove_admins"]
    _status, body = await submit(bot, BO, view, chosen | {"add_admins": [DAVID]})
    assert body == {}
    await bot.dispatch()
    assert set(admins(bot).values()) == {
        AdminStatus.ACCEPTED,
        AdminStatus.REMOVED,
        AdminStatus.NOMINATED,
    }
    assert find(dms(fake_slack, DAVID), "opening.accept")
    card = find(dms(fake_slack, BO), PASSWORD)
    assert "Cilla Ceder har tagits bort som administratör" in text_of(card)
    assert any(A.PASSWORD_BUTTON in text_of(m) for m in channel_posts(fake_slack))

    # Two working days later nobody has marked it changed: the communicators hear of it.
    await bot.tick(datetime(2026, 12, 3, 9, 30, tzinfo=STOCKHOLM))
    with bot.core.session() as session:
        stalled = select(Escalation).where(Escalation.kind == "accounts.password")
        assert session.exec(stalled).one().status == EscalationStatus.OPEN
    assert await press(bot, CILLA, card, PASSWORD) == A.PASSWORD_NOT_ALLOWED
    await press(bot, BO, card, PASSWORD)
    with bot.core.session() as session:
        assert session.exec(stalled).one().status == EscalationStatus.RESOLVED
