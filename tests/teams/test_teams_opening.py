"""The account-opening flow end to end in Teams: the form card, the manager's and nominee's
cards (buttons only for them), the communicators' review in their Teams channel, the service
account, activation, every refusal, and a restart in the middle."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import select

from bot import texts
from handlers.teams import texts as teams_texts
from storage.models import Account, AccountStatus, AuditEntry, OutboxMessage
from tests.conftest import STOCKHOLM
from tests.fakes.bot_connector import Sent, card_buttons, card_text
from tests.support.teams_channel import registered_channel_teams_fixture
from tests.support.teams_harness import (
    ANNA,
    BERTIL,
    CECILIA,
    COMMUNICATORS_CHANNEL,
    EVE,
    EVERYONE,
    KIM,
    TeamsHarness,
    application_form_card,
)
from tests.support.teams_requests import TeamsUser
from tests.support.teams_requests import button as card_button

T = texts.opening
DUTIES = ["daily", "reply", "comment_rules", "sender", "confidential", "gdpr"]
CHANNEL = {"id": COMMUNICATORS_CHANNEL, "conversationType": "channel", "tenantId": "tenant-1"}


teams = registered_channel_teams_fixture()


def answers(**overrides: str) -> dict[str, str]:
    values = {
        "platform": "instagram",
        "platform_other": "",
        "name": "Forshaga bibliotek",
        "unit": "Kultur och fritid, biblioteket",
        "purpose": "Boktips, evenemang och öppettider för bibliotekets besökare.",
        "audience": "Invånare i alla åldrar, särskilt barnfamiljer.",
        "resources": "Anna och Cecilia, cirka 3 timmar i veckan.",
        "manager": BERTIL.aad,
        "co_admins": CECILIA.aad,
        "duties": ",".join(DUTIES),
    }
    values.update(overrides)
    return values


def filled(card: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """What Teams sends on submit: the submit action's data plus every input's value."""
    [submit] = card["actions"]
    return {**submit["data"], **{f"in_{key}": value for key, value in values.items()}}


async def form_card(teams: TeamsHarness, user: TeamsUser = ANNA) -> dict[str, Any]:
    return await application_form_card(teams, user)


async def apply(teams: TeamsHarness, **overrides: str):  # type: ignore[no-untyped-def]
    card = await form_card(teams)
    return await teams.teams.execute(ANNA, "smbot.form", filled(card, answers(**overrides)))


def account(teams: TeamsHarness) -> Account:
    with teams.core.session() as session:
        return session.exec(select(Account)).one()


def audit_actions(teams: TeamsHarness) -> list[str]:
    with teams.core.session() as session:
        entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [e.action for e in entries if e.action.startswith("opening.")]


def card_with(posts: list[Sent], text: str) -> Sent:
    return next(p for p in reversed(posts) if text in p.text)


async def my_view(teams: TeamsHarness, user: TeamsUser, post: Sent) -> dict[str, Any]:
    """The card as `user` sees it: Teams refreshes it for the users the card names."""
    if post.card and "refresh" in post.card and user.id in post.card["refresh"]["userIds"]:
        answer = await teams.teams.refresh(user, post.card, post.activity_id)
        return answer.card
    return post.card


async def press(
    teams: TeamsHarness,
    user: TeamsUser,
    post: Sent,
    label: str,
    conversation: dict | None = None,
):  # type: ignore[no-untyped-def]
    """`user` presses `label`. Someone who does not see the button forges the same invoke."""
    card = await my_view(teams, user, post)
    if label not in [b["title"] for b in card_buttons(card)]:
        rightful = next(u for u in EVERYONE if u.id in post.card["refresh"]["userIds"])
        card = await my_view(teams, rightful, post)
    button = card_button(card, label)
    return await teams.teams.execute(
        user, button["verb"], button["data"], post.activity_id, conversation=conversation
    )


async def test_the_whole_opening_flow_in_teams(teams: TeamsHarness) -> None:
    # 1. The form card ("nytt konto", then Fyll i formuläret i stället) has every field,
    # people pickers included.
    card = await form_card(teams)
    ids = [e["id"] for e in card["body"] if e["type"].startswith("Input.")]
    assert ids == [
        "in_platform", "in_platform_other", "in_name", "in_unit", "in_purpose", "in_audience",
        "in_resources", "in_manager", "in_co_admins", "in_duties",
    ]  # fmt: skip
    answer = await teams.teams.execute(ANNA, "smbot.form", filled(card, answers()))
    assert answer.status == 200
    assert card_text(answer.card) == teams_texts.FORM_SAVED
    assert account(teams).status == AccountStatus.PENDING

    # 2. Manager, nominee and applicant hear about it (chats opened in the team as needed).
    await teams.tick()  # `smbot tick` sends the outbox too
    manager_post = card_with(teams.connector.to(BERTIL.chat), T.MANAGER_REQUEST_TITLE)
    # Bertil's own 1:1 chat: his buttons at once, no refresh needed (issue 10).
    assert [b["title"] for b in card_buttons(manager_post.card)] == [T.APPROVE, T.REJECT]
    assert "refresh" not in manager_post.card
    cecilia_post = card_with(teams.connector.to(CECILIA.chat), T.ADMIN_REQUEST_TITLE)
    receipt = card_with(teams.connector.to(ANNA.chat), "Forshaga bibliotek")
    assert "Bertil Berg" in receipt.text

    # Refusals: someone else's forged presses change nothing.
    forged = await press(teams, EVE, manager_post, "Godkänn")
    assert forged.text == T.ONLY_MANAGER
    forged = await press(teams, EVE, cecilia_post, "Acceptera")
    assert forged.text == T.ONLY_NOMINEE
    assert account(teams).manager_approved_at is None

    # 3. A new process in the middle of it all.
    await teams.restart()

    # 4. The manager approves: the card changes in place, the communicators get the review.
    assert [b["title"] for b in card_buttons(await my_view(teams, BERTIL, manager_post))] == [
        "Godkänn",
        "Avslå",
    ]
    approved = await press(teams, BERTIL, manager_post, "Godkänn")
    assert "Godkänd av Bertil Berg" in card_text(approved.card)
    assert card_buttons(approved.card) == []
    twice = await press(teams, BERTIL, manager_post, "Godkänn")
    assert twice.text == T.MANAGER_ALREADY_DECIDED
    await teams.dispatch()
    [edit] = [u for u in teams.connector.of("update") if u.activity_id == manager_post.activity_id]
    assert "Godkänd av Bertil Berg" in edit.text
    review = card_with(teams.connector.to(COMMUNICATORS_CHANNEL), T.REVIEW_TITLE.split("{")[0])
    assert [b["title"] for b in card_buttons(review.card)] == ["Förankra", "Begär komplettering"]

    # 5. The nominee accepts.
    accepted = await press(teams, CECILIA, cecilia_post, "Acceptera")
    assert accepted.status == 200
    assert card_buttons(accepted.card) == []

    # 6. Only communicators anchor; Kim does.
    refused = await press(teams, EVE, review, "Förankra", CHANNEL)
    assert refused.text == texts.common.COMMUNICATORS_ONLY
    anchored = await press(teams, KIM, review, "Förankra", CHANNEL)
    assert "Förankrad av Kim Kommunikatör" in card_text(anchored.card)
    assert [b["title"] for b in card_buttons(anchored.card)] == ["Lägg in tjänstekonto"]

    # 7. The service account form opens in the channel's thread; a password is refused.
    teams.connector.clear()
    opened = await teams.teams.execute(
        KIM,
        "opening.register-service-account",
        card_buttons(anchored.card)[0]["data"],
        review.activity_id,
        conversation=CHANNEL,
    )
    assert opened.text == teams_texts.FORM_BELOW
    [form_post] = teams.connector.to(COMMUNICATORS_CHANNEL, "reply")
    service_form = form_post.card
    bad = await teams.teams.execute(
        KIM,
        "smbot.form",
        filled(
            service_form,
            {
                "url": "@forshagabibliotek",
                "credentials": "received",
                "reference": "Lösen: Hemligt123!",
            },
        ),
        conversation=CHANNEL,
    )
    assert bad.card is not None and "Rätta det som är markerat nedan" in card_text(bad.card)
    assert account(teams).service_account_url is None
    done = await teams.teams.execute(
        KIM,
        "smbot.form",
        filled(
            service_form,
            {
                "url": "https://www.instagram.com/forshagabibliotek",
                "credentials": "received",
                "reference": "Bitwarden, samlingen Sociala medier",
            },
        ),
        conversation=CHANNEL,
    )
    assert done.status == 200
    # The confirmation replaces the form where Kim filled it in, as in Slack (finding 21).
    registered = T.SERVICE_ACCOUNT_NOTICE.format(name="Forshaga bibliotek")
    assert card_text(done.card) == registered

    # 8. Active: the applicant and the admins are told, with the duty checklist.
    active = account(teams)
    assert active.status == AccountStatus.ACTIVE
    assert active.credentials_reference == "Bitwarden, samlingen Sociala medier"
    await teams.dispatch()
    assert not [m for m in teams.connector.to(KIM.chat) if registered in m.text]
    # The receipt's history shows every step, the manager's and the co-admin's too.
    receipt_now = [u for u in teams.connector.of("update") if u.activity_id == receipt.activity_id]
    assert "Godkänd av chefen Bertil Berg" in receipt_now[-1].text
    assert "Cecilia Ek accepterade att bli administratör" in receipt_now[-1].text
    for user in (ANNA, CECILIA):
        told = [m for m in teams.connector.to(user.chat) if "är aktivt" in m.text]
        assert len(told) == 1
        assert "uppdatera kontot varje arbetsdag" in told[0].text
    assert audit_actions(teams) == [
        "opening.submitted",
        "opening.nominated",
        "opening.manager_approved",
        "opening.admin_accepted",
        "opening.anchored",
        "opening.service_account_registered",
        "opening.activated",
    ]
    assert (await teams.dispatch()).sent == 0


async def test_invalid_applications_are_shown_on_the_card_and_nothing_is_saved(
    teams: TeamsHarness,
) -> None:
    answer = await apply(
        teams, manager=ANNA.aad, co_admins="", duties="daily", name="", purpose="x" * 1501
    )
    shown = card_text(answer.card)
    for error in (
        T.ERROR_MANAGER_IS_APPLICANT,
        T.ERROR_CO_ADMINS_MISSING,
        T.ERROR_EMPTY,
        "Högst 1500 tecken",
        "Kryssa i alla sex punkterna",
    ):
        assert error in shown
    with teams.core.session() as session:
        assert session.exec(select(Account)).all() == []
        assert session.exec(select(OutboxMessage)).all() == []
    assert audit_actions(teams) == []
    # What was typed is still there to correct.
    inputs = {e["id"]: e for e in answer.card["body"] if e["type"].startswith("Input.")}
    assert inputs["in_unit"]["value"] == "Kultur och fritid, biblioteket"
    assert inputs["in_duties"]["value"] == "daily"


async def test_the_manager_rejects_with_a_reason(teams: TeamsHarness) -> None:
    await apply(teams)
    await teams.dispatch()
    manager_post = card_with(teams.connector.to(BERTIL.chat), T.MANAGER_REQUEST_TITLE)
    teams.connector.clear()
    opened = await press(teams, BERTIL, manager_post, "Avslå")
    assert opened.text == teams_texts.FORM_BELOW
    reason_form = teams.connector.to(BERTIL.chat)[-1].card
    [reason_id] = [e["id"][3:] for e in reason_form["body"] if e["type"].startswith("Input.")]
    answer = await teams.teams.execute(
        BERTIL, "smbot.form", filled(reason_form, {reason_id: "Vi har redan ett konto för det."})
    )
    assert answer.status == 200
    assert account(teams).status == AccountStatus.REJECTED
    await teams.dispatch()
    told = [m for m in teams.connector.to(ANNA.chat) if "Vi har redan ett konto för det." in m.text]
    assert told


async def test_stalled_applications_remind_in_teams_then_escalate_to_the_channel(
    teams: TeamsHarness,
) -> None:
    """Proactive reminders through `tick`: once to the manager and the nominee, then the
    communicators' Teams channel; deciding resolves the escalation on its card."""
    await apply(teams)  # Tuesday 1 December, 09:00
    await teams.dispatch()
    manager_post = card_with(teams.connector.to(BERTIL.chat), T.MANAGER_REQUEST_TITLE)

    def reminders(user: TeamsUser) -> list[Sent]:
        return [m for m in teams.connector.to(user.chat) if "Påminnelse" in m.text]

    await teams.tick(datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM))
    assert reminders(BERTIL) == []
    await teams.tick(datetime(2026, 12, 3, 9, 0, tzinfo=STOCKHOLM))  # two working days
    await teams.tick(datetime(2026, 12, 3, 14, 0, tzinfo=STOCKHOLM))
    assert len(reminders(BERTIL)) == 1 and len(reminders(CECILIA)) == 1
    assert "Anna Andersson väntar på ditt beslut" in reminders(BERTIL)[0].text

    await teams.tick(datetime(2026, 12, 8, 9, 0, tzinfo=STOCKHOLM))  # five working days
    channel = teams.connector.to(COMMUNICATORS_CHANNEL)
    # The morning's digest comes after the morning's other sweeps: it lists the new one.
    digest = channel[-1]
    assert "Olösta eskaleringar – 2026-12-08" in digest.text
    assert "Bertil Berg har inte beslutat" in digest.text
    escalations = [p for p in channel if "Olösta eskaleringar" not in p.text]
    stalled = card_with(escalations, "Bertil Berg har inte beslutat")
    assert [b["title"] for b in card_buttons(stalled.card)] == ["Jag tar den", "Löst"]

    await press(teams, BERTIL, manager_post, "Godkänn")
    await teams.dispatch()
    edits = [u for u in teams.connector.of("update") if u.activity_id == stalled.activity_id]
    assert edits and "Löst" in edits[-1].text
    assert len(reminders(BERTIL)) == 1


async def test_completion_edit_and_resubmit_with_people_shown_in_the_pickers(
    teams: TeamsHarness,
) -> None:
    await apply(teams)
    await teams.dispatch()
    await press(teams, BERTIL, card_with(teams.connector.to(BERTIL.chat), "Godkänn"), "Godkänn")
    await teams.dispatch()
    review = card_with(teams.connector.to(COMMUNICATORS_CHANNEL), "Förankra")
    teams.connector.clear()
    opened = await press(teams, KIM, review, "Begär komplettering", CHANNEL)
    assert opened.text == teams_texts.FORM_BELOW
    [form_post] = teams.connector.to(COMMUNICATORS_CHANNEL, "reply")
    await teams.teams.execute(
        KIM,
        "smbot.form",
        filled(form_post.card, {"comment": "Beskriv resurserna närmare."}),
        conversation=CHANNEL,
    )
    await teams.dispatch()

    # Anna's status card now offers "Ändra ansökan"; the form opens filled in.
    receipt = card_with(teams.connector.to(ANNA.chat), "Beskriv resurserna närmare.")
    teams.connector.clear()
    await press(teams, ANNA, receipt, T.EDIT)
    edit_form = teams.connector.to(ANNA.chat)[-1].card
    inputs = {e["id"]: e for e in edit_form["body"] if e["type"].startswith("Input.")}
    assert inputs["in_name"]["value"] == "Forshaga bibliotek"
    assert inputs["in_manager"]["value"] == BERTIL.aad
    assert inputs["in_manager"]["choices"] == [{"title": BERTIL.name, "value": BERTIL.aad}]
    assert inputs["in_co_admins"]["value"] == CECILIA.aad
    values = {e["id"][3:]: e.get("value", "") for e in inputs.values()}
    values["resources"] = "Anna 2 h och Cecilia 2 h i veckan."
    answer = await teams.teams.execute(ANNA, "smbot.form", filled(edit_form, values))
    assert T.RESUBMITTED_NOTICE.format(name="Forshaga bibliotek") in card_text(answer.card)
    resubmitted = account(teams)
    assert resubmitted.resources == "Anna 2 h och Cecilia 2 h i veckan."
    assert resubmitted.completion_request is None and resubmitted.revision == 2


async def test_a_nominee_declines_and_the_applicant_withdraws(teams: TeamsHarness) -> None:
    await apply(teams)
    await teams.dispatch()
    cecilia_post = card_with(teams.connector.to(CECILIA.chat), T.ADMIN_REQUEST_TITLE)
    declined = await press(teams, CECILIA, cecilia_post, T.DECLINE)
    assert card_buttons(declined.card) == []
    again = await press(teams, CECILIA, cecilia_post, T.ACCEPT)
    assert again.text == T.NOMINATION_ALREADY_ANSWERED
    await teams.dispatch()
    assert any("Cecilia Ek" in m.text for m in teams.connector.to(ANNA.chat)[1:])

    receipt = card_with(
        teams.connector.to(ANNA.chat), T.RECEIPT_TITLE.format(name="Forshaga bibliotek")
    )
    forged = await teams.teams.execute(
        EVE,
        "opening.withdraw",
        {"smbot": "action", "action": "opening.withdraw", "value": str(account(teams).id)},
    )
    assert forged.text in (T.ONLY_APPLICANT, T.ONLY_APPLICANT_OR_COMMUNICATOR)
    assert account(teams).status == AccountStatus.PENDING
    await press(teams, ANNA, receipt, T.WITHDRAW)
    assert account(teams).status == AccountStatus.WITHDRAWN


async def test_listings_in_teams(teams: TeamsHarness) -> None:
    await apply(teams)
    await teams.dispatch()
    teams.connector.clear()
    await teams.teams.message(ANNA, "/mina konton")
    [mine] = teams.connector.to(ANNA.chat)
    assert "Forshaga bibliotek" in mine.text and "Bertil Berg" in mine.text
    await teams.teams.message(EVE, "kontoregister")
    [refused] = teams.connector.to(EVE.chat)
    assert refused.text == texts.common.COMMUNICATORS_ONLY
    await teams.teams.message(KIM, "kontoregister")
    [register] = teams.connector.to(KIM.chat)
    assert "1 konto: 1 väntande." in register.text
    assert "Forshaga bibliotek" in register.text  # the waiting application


async def test_a_manager_who_cannot_be_reached_is_named_and_sent_again(
    teams: TeamsHarness,
) -> None:
    """Finding 5c: Bertil has not opened smbot in Teams. Anna is told why nothing happens,
    the communicators' notice names the account and has Skicka igen (communicators only);
    once Bertil has opened the app, one press sends his card, and only once."""
    teams.connector.unreachable.update({BERTIL.id, BERTIL.aad})
    await apply(teams)
    await teams.tick()
    await teams.dispatch()  # what the failed send enqueued
    assert teams.connector.to(BERTIL.chat) == []
    [told] = [m for m in teams.connector.to(ANNA.chat) if "kan inte nås" in m.text]
    assert "Bertil Berg kan inte nås i Teams än" in told.text
    assert "Be Bertil Berg öppna appen smbot i Teams" in told.text
    assert "Forshaga bibliotek (Instagram)" in told.text
    [notice] = [m for m in teams.connector.to(COMMUNICATORS_CHANNEL) if "kan inte nås" in m.text]
    assert notice.card is not None
    assert "Forshaga bibliotek (Instagram): Bertil Berg kan inte nås i Teams" in notice.text
    assert "Anna Andersson väntar på svar" in notice.text
    assert [b["title"] for b in card_buttons(notice.card)] == [texts.delivery.RESEND]

    # Only communicators may send it again; Eve's press changes nothing.
    refused = await press(teams, EVE, notice, texts.delivery.RESEND, CHANNEL)
    assert refused.text == texts.common.COMMUNICATORS_ONLY
    await teams.dispatch()
    assert teams.connector.to(BERTIL.chat) == []

    # Bertil opens the app; Kim sends the card again, twice by mistake: it arrives once.
    teams.connector.unreachable.clear()
    await teams.teams.install(BERTIL)
    resent = await press(teams, KIM, notice, texts.delivery.RESEND, CHANNEL)
    # The notice changes in place: no button, who sent it again.
    assert "Skickat igen av Kim Kommunikatör" in card_text(resent.card)
    assert card_buttons(resent.card) == []
    again = await press(teams, KIM, notice, texts.delivery.RESEND, CHANNEL)
    assert again.text == texts.delivery.RESEND_ALREADY
    await teams.dispatch()
    manager_posts = [
        m for m in teams.connector.to(BERTIL.chat) if T.MANAGER_REQUEST_TITLE in m.text
    ]
    assert len(manager_posts) == 1
    assert [b["title"] for b in card_buttons(manager_posts[0].card)] == [T.APPROVE, T.REJECT]
    edits = [u for u in teams.connector.of("update") if u.activity_id == notice.activity_id]
    assert edits and "Skickat igen av Kim Kommunikatör" in edits[-1].text
    assert card_buttons(edits[-1].card) == []

    # The card that arrived is the real one: Bertil approves from it.
    approved = await press(teams, BERTIL, manager_posts[0], "Godkänn")
    assert "Godkänd av Bertil Berg" in card_text(approved.card)
    assert account(teams).manager_approved_at is not None
    with teams.core.session() as session:
        keys = session.exec(select(OutboxMessage.key)).all()
    assert len([k for k in keys if "#resend" in k and "#update" not in k]) == 1


async def test_the_guideline_is_linked_from_the_welcome_and_the_form(
    database_url, fake_slack, clock, fake_connector
) -> None:  # type: ignore[no-untyped-def]
    """Finding 16: with GUIDELINE_URL set, the first contact and the application form link it."""
    url = "https://www.forshaga.se/riktlinje-sociala-medier"
    harness = TeamsHarness(database_url, fake_slack, clock, fake_connector, guideline_url=url)
    await harness.start()
    try:
        await harness.teams.install(ANNA)
        await harness.dispatch()
        welcome = harness.connector.to(ANNA.chat)[-1]
        assert f"[riktlinjen för sociala medier]({url})" in welcome.text
        form = await form_card(harness)
        assert f"({url})" in card_text(form)
    finally:
        await harness.stop()
