"""Core messages and forms → Adaptive Cards; submitted card data → plain form values.

Buttons are Universal Actions (`Action.Execute`, verb = the core action) with an
`Action.Submit` fallback for clients without them. A message with `actors` carries a
`refresh` for those users only: everyone else sees it without buttons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot import command_refs
from bot.chat_files import FileLink
from bot.markup import People, bullets, escape, link, nobody
from bot.mentions import mentioned_ids
from bot.messages import Button, Form, FormField, Message
from bot.moments import wall_clock
from bot.secrets_guard import password_reason
from bot.texts.plural import swedish_date
from handlers.teams import markup
from handlers.teams import texts as teams_texts
from handlers.teams.commands import spoken

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"  # Universal Actions need 1.4+; Teams renders 1.5
# What our card data says it is, so a submit is told apart from anything else.
KIND = "smbot"
# The outbox key of the message a card shows, in its buttons' and refresh's data.
KEY = "key"
REFRESH_VERB = "smbot.refresh"
FORM_VERB = "smbot.form"
INPUT_PREFIX = "in_"
# A date and time is two inputs: Input.Date with the field's id, Input.Time with this added.
TIME_SUFFIX = "__time"
PEOPLE_DATASET = "graph.microsoft.com/users"
# Teams shows at most this many buttons side by side before it cuts their titles;
# the rest go into the card's "…" overflow (mode: secondary).
MAX_PRIMARY_ACTIONS = 3
# Three side by side fit only short titles (a 520 px card; narrower on a phone): longer ones
# are cut ("Ansök om nytt ko…"), so then two, and the overflow.
MAX_TITLE_OF_THREE = 16


@dataclass
class PersonChoice:
    """What a people picker needs to show an already chosen person."""

    aad_object_id: str
    name: str


@dataclass
class FormState:
    """A form being (re)shown: the values typed so far and the errors on them."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> dict:
    card: dict[str, Any] = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION}
    card["body"] = body or [_text(" ")]
    if actions:
        card["actions"] = actions
    return card


# ---- messages ----------------------------------------------------------------------------


def message_card(
    message: Message,
    *,
    show_buttons: bool = True,
    refresh_user_ids: list[str] | None = None,
    key: str | None = None,
    people: People = nobody,
    files: list[FileLink] | None = None,
) -> dict[str, Any]:
    """The card for a message. With `refresh_user_ids` only those users get the buttons.

    `key` is the outbox key of a sent message; its buttons and refresh carry it back.
    A card sent to an actor's own 1:1 chat is built with `show_buttons=True` and no
    `refresh_user_ids`: only that person sees it, also on clients without Universal Actions.
    """
    message = command_refs.render_model(message, typed_command)
    people = markup.CardPeople(people)
    body: list[dict[str, Any]] = []
    if message.title:
        body.append(_text(message.title, weight="Bolder", size="Medium"))
    if message.text:
        body.extend(markup.elements(message.text, people))
    if message.facts:
        facts = [
            {"title": f.label, "value": markup.markdown(f.value, people)} for f in message.facts
        ]
        body.append({"type": "FactSet", "facts": facts})
    if message.checklist:
        body.extend(markup.elements(bullets(message.checklist), people))
    if message.footer:
        body.extend(markup.elements(message.footer, people, isSubtle=True, size="Small"))
    body.extend(file_elements(files or []))
    restricted = bool(message.actors) and bool(message.buttons)
    buttons = message.buttons if show_buttons or not restricted else []
    if restricted and not show_buttons:
        body.append(_text(teams_texts.BUTTONS_FOR_OTHERS, isSubtle=True, size="Small"))
    card = _card(body, actions(buttons, key))
    entities = markup.mention_entities(people, mentioned_ids(message))
    if entities:
        card["msteams"] = {"entities": entities}
    if restricted and refresh_user_ids is not None:
        card["refresh"] = {
            "action": {
                "type": "Action.Execute",
                "verb": REFRESH_VERB,
                # Without the files' bytes: a card holds at most 28 KB.
                "data": _with_key(
                    {KIND: "refresh", "message": message.model_dump(exclude={"attachments"})},
                    key,
                ),
            },
            "userIds": refresh_user_ids,
        }
    return card


def file_elements(files: list[FileLink]) -> list[dict[str, Any]]:
    """Pictures on the card, and every file as a download link (Teams takes no file from a
    bot outside a personal chat: docs/teams.md)."""
    if not files:
        return []
    out: list[dict[str, Any]] = []
    for file in files:
        if file.is_image and file.url:
            out.append({"type": "Image", "url": file.url, "altText": file.name, "size": "Stretch"})
    names = [link(f.name, f.url) if f.url else escape(f.name) for f in files]
    out.append(_text(teams_texts.FILES_HEADING, weight="Bolder", spacing="Medium"))
    out.extend(markup.elements(bullets(names), spacing="None"))
    expiries = [file.expires_at for file in files if file.url and file.expires_at]
    if expiries:
        when = min(expiries)  # in office time (chat_files.links)
        note = teams_texts.FILES_EXPIRE.format(
            date=swedish_date(when.date()), time=when.strftime("%H.%M")
        )
    else:
        note = teams_texts.FILES_NO_LINK
    out.append(_text(note, isSubtle=True, size="Small", spacing="None"))
    return out


def _with_key(data: dict[str, Any], key: str | None) -> dict[str, Any]:
    return data if key is None else {**data, KEY: key}


def actions(buttons: list[Button], key: str | None = None) -> list[dict[str, Any]]:
    """Card actions: up to three side by side (two when a title is long). With more, the
    first two and the overflow menu ("…", which takes the third place) holding the rest."""
    out = [_action(button, key) for button in buttons]
    side_by_side = MAX_PRIMARY_ACTIONS
    if any(len(b.label) > MAX_TITLE_OF_THREE for b in buttons[:MAX_PRIMARY_ACTIONS]):
        side_by_side = MAX_PRIMARY_ACTIONS - 1
    if len(out) > side_by_side:
        for extra in out[MAX_PRIMARY_ACTIONS - 1 :]:
            extra["mode"] = "secondary"
    return out


def _action(button: Button, key: str | None) -> dict[str, Any]:
    """A button; one that asks first opens a confirming step with the real button inside."""
    if not button.confirm:
        return _execute(button, key)
    confirmed = _execute(button.model_copy(update={"style": "danger"}), key)
    confirmed["title"] = button.label
    body = markup.elements(teams_text(button.confirm))
    return {
        "type": "Action.ShowCard",
        "title": button.label,
        "card": {"type": "AdaptiveCard", "body": body, "actions": [confirmed]},
    }


def _execute(button: Button, key: str | None = None) -> dict[str, Any]:
    data = _with_key({KIND: "action", "action": button.action, "value": button.value}, key)
    submit: dict[str, Any] = {"type": "Action.Submit", "title": button.label, "data": data}
    action: dict[str, Any] = {
        "type": "Action.Execute",
        "title": button.label,
        "verb": button.action,
        "data": data,
        "fallback": submit,
    }
    if button.style:
        style = "positive" if button.style == "primary" else "destructive"
        action["style"] = style
        submit["style"] = style
    return action


def notice_card(text: str, people: People = nobody) -> dict[str, Any]:
    return _card(markup.elements(command_refs.render(text, typed_command), people))


# ---- forms -------------------------------------------------------------------------------


def form_card(
    form: Form, people: dict[str, PersonChoice] | None = None, state: FormState | None = None
) -> dict[str, Any]:
    """An Adaptive Card form. `people` maps person ids (initial values) to picker choices."""
    people = people or {}
    state = state or FormState()
    form = command_refs.render_model(form, typed_command)
    state = FormState(state.values, {k: teams_text(v) for k, v in state.errors.items()})
    body: list[dict[str, Any]] = [_text(form.title, weight="Bolder", size="Medium")]
    if state.errors:
        body.append(_text(teams_texts.FORM_HAS_ERRORS, color="Attention", weight="Bolder"))
    if form.intro:
        body.extend(markup.elements(form.intro))
    if form.buttons:
        # In the body, not the card's actions: the form's one action stays its submit.
        body.append({"type": "ActionSet", "actions": actions(form.buttons)})
    for form_field in form.fields:
        value = state.values.get(form_field.id, form_field.initial)
        if form_field.kind == "datetime":
            body.extend(_date_and_time(form_field, value))
        else:
            body.append(_input(form_field, value, people))
        if form_field.hint:
            body.append(_text(form_field.hint, isSubtle=True, size="Small", spacing="None"))
        if form_field.id in state.errors:
            body.append(_text(state.errors[form_field.id], color="Attention", spacing="None"))
    data = {
        KIND: "form",
        "form": form.id,
        "context": form.context,
        "fields": {f.id: f.kind for f in form.fields},
        # The form itself, so a submission with errors can be shown again as it was.
        "definition": form.model_dump(),
    }
    submit = {"type": "Action.Submit", "title": form.submit_label, "data": data}
    action = {
        "type": "Action.Execute",
        "title": form.submit_label,
        "verb": FORM_VERB,
        "data": data,
        "fallback": submit,
    }
    if form.submit_style == "primary":
        action["style"] = "positive"
    return _card(body, [action])


def input_id(field_id: str) -> str:
    return INPUT_PREFIX + field_id


def _input(form_field: FormField, value: Any, people: dict[str, PersonChoice]) -> dict:
    element: dict[str, Any] = {
        "id": input_id(form_field.id),
        "label": form_field.label + ("" if form_field.required else teams_texts.OPTIONAL),
    }
    kind = form_field.kind
    if isinstance(value, str) and password_reason(value) is not None:
        # A value refused as a password is never shown again, not even to its writer:
        # on older clients the re-shown card replaces a message others can read.
        value = ""
    if kind == "date":
        element.update(type="Input.Date")
        if isinstance(value, str) and value:
            element["value"] = value
        return element
    if kind in ("text", "textarea"):
        element.update(type="Input.Text", isMultiline=kind == "textarea")
        if form_field.placeholder:
            element["placeholder"] = form_field.placeholder
        if isinstance(value, str) and value:
            element["value"] = value
        return element
    if kind == "select":
        element.update(
            type="Input.ChoiceSet", style="compact", choices=_choices(form_field), wrap=True
        )
        element["placeholder"] = form_field.placeholder or teams_texts.PLACEHOLDER_SELECT
        if isinstance(value, str) and value:
            element["value"] = value
        return element
    if kind == "checkboxes":
        chosen = value if isinstance(value, list) else []
        if len(form_field.options) == 1:
            # One confirmation: a toggle reads better than a one-item list.
            option = form_field.options[0]
            element.update(
                type="Input.Toggle",
                title=option.label,
                valueOn=option.value,
                valueOff="",
                value=option.value if option.value in chosen else "",
                wrap=True,
            )
            return element
        element.update(
            type="Input.ChoiceSet",
            style="expanded",
            isMultiSelect=True,
            choices=_choices(form_field),
            wrap=True,
        )
        if chosen:
            element["value"] = ",".join(chosen)
        return element
    # A people picker: Teams searches the organisation's directory itself.
    picked = value if isinstance(value, list) else [value] if value else []
    known = [people[str(p)] for p in picked if str(p) in people]
    element.update(
        type="Input.ChoiceSet",
        isMultiSelect=kind == "users",
        choices=[{"title": p.name or p.aad_object_id, "value": p.aad_object_id} for p in known],
    )
    element["choices.data"] = {"type": "Data.Query", "dataset": PEOPLE_DATASET}
    default = teams_texts.PLACEHOLDER_PEOPLE if kind == "users" else teams_texts.PLACEHOLDER_PERSON
    element["placeholder"] = form_field.placeholder or default
    if known:
        element["value"] = ",".join(p.aad_object_id for p in known)
    return element


def _date_and_time(form_field: FormField, value: Any) -> list[dict[str, Any]]:
    """A day and a time picked: Input.Date and Input.Time, filled with the value's wall clock
    (the core gives its initial values in local time)."""
    label = form_field.label + ("" if form_field.required else teams_texts.OPTIONAL)
    day: dict[str, Any] = {"type": "Input.Date", "id": input_id(form_field.id), "label": label}
    time: dict[str, Any] = {
        "type": "Input.Time",
        "id": input_id(form_field.id) + TIME_SUFFIX,
        "label": teams_texts.TIME_LABEL,
    }
    shown = wall_clock(value) if isinstance(value, str) else None
    if shown is not None:
        day["value"], time["value"] = shown
    return [day, time]


def _choices(form_field: FormField) -> list[dict[str, str]]:
    return [{"title": o.label, "value": o.value} for o in form_field.options]


@dataclass
class Submission:
    form: str
    context: str
    values: dict[str, Any]
    # Field id → AAD object ids picked (turned into person ids by the caller).
    people: dict[str, list[str]]
    kinds: dict[str, str]


def parse_submission(data: dict[str, Any]) -> Submission:
    """Plain values from a submitted form card. Raises ValueError on a malformed one."""
    kinds = data.get("fields")
    if not isinstance(kinds, dict) or not isinstance(data.get("form"), str):
        raise ValueError("not a form submission")
    values: dict[str, Any] = {}
    people: dict[str, list[str]] = {}
    for field_id, kind in kinds.items():
        raw = data.get(input_id(str(field_id)), "")
        raw = raw if isinstance(raw, str) else str(raw)
        if kind in ("user", "users"):
            people[field_id] = _split(raw)
        elif kind == "checkboxes":
            values[field_id] = _split(raw)
        elif kind == "datetime":
            values[field_id] = _day_and_time(raw, data.get(input_id(str(field_id)) + TIME_SUFFIX))
        else:
            values[field_id] = raw
    context = data.get("context", "")
    return Submission(
        form=data["form"],
        context=context if isinstance(context, str) else "",
        values=values,
        people=people,
        kinds={str(k): str(v) for k, v in kinds.items()},
    )


def _day_and_time(day: str, time: Any) -> str:
    """Input.Date's "2026-12-01" and Input.Time's "14:30" as the core's local value. Half of
    it, or something else, goes on as it is: the core refuses it with its own message."""
    time = time.strip() if isinstance(time, str) else ""
    if len(time) == len("14:30:00") and time.endswith(":00"):
        time = time[:5]  # some clients add the seconds
    return " ".join(part for part in (day.strip(), time) if part)


def _split(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


# ---- text --------------------------------------------------------------------------------


def typed_command(name: str) -> str:
    """A command reference in Teams: the words to type (texts add emphasis where they want)."""
    return spoken(name)


def teams_text(text: str, people: People = nobody) -> str:
    """A markup text as one Markdown string, command references as Teams users type them."""
    return markup.markdown(command_refs.render(text, typed_command), people)


def _text(text: str, **style: Any) -> dict[str, Any]:
    return markup.text_block(text, **style)
