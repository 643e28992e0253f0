"""Withdrawal, completion and resubmission, decline and re-nomination, restart mid-flow."""

from __future__ import annotations

from sqlmodel import select

from bot import texts
from storage.models import (
    AccountAdmin,
    AccountStatus,
    AdminStatus,
    OutboxMessage,
    PersonIdentity,
)
from tests.support.opening_helpers import (
    APPLICANT,
    BO,
    CILLA,
    COMMUNICATOR,
    DAVID,
    MANAGER,
    OUTSIDER,
    account,
    add_people,
    apply,
    audit_actions,
    buttons,
    channel_posts,
    dms,
    find,
    last_view,
    prefilled,
    press,
    snapshot,
    submit,
    text_of,
    updates_in,
)

T = texts.opening


async def _submitted(bot, fake_slack, **overrides):  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    await apply(bot, fake_slack, **overrides)
    await bot.dispatch()


async def test_the_applicant_withdraws_and_every_request_loses_its_buttons(bot, fake_slack) -> None:
    await _submitted(bot, fake_slack)
    receipt = find(dms(fake_slack, APPLICANT), "opening.withdraw")
    manager_dm = find(dms(fake_slack, MANAGER), "opening.approve")
    assert await press(bot, APPLICANT, receipt, "opening.withdraw") == T.WITHDRAWN_NOTICE.format(
        name="Forshaga bibliotek"
    )
    withdrawn = account(bot)
    assert withdrawn.status == AccountStatus.WITHDRAWN
    assert withdrawn.withdrawn_at == bot.clock.now()
    await bot.dispatch()
    for user in (MANAGER, BO, APPLICANT):
        last = updates_in(fake_slack, "D" + user)[-1]
        assert buttons(last) == [], user
    assert "drogs tillbaka" in text_of(updates_in(fake_slack, "D" + MANAGER)[-1])
    before = snapshot(bot)
    notice = await press(bot, MANAGER, manager_dm, "opening.approve")
    assert notice == T.NOT_PENDING.format(outcome=T.OUTCOME["withdrawn"])
    assert await press(bot, APPLICANT, receipt, "opening.withdraw") == T.NOT_PENDING.format(
        outcome=T.OUTCOME["withdrawn"]
    )
    assert snapshot(bot) == before
    assert audit_actions(bot)[-1] == "opening.withdrawn"


async def test_completion_request_then_edit_and_resubmit(bot, fake_slack) -> None:
    await _submitted(bot, fake_slack)
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    await bot.dispatch()
    review = find(channel_posts(fake_slack), "opening.request-completion")

    await press(bot, COMMUNICATOR, review, "opening.request-completion")
    view = last_view(fake_slack)
    assert view["callback_id"] == "opening.completion"
    _, body = await submit(bot, COMMUNICATOR, view, {"comment": ""})
    assert body["errors"]["comment"] == T.ERROR_EMPTY
    _, body = await submit(
        bot, COMMUNICATOR, view, {"comment": "Beskriv målgruppen tydligare, tack."}
    )
    assert body == {}
    assert account(bot).completion_request == "Beskriv målgruppen tydligare, tack."
    await bot.dispatch()
    old_card = updates_in(fake_slack, "CKOMM")[-1]
    assert buttons(old_card) == [] and "Komplettering begärd" in text_of(old_card)
    asked = find(dms(fake_slack, APPLICANT), "opening.edit")
    assert "Beskriv målgruppen tydligare" in text_of(asked)

    # Only the applicant can edit; anchoring waits for the completion.
    assert await press(bot, OUTSIDER, asked, "opening.edit") == T.ONLY_APPLICANT
    assert await press(bot, COMMUNICATOR, review, "opening.anchor") == T.COMPLETION_PENDING

    await press(bot, APPLICANT, asked, "opening.edit")
    edit_view = last_view(fake_slack)
    assert edit_view["private_metadata"] == str(account(bot).id)
    values = prefilled(edit_view)
    assert values["name"] == "Forshaga bibliotek"
    assert values["manager"] == MANAGER and values["co_admins"] == [BO]
    assert values["duties"] == [d.key for d in bot.core.guideline.duties]
    values["audience"] = "Barnfamiljer och unga 13–19 år i Forshaga."
    values["co_admins"] = [CILLA]
    _, body = await submit(bot, APPLICANT, edit_view, values)
    assert body == {}

    edited = account(bot)
    assert edited.revision == 2 and edited.completion_request is None
    assert edited.audience == "Barnfamiljer och unga 13–19 år i Forshaga."
    assert edited.manager_approved_at is not None  # same manager: approval stands
    with bot.core.session() as session:
        people = {i.external_id: i.person_id for i in session.exec(select(PersonIdentity)).all()}
        team = {a.person_id: a.status for a in session.exec(select(AccountAdmin)).all()}
    assert team[people[BO]] == AdminStatus.REMOVED
    assert team[people[CILLA]] == AdminStatus.NOMINATED
    await bot.dispatch()
    new_review = find(channel_posts(fake_slack), "opening.anchor")
    assert "version 2" in text_of(new_review)
    assert buttons(updates_in(fake_slack, "D" + BO)[-1]) == []  # BO's nomination withdrawn
    assert find(dms(fake_slack, CILLA), "opening.accept")
    assert await press(bot, COMMUNICATOR, new_review, "opening.anchor") == T.ANCHORED_NOTICE.format(
        name="Forshaga bibliotek"
    )
    assert "opening.resubmitted" in audit_actions(bot)
    # The edit can't be submitted twice.
    before = snapshot(bot)
    _, body = await submit(bot, APPLICANT, edit_view, values)
    assert snapshot(bot) == before


async def test_resubmission_to_a_new_manager_asks_that_manager(bot, fake_slack) -> None:
    await _submitted(bot, fake_slack)
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    await bot.dispatch()
    await press(
        bot,
        COMMUNICATOR,
        find(channel_posts(fake_slack), "opening.anchor"),
        "opening.request-completion",
    )
    await submit(bot, COMMUNICATOR, last_view(fake_slack), {"comment": "Fel chef?"})
    await bot.dispatch()
    await press(bot, APPLICANT, find(dms(fake_slack, APPLICANT), "opening.edit"), "opening.edit")
    view = last_view(fake_slack)
    values = prefilled(view)
    values["manager"] = DAVID
    await submit(bot, APPLICANT, view, values)
    assert account(bot).manager_approved_at is None
    await bot.dispatch()
    assert find(dms(fake_slack, DAVID), "opening.approve")
    assert len(channel_posts(fake_slack)) == 1  # nothing new for communicators yet
    await press(bot, DAVID, find(dms(fake_slack, DAVID), "opening.approve"), "opening.approve")
    await bot.dispatch()
    assert len(channel_posts(fake_slack)) == 2


async def test_a_decline_lets_the_applicant_nominate_someone_else(bot, fake_slack) -> None:
    await _submitted(bot, fake_slack)
    bo_dm = find(dms(fake_slack, BO), "opening.accept")
    assert await press(bot, BO, bo_dm, "opening.decline") == T.DECLINED_NOTICE.format(
        name="Forshaga bibliotek"
    )
    await bot.dispatch()
    assert buttons(updates_in(fake_slack, "D" + BO)[-1]) == []
    told = find(dms(fake_slack, APPLICANT), "opening.renominate")
    assert "Bo Berg tackade nej" in text_of(told)

    assert await press(bot, OUTSIDER, told, "opening.renominate") == (
        T.ONLY_APPLICANT_OR_COMMUNICATOR
    )
    await press(bot, APPLICANT, told, "opening.renominate")
    view = last_view(fake_slack)
    assert view["callback_id"] == "opening.nominate"
    _, body = await submit(bot, APPLICANT, view, {"nominees": []})
    assert body["errors"] == {"nominees": T.NOMINEES_MISSING}
    _, body = await submit(bot, APPLICANT, view, {"nominees": [APPLICANT]})
    assert body["errors"] == {"nominees": T.NOMINEE_IS_OWNER}
    _, body = await submit(bot, APPLICANT, view, {"nominees": [CILLA]})
    assert body == {}
    _, body = await submit(bot, APPLICANT, view, {"nominees": [CILLA]})
    assert "redan nominerad" in body["errors"]["nominees"]
    await bot.dispatch()
    cilla_dm = find(dms(fake_slack, CILLA), "opening.accept")
    await press(bot, CILLA, cilla_dm, "opening.accept")
    # BO changes his mind later: his old message has no buttons, a new nomination would.
    assert await press(bot, BO, bo_dm, "opening.accept") == T.NOMINATION_ALREADY_ANSWERED
    with bot.core.session() as session:
        accepted = session.exec(
            select(AccountAdmin).where(AccountAdmin.status == AdminStatus.ACCEPTED)
        ).all()
    assert len(accepted) == 2
    assert audit_actions(bot).count("opening.nominated") == 2


async def test_a_restart_in_the_middle_continues_where_it_was(bot, fake_slack) -> None:
    await _submitted(bot, fake_slack)
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    # The process dies before the outbox is sent; a new one picks it up.
    await bot.restart()
    report = await bot.dispatch()
    assert report.sent >= 2 and report.failed == 0
    review = find(channel_posts(fake_slack), "opening.anchor")
    await press(bot, BO, find(dms(fake_slack, BO), "opening.accept"), "opening.accept")
    await bot.restart()
    await press(bot, COMMUNICATOR, review, "opening.anchor")
    await bot.dispatch()
    await bot.restart()
    card = find(updates_in(fake_slack, "CKOMM"), "opening.register-service-account")
    await press(bot, COMMUNICATOR, card, "opening.register-service-account")
    await bot.restart()  # between opening the modal and submitting it
    await submit(
        bot, COMMUNICATOR, last_view(fake_slack), {"url": "@bibblan", "credentials": ["received"]}
    )
    assert account(bot).status == AccountStatus.ACTIVE
    await bot.dispatch()
    with bot.core.session() as session:
        keys = [row.key for row in session.exec(select(OutboxMessage)).all()]
        unsent = session.exec(select(OutboxMessage).where(OutboxMessage.status != "sent")).all()
    assert len(keys) == len(set(keys)) and unsent == []
    # Each person got each message once.
    approvals = [m for m in dms(fake_slack, MANAGER) if "Godkänner du" in str(m.get("text"))]
    assert len(approvals) == 1


async def test_another_platform_is_named_everywhere(bot, fake_slack) -> None:
    await _submitted(bot, fake_slack, platform="annat", platform_other="Mastodon")
    created = account(bot)
    assert created.platform == "annat" and created.platform_other == "Mastodon"
    manager_dm = find(dms(fake_slack, MANAGER), "opening.approve")
    assert "Mastodon" in text_of(manager_dm)
