"""What a program can check of a card a person will read (issue 10 and the UX review).

Teams (Adaptive Cards): every TextBlock wraps, no single line break meant as separate lines
(Teams drops it), no `>` quote or backtick markup (Teams shows them as typed), at most three
primary actions side by side, inputs a person must read wrap, no raw platform key.
Slack (Block Kit): Slack's documented limits, and no raw platform key.
Both: a date or time is picked, never typed as text ("ÅÅÅÅ-MM-DD" in a text input's label,
placeholder or hint), and a picker's value has the shape the platform documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# "(instagram)", "Plattform: facebook": the stored key where people expect "Instagram".
RAW_PLATFORM = re.compile(
    r"\((facebook|instagram|tiktok|linkedin|youtube|twitter|x|threads)\)"
    r"|(?:Plattform|plattform)\*?:\*?\s*(facebook|instagram|tiktok|linkedin|youtube)\b"
)
SINGLE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")
TYPED_DATE = re.compile(r"ÅÅÅÅ|TT:MM")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^\d{2}:\d{2}$")
MAX_PRIMARY_ACTIONS = 3
MAX_TITLE_OF_THREE = 16  # a 520 px card cuts longer titles when three share a row


# ---- Teams -------------------------------------------------------------------------------


def teams_problems(card: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for element in _elements(card):
        kind = element.get("type")
        if kind == "TextBlock":
            problems.extend(_text_block_problems(element))
        elif kind == "FactSet":
            for fact in element.get("facts", []):
                problems.extend(_markup_problems(str(fact.get("value", "")), "fact value"))
                problems.extend(_markup_problems(str(fact.get("title", "")), "fact title"))
        elif kind == "Input.Toggle" and not element.get("wrap"):
            problems.append(f"Input.Toggle without wrap: {element.get('title', '')[:60]!r}")
        elif kind == "Input.ChoiceSet" and element.get("style") == "expanded":
            problems.extend(_wrapped(element))
        elif kind == "Input.Text":
            problems.extend(_typed_date(element.get("label"), element.get("placeholder")))
        elif kind == "Input.Date" and element.get("value"):
            problems.extend(_shaped(element["value"], DAY, "Input.Date value"))
        elif kind == "Input.Time" and element.get("value"):
            problems.extend(_shaped(element["value"], TIME, "Input.Time value"))
    for actions in _action_rows(card):
        primary = [a for a in actions if a.get("mode") != "secondary"]
        titles = [str(a.get("title", "")) for a in primary]
        if len(primary) > MAX_PRIMARY_ACTIONS:
            problems.append(f"{len(primary)} primary actions side by side: {titles}")
        elif len(primary) == MAX_PRIMARY_ACTIONS and max(map(len, titles)) > MAX_TITLE_OF_THREE:
            problems.append(f"three side by side, a title too long to show whole: {titles}")
        for action in actions:
            problems.extend(_markup_problems(str(action.get("title", "")), "action title"))
    return problems


def _typed_date(*texts: Any) -> list[str]:
    shown = " ".join(str(t) for t in texts if t)
    return [f"a date typed as text: {shown[:80]!r}"] if TYPED_DATE.search(shown) else []


def _shaped(value: Any, shape: re.Pattern[str], what: str) -> list[str]:
    return [] if isinstance(value, str) and shape.match(value) else [f"{what}: {value!r}"]


def _wrapped(choices: dict[str, Any]) -> list[str]:
    return [] if choices.get("wrap") else [f"Input.ChoiceSet without wrap: {choices.get('id')!r}"]


def _text_block_problems(block: dict[str, Any]) -> list[str]:
    text = str(block.get("text", ""))
    problems = [] if block.get("wrap") else [f"TextBlock without wrap: {text[:60]!r}"]
    if SINGLE_BREAK.search(text) and not _is_list(text):
        problems.append(f"single line break in a TextBlock (Teams drops it): {text[:80]!r}")
    return problems + _markup_problems(text, "TextBlock")


def _is_list(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    return all(re.match(r"^(- |\* |\d+\. )", line) for line in lines)


def _markup_problems(text: str, where: str) -> list[str]:
    problems = []
    if any(line.lstrip().startswith(">") for line in text.split("\n")):
        problems.append(f"'>' quote markup in a {where} (Teams shows it): {text[:80]!r}")
    if "`" in text:
        problems.append(f"backtick in a {where} (Teams shows it): {text[:80]!r}")
    if RAW_PLATFORM.search(text):
        problems.append(f"raw platform key in a {where}: {text[:80]!r}")
    return problems


def _elements(node: Any) -> Iterator[dict[str, Any]]:
    """Every element of a card, inside containers, columns and show-cards too."""
    if isinstance(node, dict):
        if "type" in node:
            yield node
        for key, value in node.items():
            if key in ("fallback", "refresh", "data"):
                continue
            yield from _elements(value)
    elif isinstance(node, list):
        for item in node:
            yield from _elements(item)


def _action_rows(card: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
    for element in _elements(card):
        if element.get("type") == "AdaptiveCard" and element.get("actions"):
            yield element["actions"]
        elif element.get("type") == "ActionSet":
            yield element.get("actions", [])


# ---- Slack -------------------------------------------------------------------------------

LIMITS = {
    "blocks_message": 50,
    "blocks_modal": 100,
    "section_text": 3000,
    "section_field": 2000,
    "section_fields": 10,
    "header": 150,
    "actions_elements": 25,
    "button_text": 75,
    "button_value": 2000,
    "option_text": 75,
    "placeholder": 150,
    "modal_title": 24,
    "modal_button": 24,
    "context_elements": 10,
    "label": 2000,
    "text": 40000,
}


def slack_problems(method: str, args: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    view = args.get("view")
    if isinstance(view, dict):
        blocks = view.get("blocks") or []
        problems += _limit(len(blocks), "blocks_modal", "blocks in a view")
        if view.get("type") == "modal":
            for key in ("title", "submit", "close"):
                text = (view.get(key) or {}).get("text", "")
                problems += _limit(len(text), "modal_title", f"modal {key}")
    else:
        blocks = args.get("blocks") or []
        problems += _limit(len(blocks), "blocks_message", "blocks in a message")
        problems += _limit(len(str(args.get("text") or "")), "text", "message text")
    if not isinstance(blocks, list):
        return problems
    for block in blocks:
        problems += _block_problems(block)
    for text in _texts(blocks):
        if RAW_PLATFORM.search(text):
            problems.append(f"raw platform key: {text[:80]!r}")
    return problems


def _block_problems(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    problems: list[str] = []
    if kind == "section":
        text = (block.get("text") or {}).get("text", "")
        problems += _limit(len(text), "section_text", "section")
        fields = block.get("fields") or []
        problems += _limit(len(fields), "section_fields", "fields in a section")
        for item in fields:
            problems += _limit(len(item.get("text", "")), "section_field", "section field")
        if block.get("accessory"):
            problems += _element_problems(block["accessory"])
    elif kind == "header":
        problems += _limit(len(block["text"]["text"]), "header", "header")
    elif kind == "actions":
        elements = block.get("elements") or []
        problems += _limit(len(elements), "actions_elements", "elements in an actions block")
        for element in elements:
            problems += _element_problems(element)
    elif kind == "context":
        problems += _limit(len(block.get("elements") or []), "context_elements", "context")
    elif kind == "input":
        problems += _limit(len(block["label"]["text"]), "label", "input label")
        element = block.get("element") or {}
        problems += _element_problems(element)
        if element.get("type") == "plain_text_input":
            hint = (block.get("hint") or {}).get("text")
            placeholder = (element.get("placeholder") or {}).get("text")
            problems += _typed_date(block["label"]["text"], hint, placeholder)
    return problems


def _element_problems(element: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if element.get("type") == "button":
        problems += _limit(len(element["text"]["text"]), "button_text", "button text")
        problems += _limit(len(element.get("value", "")), "button_value", "button value")
    for option in element.get("options") or []:
        problems += _limit(len(option["text"]["text"]), "option_text", "option text")
    if "placeholder" in element:
        problems += _limit(len(element["placeholder"]["text"]), "placeholder", "placeholder")
    if "initial_date" in element:
        problems += _shaped(element["initial_date"], DAY, "datepicker initial_date")
    if "initial_date_time" in element:
        # Epoch seconds, an integer (Slack refuses a string or a float).
        moment = element["initial_date_time"]
        if not isinstance(moment, int) or isinstance(moment, bool) or moment < 0:
            problems.append(f"datetimepicker initial_date_time: {moment!r}")
    return problems


def _limit(value: int, name: str, what: str) -> list[str]:
    limit = LIMITS[name]
    return [f"{what}: {value} > Slack's limit {limit}"] if value > limit else []


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)


def problems(platform: str, kind: str, body: dict[str, Any]) -> list[str]:
    if platform == "teams":
        return teams_problems(body)
    return slack_problems(kind, body)
