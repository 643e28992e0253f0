"""Forms and buttons in Teams, on a small flow registered by the test itself (generic machinery):
the Adaptive Card form, validation shown on the card with nothing saved, people pickers
turned into persons, per-user refresh, forged presses refused, the card edited in place."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot import audit, router, texts
from bot.app import FLOWS
from bot.messages import Button, Form, FormField, Message, Option
from bot.outbox import enqueue_to_person, enqueue_update
from bot.people import find_by_identity, identity_of
from bot.registry import Registry, Verbs
from storage.models import AuditEntry, Person
from tests.fakes.bot_connector import card_buttons, card_text
from tests.support.teams_harness import ANNA, BERTIL, CECILIA, EVE, KIM, TeamsHarness, teams_fixture
from tests.support.teams_requests import TeamsUser

ONLY_THE_CHOSEN = "Bara den valda chefen kan godkänna."
TEAM = "19:allmant@thread.tacv2"

FORM = Form(
    id="prov.apply",
    title="Provansökan",
    submit_label="Skicka in",
    intro="Fyll i allt.",
    fields=[
        FormField(id="namn", label="Kontots namn", kind="text", max_length=20),
        FormField(
            id="plattform",
            label="Plattform",
            kind="select",
            options=[Option(value="fb", label="Facebook"), Option(value="ig", label="Instagram")],
        ),
        FormField(id="chef", label="Närmaste chef", kind="user"),
        FormField(id="medadmin", label="Medadministratörer", kind="users", required=False),
        FormField(
            id="villkor",
            label="Villkor",
            kind="checkboxes",
            options=[Option(value="ok", label="Jag följer riktlinjerna")],
        ),
    ],
)


def _apply(ctx: router.Context, values: dict[str, Any], context: str) -> router.Reply:
    # Written before validating on purpose: the platform must roll it back on errors.
    audit.record(ctx.session, ctx.now, "prov.submitted", actor_id=ctx.actor.id)
    errors = {}
    if not values["namn"] or len(values["namn"]) > 20:
        errors["namn"] = "Skriv ett namn på högst 20 tecken."
    if values["chef"] == str(ctx.actor.id) or not values["chef"]:
        errors["chef"] = "Välj din chef, inte dig själv."
    if values["villkor"] != ["ok"]:
        errors["villkor"] = "Du måste bekräfta."
    if errors:
        return router.Reply(errors=errors)
    chef = int(values["chef"])
    message = Message(
        title="Godkänn provansökan",
        text=f"{ctx.actor.person.name} vill öppna {values['namn']} ({values['plattform']}).",
        buttons=[Button(label="Godkänn", action="prov.approve", value=str(chef), style="primary")],
        actors=[chef],
    )
    enqueue_to_person(ctx.session, ctx.core, "prov:approval", chef, message)
    admins = ",".join(values["medadmin"])
    audit.record(ctx.session, ctx.now, "prov.applied", actor_id=ctx.actor.id, admins=admins)
    return router.Reply(notice="Skickat till din chef.")


def _approve(ctx: router.Context, value: str) -> router.Reply:
    if str(ctx.actor.id) != value:
        return router.Reply(notice=ONLY_THE_CHOSEN)
    done = ctx.session.exec(select(AuditEntry).where(AuditEntry.action == "prov.approved")).first()
    if done is not None:
        return router.Reply(notice=texts.common.ALREADY_DECIDED)
    audit.record(ctx.session, ctx.now, "prov.approved", actor_id=ctx.actor.id)
    enqueue_update(
        ctx.session, ctx.core, "prov:approval", Message(text="Godkänd", footer="Beslut: godkänd")
    )
    return router.Reply(notice="Godkänt.")


def _boom(ctx: router.Context, value: str) -> router.Reply:
    audit.record(ctx.session, ctx.now, "prov.boom", actor_id=ctx.actor.id)
    raise RuntimeError("a bug")


def _prov_registry() -> Registry:
    """The bot's own verbs plus the small test flow."""
    prov = Verbs()
    prov.command("prov-ansokan", "Provansökan")(lambda ctx, text: router.Reply(form=FORM))
    prov.form("prov.apply")(_apply)
    prov.action("prov.approve")(_approve)
    prov.action("prov.boom")(_boom)
    return Registry.build([*FLOWS, prov])


teams = teams_fixture(_prov_registry)


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in card["body"] if e["type"].startswith("Input.")}


def submit_data(card: dict[str, Any], **values: str) -> dict[str, Any]:
    """What Teams sends when the form is submitted: the action data plus every input's value."""
    [action] = card["actions"]
    return {**action["data"], **{f"in_{key}": value for key, value in values.items()}}


def audits(teams: TeamsHarness, action: str) -> list[AuditEntry]:
    with teams.core.session() as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))


def person(teams: TeamsHarness, user: TeamsUser) -> Person:
    with teams.core.session() as session:
        found = find_by_identity(session, "aad", user.aad)
        assert found is not None
        return found


def teams_id(teams: TeamsHarness, person: Person) -> str | None:
    assert person.id is not None
    with teams.core.session() as session:
        return identity_of(session, person.id, "teams")


async def open_form(teams: TeamsHarness) -> dict[str, Any]:
    await teams.teams.message(ANNA, "prov ansökan")
    [sent] = teams.connector.to(ANNA.chat)
    assert sent.card is not None
    return sent.card


async def test_the_form_is_an_adaptive_card_with_people_pickers(teams: TeamsHarness) -> None:
    card = await open_form(teams)
    fields = inputs(card)
    assert fields["in_namn"]["type"] == "Input.Text"
    assert fields["in_plattform"]["type"] == "Input.ChoiceSet"
    assert [c["value"] for c in fields["in_plattform"]["choices"]] == ["fb", "ig"]
    for picker, multi in (("in_chef", False), ("in_medadmin", True)):
        assert fields[picker]["type"] == "Input.ChoiceSet"
        assert fields[picker]["choices.data"] == {
            "type": "Data.Query",
            "dataset": "graph.microsoft.com/users",
        }
        assert fields[picker]["isMultiSelect"] is multi
    assert fields["in_villkor"]["type"] == "Input.Toggle"
    [submit] = card["actions"]
    assert (submit["type"], submit["verb"], submit["title"]) == (
        "Action.Execute",
        "smbot.form",
        "Skicka in",
    )
    assert submit["fallback"]["type"] == "Action.Submit"


async def test_invalid_input_is_shown_on_the_card_and_nothing_is_saved(
    teams: TeamsHarness,
) -> None:
    card = await open_form(teams)
    data = submit_data(card, namn="x" * 21, plattform="ig", chef=ANNA.aad, villkor="")
    answer = await teams.teams.execute(ANNA, "smbot.form", data)
    assert answer.status == 200
    assert answer.card is not None
    shown = card_text(answer.card)
    assert "Rätta det som är markerat nedan" in shown
    assert "Skriv ett namn på högst 20 tecken." in shown
    assert "Välj din chef, inte dig själv." in shown
    assert "Du måste bekräfta." in shown
    again = inputs(answer.card)
    assert again["in_namn"]["value"] == "x" * 21  # what was typed stays
    assert again["in_plattform"]["value"] == "ig"
    assert again["in_chef"]["value"] == ANNA.aad  # the picked person is shown again
    assert audits(teams, "prov.submitted") == []  # rolled back
    await teams.dispatch()
    assert teams.connector.of("send", "create") == []


async def test_the_whole_flow_with_refresh_per_user_and_a_restart(teams: TeamsHarness) -> None:
    await teams.teams.install_in_team(KIM, TEAM)  # lets the bot open chats in that team
    # As in Teams: a 1:1 chat knows only its own member; the team knows everyone.
    teams.connector.conversation_members[ANNA.chat] = {ANNA.id}
    card = await open_form(teams)
    data = submit_data(
        card,
        namn="Biblioteket",
        plattform="fb",
        chef=BERTIL.aad,
        medadmin=f"{CECILIA.aad},{EVE.aad}",
        villkor="ok",
    )
    answer = await teams.teams.execute(ANNA, "smbot.form", data)
    assert answer.card is not None
    assert card_text(answer.card) == "Skickat till din chef."
    # People picked by AAD id became persons, with names from the member lookup.
    bertil, cecilia = person(teams, BERTIL), person(teams, CECILIA)
    assert (bertil.name, teams_id(teams, bertil), bertil.email) == (
        BERTIL.name,
        BERTIL.id,
        BERTIL.email,
    )
    [applied] = audits(teams, "prov.applied")
    assert applied.detail["admins"] == f"{cecilia.id},{person(teams, EVE).id}"

    await teams.restart()  # a new process on the same database
    await teams.dispatch()
    # Bertil never talked to the bot: a 1:1 chat is opened in the team, then remembered.
    [created] = teams.connector.of("create")
    assert created.body["members"] == [{"id": BERTIL.id}]
    assert created.body["channelData"] == {"tenant": {"id": "tenant-1"}}
    [approval] = teams.connector.to(BERTIL.chat)
    assert "Godkänn provansökan" in approval.text
    # Only Bertil reads his 1:1 chat: the buttons are on the card at once (issue 10),
    # also for clients without Universal Actions, and no refresh is needed.
    assert [b["title"] for b in card_buttons(approval.card)] == ["Godkänn"]
    assert "refresh" not in approval.card
    mine = approval

    forged = await teams.teams.press(EVE, mine.card, "Godkänn", reply_to=approval.activity_id)
    assert forged.text == ONLY_THE_CHOSEN
    assert audits(teams, "prov.approved") == []

    decided = await teams.teams.press(BERTIL, mine.card, "Godkänn", reply_to=approval.activity_id)
    assert decided.status == 200
    assert "Beslut: godkänd" in card_text(decided.card)
    assert card_buttons(decided.card) == []
    await teams.dispatch()
    [edit] = teams.connector.of("update")
    assert (edit.conversation_id, edit.activity_id) == (BERTIL.chat, approval.activity_id)
    assert "Beslut: godkänd" in edit.text

    twice = await teams.teams.press(BERTIL, mine.card, "Godkänn", reply_to=approval.activity_id)
    assert twice.status == 200
    assert len(audits(teams, "prov.approved")) == 1

    # Later messages to Bertil go to the chat that was opened; no second chat.
    with teams.core.session() as session:
        enqueue_to_person(session, teams.core, "prov:later", bertil.id, Message(text="Hej igen"))
    await teams.dispatch()
    assert len(teams.connector.of("create")) == 1
    assert "Hej igen" in teams.connector.to(BERTIL.chat)[-1].text


async def test_a_form_submitted_from_an_old_client_edits_the_form_card(
    teams: TeamsHarness,
) -> None:
    card = await open_form(teams)
    [form_message] = teams.connector.to(ANNA.chat)
    data = submit_data(card, namn="", plattform="fb", chef=BERTIL.aad, villkor="ok")
    data = {**card["actions"][0]["fallback"]["data"], **data}
    await teams.teams.message(ANNA, "", value=data, replyToId=form_message.activity_id)
    [edit] = teams.connector.of("update")
    assert edit.activity_id == form_message.activity_id
    assert "Skriv ett namn på högst 20 tecken." in edit.text
    assert audits(teams, "prov.submitted") == []


async def test_malformed_card_data_changes_nothing(teams: TeamsHarness) -> None:
    for data in (
        {"smbot": "form", "form": "prov.apply"},
        {"smbot": "form", "form": "prov.apply", "fields": {"namn": "text"}, "definition": 5},
        {"smbot": "refresh", "message": "x"},
        {"smbot": "action"},
        {},
    ):
        answer = await teams.teams.execute(ANNA, "smbot.form", data)
        assert answer.status == 200
        assert answer.text == texts.common.UNKNOWN_ACTION
    assert audits(teams, "prov.submitted") == []


async def test_people_are_found_in_a_team_that_lists_members_by_teams_id_only(
    teams: TeamsHarness,
) -> None:
    await teams.teams.install_in_team(KIM, TEAM)
    teams.connector.conversation_members[ANNA.chat] = {ANNA.id}
    teams.connector.lookup_by_teams_id_only = True  # as the Agents Playground does
    card = await open_form(teams)
    data = submit_data(
        card, namn="Bibblan", plattform="fb", chef=BERTIL.aad, medadmin=CECILIA.aad, villkor="ok"
    )
    answer = await teams.teams.execute(ANNA, "smbot.form", data)
    assert card_text(answer.card) == "Skickat till din chef."
    for user in (BERTIL, CECILIA):
        found = person(teams, user)
        assert (found.name, teams_id(teams, found)) == (user.name, user.id)


async def test_a_failing_action_answers_in_swedish_and_saves_nothing(
    teams: TeamsHarness,
) -> None:
    data = {"smbot": "action", "action": "prov.boom", "value": ""}
    answer = await teams.teams.execute(ANNA, "prov.boom", data)
    assert (answer.status, answer.text) == (200, texts.common.SOMETHING_WENT_WRONG)
    assert audits(teams, "prov.boom") == []


def test_a_submit_that_gives_something_up_is_not_green() -> None:
    """Finding 13: `Avgå` is not styled as the go-ahead; an ordinary form's submit is."""
    from handlers.teams.cards import form_card

    def submit(style: str) -> dict[str, Any]:
        form = Form(
            id="x",
            title="Avgå som administratör",
            submit_label="Avgå",
            fields=[FormField(id="a", label="Konto", kind="text")],
            submit_style=style,  # type: ignore[arg-type]
        )
        return form_card(form)["actions"][0]

    assert "style" not in submit("default")
    assert submit("primary")["style"] == "positive"
