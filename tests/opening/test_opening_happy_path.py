"""The whole opening flow end to end, through bolt over HTTP with a fake Slack behind it."""

from __future__ import annotations

from sqlmodel import select

from bot import texts
from storage.models import (
    AccountAdmin,
    AccountStatus,
    AdminStatus,
    AuditEntry,
    PersonIdentity,
)
from tests.support.opening_helpers import (
    APPLICANT,
    BO,
    COMMUNICATOR,
    MANAGER,
    account,
    add_people,
    apply,
    audit_actions,
    buttons,
    channel_posts,
    dms,
    fill,
    find,
    last_view,
    notices,
    press,
    text_of,
    updates_in,
)

T = texts.opening


async def test_from_application_to_active_account(bot, fake_slack) -> None:
    add_people(fake_slack)

    # 1. /nytt-konto opens the modal at once, with every field the guideline asks for.
    status, _ = await bot.slack.command(APPLICANT, "/nytt-konto")
    assert status == 200
    view = last_view(fake_slack)
    assert view["callback_id"] == "opening.apply"
    block_ids = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert block_ids == [
        "platform", "platform_other", "name", "unit", "purpose", "audience", "resources",
        "manager", "co_admins", "duties",
    ]  # fmt: skip
    [platform] = [b for b in view["blocks"] if b.get("block_id") == "platform"]
    platforms = [o["value"] for o in platform["element"]["options"]]
    assert platforms == ["facebook", "instagram", "linkedin", "x", "youtube", "tiktok", "annat"]
    from tests.support.opening_helpers import answers

    status, body = await bot.slack.submit(APPLICANT, view, fill(view, answers()))
    assert status == 200 and body == ""
    created = account(bot)
    assert created.status == AccountStatus.PENDING
    assert created.name == "Forshaga bibliotek" and created.platform == "instagram"

    # 2. The manager, the co-admin and the applicant hear about it.
    report = await bot.dispatch()
    assert report.sent == 3 and report.failed == 0
    manager_dm = find(dms(fake_slack, MANAGER), "opening.approve")
    assert "Anna Andersson" in text_of(manager_dm)
    assert [b["text"]["text"] for b in buttons(manager_dm)] == ["Godkänn", "Avslå"]
    bo_dm = find(dms(fake_slack, BO), "opening.accept")
    receipt = find(dms(fake_slack, APPLICANT), "opening.withdraw")
    assert "Karin Chef" in text_of(receipt)  # the status card says whom it waits for

    # 3. The manager approves: the DM loses its buttons, the communicators get the card.
    notice = await press(bot, MANAGER, manager_dm, "opening.approve")
    assert notice == T.APPROVED_NOTICE.format(name="Forshaga bibliotek")
    await bot.dispatch()
    manager_updates = updates_in(fake_slack, "D" + MANAGER)
    assert len(manager_updates) == 1
    assert buttons(manager_updates[0]) == []
    assert "Godkänd av Karin Chef" in text_of(manager_updates[0])
    review = find(channel_posts(fake_slack), "opening.anchor")
    assert [b["text"]["text"] for b in buttons(review)] == ["Förankra", "Begär komplettering"]

    # 4. The co-admin accepts (any order is fine).
    notice = await press(bot, BO, bo_dm, "opening.accept")
    assert "administratör" in notice
    await bot.dispatch()
    assert buttons(updates_in(fake_slack, "D" + BO)[-1]) == []

    # 5. A communicator anchors; the card now offers the service-account registration.
    notice = await press(bot, COMMUNICATOR, review, "opening.anchor")
    assert notice == T.ANCHORED_NOTICE.format(name="Forshaga bibliotek")
    await bot.dispatch()
    card = updates_in(fake_slack, "CKOMM")[-1]
    assert [b["text"]["text"] for b in buttons(card)] == ["Lägg in tjänstekonto"]
    assert "Förankrad av Kim Kommunikatör" in text_of(card)
    assert account(bot).status == AccountStatus.PENDING  # still needs the service account

    # 6. The service account: address, confirmation, reference. Never a password.
    await press(bot, COMMUNICATOR, card, "opening.register-service-account")
    form = last_view(fake_slack)
    assert form["callback_id"] == "opening.service-account"
    status, body = await bot.slack.submit(
        COMMUNICATOR,
        form,
        fill(
            form,
            {
                "url": "https://www.instagram.com/forshagabibliotek",
                "credentials": ["received"],
                "reference": "Bitwarden, samlingen Sociala medier",
            },
        ),
    )
    assert status == 200 and body == ""
    # The confirmation shows where Kim acted, the channel, not in a DM (finding 21).
    registered = texts.opening.SERVICE_ACCOUNT_NOTICE.format(name="Forshaga bibliotek")
    assert registered in notices(fake_slack, COMMUNICATOR)
    [shown] = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.args["text"] == registered]
    assert shown.args["channel"] == "CKOMM"
    assert not [m for m in dms(fake_slack, COMMUNICATOR) if registered in text_of(m)]

    # 7. Active: the applicant and the admins are told, with the duty checklist.
    active = account(bot)
    assert active.status == AccountStatus.ACTIVE
    assert active.activated_at == bot.clock.now()
    assert active.service_account_url == "https://www.instagram.com/forshagabibliotek"
    assert active.credentials_reference == "Bitwarden, samlingen Sociala medier"
    await bot.dispatch()
    for user in (APPLICANT, BO):
        told = [m for m in dms(fake_slack, user) if "är aktivt" in text_of(m)]
        assert len(told) == 1
        assert "uppdatera kontot varje arbetsdag" in text_of(told[0])
        assert len([m for m in dms(fake_slack, user) if "Jag kan logga in" in text_of(m)]) == 1
    final_card = updates_in(fake_slack, "CKOMM")[-1]
    assert buttons(final_card) == [] and "Kontot blev aktivt" in text_of(final_card)
    final_receipt = updates_in(fake_slack, "D" + APPLICANT)[-1]
    assert buttons(final_receipt) == []

    # 8. Every step is in the audit log, with who did it.
    assert audit_actions(bot) == [
        "opening.submitted",
        "opening.nominated",
        "opening.manager_approved",
        "opening.admin_accepted",
        "opening.anchored",
        "opening.service_account_registered",
        "opening.activated",
        # Each admin is asked "Jag kan logga in?" (tests/accounts/test_logins_rules.py).
        "accounts.login_asked",
        "accounts.login_asked",
    ]
    with bot.core.session() as session:
        people = {i.external_id: i.person_id for i in session.exec(select(PersonIdentity)).all()}
        entries = {e.action: e for e in session.exec(select(AuditEntry)).all()}
        team = session.exec(select(AccountAdmin)).all()
    assert entries["opening.manager_approved"].actor_id == people[MANAGER]
    assert entries["opening.anchored"].actor_id == people[COMMUNICATOR]
    assert entries["opening.submitted"].detail["purpose"].startswith("Boktips")
    assert sorted((a.person_id, a.status) for a in team) == sorted(
        [(people[APPLICANT], AdminStatus.ACCEPTED), (people[BO], AdminStatus.ACCEPTED)]
    )

    # Nothing is left to send, and nothing was sent twice.
    assert (await bot.dispatch()).sent == 0


async def test_steps_in_another_order_still_activate_once(bot, fake_slack) -> None:
    """Service account registered before the co-admin answers: activation waits for them."""
    add_people(fake_slack)
    await apply(bot, fake_slack)
    await bot.dispatch()
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    await bot.dispatch()
    review = find(channel_posts(fake_slack), "opening.anchor")
    await press(bot, COMMUNICATOR, review, "opening.anchor")
    await bot.dispatch()
    card = find(updates_in(fake_slack, "CKOMM"), "opening.register-service-account")
    await press(bot, COMMUNICATOR, card, "opening.register-service-account")
    form = last_view(fake_slack)
    await bot.slack.submit(
        COMMUNICATOR, form, fill(form, {"url": "@forshagabibliotek", "credentials": ["received"]})
    )
    assert account(bot).status == AccountStatus.PENDING  # only one admin has accepted
    await bot.dispatch()
    waiting = updates_in(fake_slack, "CKOMM")[-1]
    assert "svar från Bo Berg" in text_of(waiting)

    await press(bot, BO, find(dms(fake_slack, BO), "opening.accept"), "opening.accept")
    assert account(bot).status == AccountStatus.ACTIVE
    assert audit_actions(bot).count("opening.activated") == 1
