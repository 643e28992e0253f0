"""Everyone is checked: wrong people, second presses and bad input change nothing."""

from __future__ import annotations

import logging

import pytest
from sqlmodel import select

from bot import texts
from storage.models import Account, AccountStatus, AuditEntry, OutboxMessage
from tests.support.opening_helpers import (
    APPLICANT,
    BO,
    CILLA,
    COMMUNICATOR,
    MANAGER,
    OUTSIDER,
    account,
    add_people,
    apply,
    audit_actions,
    channel_posts,
    dms,
    find,
    last_view,
    open_service_account_form,
    press,
    snapshot,
    submit,
    updates_in,
)

T = texts.opening

INVALID = [
    ({"manager": APPLICANT}, "manager", T.ERROR_MANAGER_IS_APPLICANT),
    ({"co_admins": [APPLICANT, BO]}, "co_admins", T.ERROR_CO_ADMIN_IS_APPLICANT),
    ({"co_admins": [APPLICANT]}, "co_admins", T.ERROR_CO_ADMIN_IS_APPLICANT),
    ({"co_admins": []}, "co_admins", T.ERROR_CO_ADMINS_MISSING),
    ({"name": "   "}, "name", T.ERROR_EMPTY),
    ({"unit": "x" * 121}, "unit", T.ERROR_TOO_LONG.format(max=120, length=121)),
    ({"purpose": "y" * 1501}, "purpose", T.ERROR_TOO_LONG.format(max=1500, length=1501)),
    ({"duties": ["daily", "reply", "sender"]}, "duties", "Kryssa i alla sex punkterna"),
    ({"platform": "annat"}, "platform_other", T.ERROR_PLATFORM_OTHER),
    ({"resources": "Anna, lösenord: Sommar2026"}, "resources", "ser ut som ett lösenord"),
    ({"audience": "Alla. Inlogg: Hunter2!x"}, "audience", "ser ut som ett lösenord"),
]


@pytest.mark.parametrize(("overrides", "field", "message"), INVALID)
async def test_invalid_application_is_shown_in_the_modal_and_nothing_is_saved(
    bot, fake_slack, overrides, field, message
) -> None:
    add_people(fake_slack)
    status, body = await apply(bot, fake_slack, **overrides)
    assert status == 200
    assert body["response_action"] == "errors"
    assert message in body["errors"][field]
    with bot.core.session() as session:
        assert session.exec(select(Account)).all() == []
        assert session.exec(select(OutboxMessage)).all() == []
        assert session.exec(select(AuditEntry)).all() == []
    assert fake_slack.calls_to("chat.postMessage") == []


async def test_several_errors_at_once_are_all_shown(bot, fake_slack) -> None:
    add_people(fake_slack)
    _, body = await apply(bot, fake_slack, manager=APPLICANT, co_admins=[], duties=[])
    assert set(body["errors"]) == {"manager", "co_admins", "duties"}


async def _approved(bot, fake_slack):  # type: ignore[no-untyped-def]
    add_people(fake_slack)
    await apply(bot, fake_slack)
    await bot.dispatch()
    manager_dm = find(dms(fake_slack, MANAGER), "opening.approve")
    return manager_dm


async def test_only_the_named_people_can_press_each_button(bot, fake_slack) -> None:
    manager_dm = await _approved(bot, fake_slack)
    bo_dm = find(dms(fake_slack, BO), "opening.accept")
    receipt = find(dms(fake_slack, APPLICANT), "opening.withdraw")

    async def refused(user: str, message: dict, action: str, notice: str) -> None:
        before = snapshot(bot)
        assert await press(bot, user, message, action) == notice
        assert snapshot(bot) == before, f"{user} pressing {action} changed something"

    for user in (APPLICANT, OUTSIDER, COMMUNICATOR, BO):
        await refused(user, manager_dm, "opening.approve", T.ONLY_MANAGER)
        await refused(user, manager_dm, "opening.reject", T.ONLY_MANAGER)
    for user in (APPLICANT, OUTSIDER, MANAGER, CILLA):
        await refused(user, bo_dm, "opening.accept", T.ONLY_NOMINEE)
        await refused(user, bo_dm, "opening.decline", T.ONLY_NOMINEE)
    for user in (MANAGER, OUTSIDER, BO, COMMUNICATOR):
        await refused(user, receipt, "opening.withdraw", T.ONLY_APPLICANT)
    # Nobody got a modal for a button they may not press.
    assert len(fake_slack.calls_to("views.open")) == 1

    await press(bot, MANAGER, manager_dm, "opening.approve")
    await bot.dispatch()
    review = find(channel_posts(fake_slack), "opening.anchor")
    for user in (APPLICANT, MANAGER, OUTSIDER, BO):
        await refused(user, review, "opening.anchor", texts.common.COMMUNICATORS_ONLY)
        await refused(user, review, "opening.request-completion", texts.common.COMMUNICATORS_ONLY)
    await press(bot, COMMUNICATOR, review, "opening.anchor")
    await bot.dispatch()
    card = find(updates_in(fake_slack, "CKOMM"), "opening.register-service-account")
    for user in (APPLICANT, MANAGER, OUTSIDER):
        await refused(
            user, card, "opening.register-service-account", texts.common.COMMUNICATORS_ONLY
        )
    assert len(fake_slack.calls_to("views.open")) == 1


async def test_a_forged_form_submission_by_someone_else_is_refused(bot, fake_slack) -> None:
    """The form handler checks the actor again: a modal is no key to the decision."""
    manager_dm = await _approved(bot, fake_slack)
    await press(bot, MANAGER, manager_dm, "opening.reject")
    reject_view = last_view(fake_slack)
    before = snapshot(bot)
    status, _ = await submit(bot, OUTSIDER, reject_view, {"reason": "Nej."})
    assert status == 200
    assert snapshot(bot) == before
    told = [c.args["text"] for c in fake_slack.calls_to("chat.postMessage")]
    assert T.ONLY_MANAGER in told


async def test_second_presses_and_presses_after_a_decision_change_nothing(bot, fake_slack) -> None:
    manager_dm = await _approved(bot, fake_slack)
    bo_dm = find(dms(fake_slack, BO), "opening.accept")
    await press(bot, MANAGER, manager_dm, "opening.approve")
    before = snapshot(bot)
    assert await press(bot, MANAGER, manager_dm, "opening.approve") == T.MANAGER_ALREADY_DECIDED
    assert await press(bot, MANAGER, manager_dm, "opening.reject") == T.MANAGER_ALREADY_DECIDED
    assert snapshot(bot) == before

    await press(bot, BO, bo_dm, "opening.accept")
    before = snapshot(bot)
    assert await press(bot, BO, bo_dm, "opening.accept") == T.NOMINATION_ALREADY_ANSWERED
    assert await press(bot, BO, bo_dm, "opening.decline") == T.NOMINATION_ALREADY_ANSWERED
    assert snapshot(bot) == before

    await bot.dispatch()
    review = find(channel_posts(fake_slack), "opening.anchor")
    await press(bot, COMMUNICATOR, review, "opening.anchor")
    before = snapshot(bot)
    assert await press(bot, COMMUNICATOR, review, "opening.anchor") == T.ALREADY_ANCHORED
    assert await press(bot, COMMUNICATOR, review, "opening.request-completion") == (
        T.ALREADY_ANCHORED
    )
    assert snapshot(bot) == before

    await bot.dispatch()
    card = find(updates_in(fake_slack, "CKOMM"), "opening.register-service-account")
    await press(bot, COMMUNICATOR, card, "opening.register-service-account")
    form = last_view(fake_slack)
    await submit(
        bot, COMMUNICATOR, form, {"url": "@forshagabibliotek", "credentials": ["received"]}
    )
    assert account(bot).status == AccountStatus.ACTIVE
    before = snapshot(bot)
    # The same modal submitted again (e.g. a second window) and a late press: nothing.
    await submit(bot, COMMUNICATOR, form, {"url": "@annat", "credentials": ["received"]})
    notice = await press(bot, COMMUNICATOR, card, "opening.register-service-account")
    assert notice == T.NOT_PENDING.format(outcome=T.OUTCOME["active"])
    assert snapshot(bot) == before
    assert account(bot).service_account_url == "@forshagabibliotek"


async def test_rejection_asks_for_a_reason_and_closes_everything(bot, fake_slack) -> None:
    manager_dm = await _approved(bot, fake_slack)
    await press(bot, MANAGER, manager_dm, "opening.reject")
    view = last_view(fake_slack)
    assert view["callback_id"] == "opening.reject"
    status, body = await submit(bot, MANAGER, view, {"reason": "  "})
    assert body["response_action"] == "errors" and "reason" in body["errors"]
    assert account(bot).status == AccountStatus.PENDING

    status, body = await submit(bot, MANAGER, view, {"reason": "Vi har redan ett konto för det."})
    assert status == 200
    rejected = account(bot)
    assert rejected.status == AccountStatus.REJECTED
    assert rejected.rejected_reason == "Vi har redan ett konto för det."
    await bot.dispatch()
    told = dms(fake_slack, APPLICANT)[-1]
    assert "Vi har redan ett konto för det." in str(told["blocks"])
    assert updates_in(fake_slack, "D" + MANAGER)[-1]["blocks"][-1]["type"] == "context"
    assert all(b["type"] != "actions" for b in updates_in(fake_slack, "D" + MANAGER)[-1]["blocks"])
    assert all(b["type"] != "actions" for b in updates_in(fake_slack, "D" + BO)[-1]["blocks"])
    bo_dm = find(dms(fake_slack, BO), "opening.accept")
    before = snapshot(bot)
    assert await press(bot, BO, bo_dm, "opening.accept") == T.NOT_PENDING.format(
        outcome=T.OUTCOME["rejected"]
    )
    assert await press(bot, MANAGER, manager_dm, "opening.approve") == T.MANAGER_ALREADY_DECIDED
    assert snapshot(bot) == before


async def test_a_password_is_refused_with_the_reason_and_never_logged(
    bot, fake_slack, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    manager_dm = await _approved(bot, fake_slack)
    await press(bot, MANAGER, manager_dm, "opening.approve")
    await bot.dispatch()
    form = await open_service_account_form(bot, fake_slack)
    assert "lösenord" in str(form["blocks"][0]).lower()  # the form says: no passwords here
    before = snapshot(bot)
    for values, field in [
        ({"url": "@bibblan", "credentials": ["received"], "reference": "lösenord: Vinter99"},
         "reference"),
        ({"url": "@bibblan", "credentials": ["received"], "reference": "Zq9#kLm2vX"},
         "reference"),
        ({"url": "Hunter2!xyz", "credentials": ["received"]}, "url"),
        ({"url": "https://anna:Hemligt@insta.com", "credentials": ["received"]}, "url"),
    ]:  # fmt: skip
        _, body = await submit(bot, COMMUNICATOR, form, values)
        assert body["response_action"] == "errors"
        assert "lösenord" in body["errors"][field]
        assert snapshot(bot) == before
    _, body = await submit(bot, COMMUNICATOR, form, {"url": "@bibblan"})
    assert body["errors"] == {"credentials": T.ERROR_CREDENTIALS}
    _status, body = await submit(
        bot, COMMUNICATOR, form, {"url": "två ord", "credentials": ["received"]}
    )
    assert body["errors"] == {"url": T.ERROR_SERVICE_URL}
    assert snapshot(bot) == before
    for secret in ("Vinter99", "Zq9#kLm2vX", "Hunter2!xyz", "Hemligt"):
        assert secret not in caplog.text


async def test_a_communicator_cannot_anchor_their_own_application(bot, fake_slack) -> None:
    add_people(fake_slack)
    fake_slack.add_user("UKOMM2", "Lisa Kommunikatör")
    fake_slack.channel_members["CKOMM"] = [COMMUNICATOR, "UKOMM2"]
    await apply(bot, fake_slack, user=COMMUNICATOR)
    await bot.dispatch()
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    await bot.dispatch()
    review = find(channel_posts(fake_slack), "opening.anchor")
    before = snapshot(bot)
    assert await press(bot, COMMUNICATOR, review, "opening.anchor") == T.OWN_APPLICATION
    assert await press(bot, COMMUNICATOR, review, "opening.request-completion") == (
        T.OWN_APPLICATION
    )
    assert snapshot(bot) == before
    assert await press(bot, "UKOMM2", review, "opening.anchor") == T.ANCHORED_NOTICE.format(
        name="Forshaga bibliotek"
    )


async def test_simultaneous_presses_decide_once(bot, fake_slack) -> None:
    import asyncio

    manager_dm = await _approved(bot, fake_slack)
    bo_dm = find(dms(fake_slack, BO), "opening.accept")
    await asyncio.gather(
        press(bot, MANAGER, manager_dm, "opening.approve"),
        press(bot, MANAGER, manager_dm, "opening.approve"),
        press(bot, BO, bo_dm, "opening.accept"),
        press(bot, BO, bo_dm, "opening.decline"),
    )
    said = [c.args["text"] for c in fake_slack.calls_to("chat.postEphemeral")]
    approved = T.APPROVED_NOTICE.format(name="Forshaga bibliotek")
    decided = [t for t in said if t in (approved, T.MANAGER_ALREADY_DECIDED)]
    assert sorted(decided) == sorted([approved, T.MANAGER_ALREADY_DECIDED])
    assert said.count(T.NOMINATION_ALREADY_ANSWERED) == 1
    actions = audit_actions(bot)
    assert actions.count("opening.manager_approved") == 1
    assert actions.count("opening.admin_accepted") + actions.count("opening.admin_declined") == 1
