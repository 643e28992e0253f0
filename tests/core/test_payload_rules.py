"""The payload rules (tests/support/payload_rules.py) catch what the UX review found, and
today's renderers pass them. Every card the suite sends is checked by tests/conftest.py."""

from __future__ import annotations

from bot.messages import Button, Fact, Form, FormField, Message, Option
from handlers.slack import render
from handlers.teams import cards
from tests.support.payload_rules import slack_problems, teams_problems

FIVE = [Button(label=f"Knapp {n}", action="x.y", value=str(n)) for n in range(5)]
DUTIES = [Option(value=str(n), label="frågor besvaras inom en arbetsdag " * 2) for n in range(6)]


def test_the_cards_as_they_were_break_the_rules() -> None:
    """A card as handlers/teams/cards.py made them before issue 10."""
    old = {
        "type": "AdaptiveCard",
        "body": [
            {"type": "TextBlock", "text": "**Biblioteket** (instagram)\nPublicerat idag: nej"},
            {"type": "TextBlock", "text": "> Har ni öppet på lördag?", "wrap": True},
            {"type": "TextBlock", "text": "Skriv `bevis <nummer>`", "wrap": True},
            {"type": "Input.ChoiceSet", "id": "in_duties", "style": "expanded", "choices": []},
            {"type": "Input.Toggle", "id": "in_ok", "title": "Jag följer riktlinjen"},
        ],
        "actions": [{"type": "Action.Execute", "title": b.label} for b in FIVE],
    }
    found = "\n".join(teams_problems(old))
    for expected in (
        "TextBlock without wrap",
        "single line break",
        "raw platform key",
        "'>' quote markup",
        "backtick",
        "Input.ChoiceSet without wrap",
        "Input.Toggle without wrap",
        "5 primary actions",
    ):
        assert expected in found


def test_todays_teams_cards_keep_the_rules() -> None:
    message = Message(
        title="Kommentar att besvara",
        text="Rad ett\nRad två\n> citat\n- punkt\n\nKod: `bevis 1`",
        facts=[Fact(label="Konto", value="Biblioteket (Instagram)")],
        buttons=[*FIVE[:4], FIVE[4].model_copy(update={"confirm": "Är du säker?"})],
        checklist=["en", "två"],
        footer="Rad ett\nRad två",
    )
    assert teams_problems(cards.message_card(message)) == []
    form = Form(
        id="x.form",
        title="Ansök",
        fields=[
            FormField(id="duties", label="Jag bekräftar", kind="checkboxes", options=DUTIES),
            FormField(id="ok", label="OK", kind="checkboxes", options=DUTIES[:1]),
            FormField(id="when", label="När?", kind="date"),
        ],
    )
    card = cards.form_card(form)
    assert teams_problems(card) == []
    [date_input] = [e for e in card["body"] if e.get("id") == "in_when"]
    assert date_input["type"] == "Input.Date"


def test_a_refused_password_is_not_shown_again_on_a_teams_card() -> None:
    form = Form(id="x.form", title="T", fields=[FormField(id="where", label="Var", kind="text")])
    state = cards.FormState(values={"where": "lösenord: Hemligt123!"}, errors={"where": "Nej"})
    card = cards.form_card(form, state=state)
    assert "Hemligt123!" not in str(card)


def test_slack_limits_and_confirm() -> None:
    long = Message(title="R" * 200, text="x" * 5000, buttons=[Button(label="B" * 90, action="a")])
    blocks = render.message_blocks(long)
    assert slack_problems("chat.postMessage", {"blocks": blocks, "text": "t"}) == []
    assert blocks[0]["text"]["text"].endswith("…")
    confirm = Button(label="Löst", action="a", confirm="Är du säker?")
    [element] = render.message_blocks(Message(text="t", buttons=[confirm]))[-1]["elements"]
    assert element["confirm"]["deny"]["text"] == "Avbryt"
    too_many = {"blocks": [{"type": "divider"}] * 51, "text": "(instagram)"}
    assert slack_problems("chat.postMessage", too_many) == [
        "blocks in a message: 51 > Slack's limit 50"
    ]


def test_a_date_typed_as_text_breaks_the_rules_and_a_picked_one_keeps_them() -> None:
    """The comment form as it was (issue 10, finding 18): "Mottagen (ÅÅÅÅ-MM-DD TT:MM)"."""
    typed = Form(
        id="x.form",
        title="Lägg till kommentar",
        fields=[FormField(id="received", label="Mottagen (ÅÅÅÅ-MM-DD TT:MM)", kind="text")],
    )
    assert "a date typed as text" in "\n".join(teams_problems(cards.form_card(typed)))
    modal = {"view": render.modal_view(typed)}
    assert "a date typed as text" in "\n".join(slack_problems("views.open", modal))
    picked = Form(
        id="x.form",
        title="Lägg till kommentar",
        fields=[
            FormField(
                id="received", label="Mottagen", kind="datetime", initial="2026-12-01T09:00+01:00"
            )
        ],
    )
    card = cards.form_card(picked)
    assert teams_problems(card) == []
    day, time = [e for e in card["body"] if e.get("id", "").startswith("in_received")]
    assert (day["type"], day["value"], time["type"], time["value"]) == (
        "Input.Date", "2026-12-01", "Input.Time", "09:00"
    )  # fmt: skip
    view = render.modal_view(picked)
    assert slack_problems("views.open", {"view": view}) == []
    [block] = view["blocks"]
    assert block["element"]["type"] == "datetimepicker"
    assert block["element"]["initial_date_time"] == 1796112000  # 2026-12-01 08:00 UTC
    # A picker's value of the wrong shape is caught too.
    block["element"]["initial_date_time"] = "1796112000"
    assert slack_problems("views.open", {"view": view}) == [
        "datetimepicker initial_date_time: '1796112000'"
    ]
    day["value"] = "1 december"
    assert teams_problems(card) == ["Input.Date value: '1 december'"]
