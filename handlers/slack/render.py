"""Core messages and forms → Block Kit; submitted modal state → plain values."""

from __future__ import annotations

import json
from typing import Any

from bot import command_refs
from bot.markup import People, nobody
from bot.messages import Button, Form, FormField, Message
from bot.moments import epoch, from_epoch
from bot.registry import fold
from handlers.slack import markup

VALUE_ACTION = "value"  # the action_id of every input element in our modals
MAX_TEXT = 2900  # Block Kit section text limit is 3000
MAX_LABEL = 75  # Slack's limit for a button's or an option's text
CONFIRM_TITLE = "Är du säker?"
CONFIRM_DENY = "Avbryt"
# Slack's own English defaults ("Select an option") otherwise.
PLACEHOLDERS = {"select": "Välj", "user": "Välj en person", "users": "Välj personer"}


def action_id(button: Button, index: int) -> str:
    # action_ids must be unique within a message; the suffix keeps them so.
    return f"{button.action}|{index}"


def action_name(slack_action_id: str) -> str:
    return slack_action_id.split("|", 1)[0]


def slash_command(name: str) -> str:
    """How a core command is typed in Slack: as in manifest.json, without å/ä/ö."""
    return "/" + fold(name)


def slack_text(text: str, people: People = nobody) -> str:
    """A markup text as mrkdwn, command references as slash commands (notices, fallbacks)."""
    return markup.mrkdwn(command_refs.render(text, slash_command), people)


def plain_text(message: Message, people: People = nobody) -> str:
    """The notification fallback of a message."""
    text = slack_text(message.text, people)
    if not message.title:
        return text
    return markup.escape(command_refs.render(message.title, slash_command)) + "\n" + text


def message_blocks(message: Message, people: People = nobody) -> list[dict[str, Any]]:
    message = command_refs.render_model(message, slash_command)
    blocks: list[dict[str, Any]] = []
    if message.title:
        blocks.append({"type": "header", "text": _plain(cut(message.title, 150))})
    if message.text:
        blocks.append({"type": "section", "text": _mrkdwn(markup.mrkdwn(message.text, people))})
    if message.facts:
        fields = [
            _mrkdwn(f"*{markup.escape(fact.label)}*\n{markup.mrkdwn(fact.value, people)}")
            for fact in message.facts
        ]
        for start in range(0, len(fields), 10):  # at most 10 fields per section
            blocks.append({"type": "section", "fields": fields[start : start + 10]})
    if message.checklist:
        lines = "\n".join(f"• {markup.mrkdwn(item, people)}" for item in message.checklist)
        blocks.append({"type": "section", "text": _mrkdwn(lines)})
    if message.buttons:
        elements = [_button(button, index) for index, button in enumerate(message.buttons)]
        for start in range(0, len(elements), 25):
            blocks.append({"type": "actions", "elements": elements[start : start + 25]})
    if message.footer:
        footer = markup.mrkdwn(message.footer, people)
        blocks.append({"type": "context", "elements": [_mrkdwn(footer)]})
    return blocks


def _button(button: Button, index: int) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": _plain(cut(button.label, MAX_LABEL)),
        "action_id": action_id(button, index),
        "value": button.value[:2000],
    }
    if button.style:
        element["style"] = button.style
    if button.confirm:
        element["confirm"] = {
            "title": _plain(CONFIRM_TITLE),
            "text": _mrkdwn(markup.mrkdwn(button.confirm)),
            "confirm": _plain(cut(button.label, 30)),
            "deny": _plain(CONFIRM_DENY),
            "style": "danger",
        }
    return element


def cut(text: str, limit: int) -> str:
    """Text within a Slack limit, cut at a word and ended with "…" so a cut shows as one.

    Cut mid-word only when the text has no space in its second half (one very long word)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:–-") + "…"


def modal_view(
    form: Form, slack_user_ids: dict[int, str] | None = None, channel: str | None = None
) -> dict[str, Any]:
    """A modal for a form. `slack_user_ids` maps person ids in initial values to Slack ids;
    `channel` is where it was opened from, so its answer is shown there (`modal_origin`)."""
    form = command_refs.render_model(form, slash_command)
    blocks: list[dict[str, Any]] = []
    if form.intro:
        blocks.append({"type": "section", "text": _mrkdwn(markup.mrkdwn(form.intro))})
    if form.buttons:
        elements = [_button(button, index) for index, button in enumerate(form.buttons)]
        blocks.append({"type": "actions", "block_id": "form_buttons", "elements": elements})
    blocks.extend(_input_block(field, slack_user_ids or {}) for field in form.fields)
    return {
        "type": "modal",
        "callback_id": form.id,
        "private_metadata": _metadata(form.context, channel),
        "title": _plain(cut(form.title, 24)),
        "submit": _plain(cut(form.submit_label, 24)),
        "close": _plain("Avbryt"),
        "blocks": blocks,
    }


def _input_block(field: FormField, slack_ids: dict[int, str]) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "input",
        "block_id": field.id,
        "label": _plain(cut(field.label, 2000)),
        "optional": not field.required,
        "element": _element(field, slack_ids),
    }
    if field.hint:
        block["hint"] = _plain(cut(field.hint, 2000))
    return block


def _element(field: FormField, slack_ids: dict[int, str]) -> dict[str, Any]:
    kind = field.kind
    initial = field.initial
    if kind in ("text", "textarea"):
        element: dict[str, Any] = {
            "type": "plain_text_input",
            "action_id": VALUE_ACTION,
            "multiline": kind == "textarea",
        }
        # No max_length here: an overlong text gets our Swedish message, not Slack's.
        if field.placeholder:
            element["placeholder"] = _plain(field.placeholder)
        if isinstance(initial, str) and initial:
            element["initial_value"] = initial
        return element
    if kind == "datetime":
        # One picker for day and time, shown in the person's own Slack time zone.
        element = {"type": "datetimepicker", "action_id": VALUE_ACTION}
        picked = epoch(initial) if isinstance(initial, str) else None
        if picked is not None:
            element["initial_date_time"] = picked
        return element
    if kind == "date":
        element = {"type": "datepicker", "action_id": VALUE_ACTION}
        element["placeholder"] = _plain(field.placeholder or "ÅÅÅÅ-MM-DD")
        if isinstance(initial, str) and initial:
            element["initial_date"] = initial
        return element
    options = [{"text": _plain(cut(o.label, MAX_LABEL)), "value": o.value} for o in field.options]
    if kind == "select":
        element = {"type": "static_select", "action_id": VALUE_ACTION, "options": options}
        element["placeholder"] = _plain(field.placeholder or PLACEHOLDERS["select"])
        chosen = [o for o in options if o["value"] == initial]
        if chosen:
            element["initial_option"] = chosen[0]
        return element
    if kind == "checkboxes":
        element = {"type": "checkboxes", "action_id": VALUE_ACTION, "options": options}
        chosen = [o for o in options if isinstance(initial, list) and o["value"] in initial]
        if chosen:
            element["initial_options"] = chosen
        return element
    if kind == "user":
        element = {"type": "users_select", "action_id": VALUE_ACTION}
        element["placeholder"] = _plain(field.placeholder or PLACEHOLDERS["user"])
        if isinstance(initial, str) and initial.isdigit() and int(initial) in slack_ids:
            element["initial_user"] = slack_ids[int(initial)]
        return element
    element = {"type": "multi_users_select", "action_id": VALUE_ACTION}
    element["placeholder"] = _plain(field.placeholder or PLACEHOLDERS["users"])
    if isinstance(initial, list):
        users = [slack_ids[int(v)] for v in initial if v.isdigit() and int(v) in slack_ids]
        if users:
            element["initial_users"] = users
    return element


def submitted_values(state: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str | list[str]]]:
    """Plain values from `view.state.values`, and the user pickers' Slack ids apart.

    The caller turns Slack user ids into person ids before the core sees them:
    a single picker gives one id (or ""), a multi picker a list.
    """
    values: dict[str, Any] = {}
    users: dict[str, str | list[str]] = {}
    for block_id, actions in state.get("values", {}).items():
        element = actions.get(VALUE_ACTION)
        if element is None:
            continue
        if element.get("type") == "users_select":
            users[block_id] = element.get("selected_user") or ""
        elif element.get("type") == "multi_users_select":
            users[block_id] = list(element.get("selected_users") or [])
        else:
            values[block_id] = _element_value(element)
    return values, users


def _element_value(element: dict[str, Any]) -> Any:
    kind = element.get("type")
    if kind == "plain_text_input":
        return element.get("value") or ""
    if kind == "static_select":
        option = element.get("selected_option") or {}
        return option.get("value", "")
    if kind == "checkboxes":
        return [option.get("value", "") for option in element.get("selected_options") or []]
    if kind == "datepicker":
        return element.get("selected_date") or ""
    if kind == "datetimepicker":
        seconds = element.get("selected_date_time")
        return from_epoch(seconds) if isinstance(seconds, int) else ""
    return element.get("value")


def message_ref(channel: str, ts: str) -> str:
    return json.dumps({"channel": channel, "ts": ts})


def parse_ref(ref: str) -> tuple[str, str]:
    data = json.loads(ref)
    return data["channel"], data["ts"]


def _metadata(context: str, channel: str | None) -> str:
    if not channel:
        return context  # as before: a modal opened in the DM, or by a shortcut
    return json.dumps({"context": context, "channel": channel})


def modal_origin(metadata: str) -> tuple[str, str | None]:
    """A submitted modal's form context, and the channel it was opened from (if any).

    Anything that is not the object `_metadata` writes is the context itself (a modal
    opened before this was deployed, or one opened in the DM)."""
    try:
        found = json.loads(metadata)
    except ValueError:
        return metadata, None
    if not isinstance(found, dict):
        return metadata, None
    context, channel = found.get("context"), found.get("channel")
    if not isinstance(context, str) or not isinstance(channel, str) or not channel:
        return metadata, None
    return context, channel


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text or " ", "emoji": True}


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": cut(text, MAX_TEXT) or " "}
