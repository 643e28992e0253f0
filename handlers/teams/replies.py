"""Answers inside a turn: replies in the chat and Universal Action invoke bodies."""

from __future__ import annotations

from typing import Any

from botbuilder.core import CardFactory, InvokeResponse, TurnContext
from botbuilder.schema import Activity, ActivityTypes

MESSAGE_TYPE = "application/vnd.microsoft.activity.message"
CARD_TYPE = "application/vnd.microsoft.card.adaptive"


def card_body(card: dict[str, Any]) -> dict[str, Any]:
    """An `adaptiveCard/action` answer that replaces the card."""
    return {"statusCode": 200, "type": CARD_TYPE, "value": card}


def message_body(text: str) -> dict[str, Any]:
    """An `adaptiveCard/action` answer that leaves the card and shows a short text."""
    return {"statusCode": 200, "type": MESSAGE_TYPE, "value": text}


async def send_card(turn: TurnContext, card: dict[str, Any], summary: str = "") -> str:
    activity = Activity(
        type=ActivityTypes.message,
        summary=summary[:200] or None,
        attachments=[CardFactory.adaptive_card(card)],
    )
    response = await turn.send_activity(activity)
    return response.id if response else ""


async def send_text(turn: TurnContext, text: str) -> None:
    await turn.send_activity(Activity(type=ActivityTypes.message, text=text))


async def invoke_response(turn: TurnContext, body: dict[str, Any], status: int = 200) -> None:
    await turn.send_activity(
        Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=status, body=body))
    )


async def answer_fallback(turn: TurnContext, body: dict[str, Any]) -> None:
    """An `Action.Submit` (older clients) gets the same answer: the card edited, or a text."""
    if body["type"] == CARD_TYPE and turn.activity.reply_to_id:
        activity = Activity(
            type=ActivityTypes.message,
            id=turn.activity.reply_to_id,
            attachments=[CardFactory.adaptive_card(body["value"])],
        )
        await turn.update_activity(activity)
    elif body["type"] == CARD_TYPE:
        await send_card(turn, body["value"])
    else:
        await send_text(turn, str(body["value"]))
