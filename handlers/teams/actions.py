"""Card actions (Universal Actions, or Action.Submit from older clients) → the core.

Three kinds of card data: a refresh (show this user their view of a message), a button
(a core action) and a submitted form (a core form). Each returns the `adaptiveCard/action`
answer: a card that replaces the one pressed, or a short text.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from botbuilder.core import TurnContext
from pydantic import ValidationError
from sqlmodel import Session, select

from bot import router, texts
from bot.core import Core
from bot.messages import Form, Message
from handlers.teams import cards, replies
from handlers.teams import texts as teams_texts
from handlers.teams.directory import TeamsDirectory
from handlers.teams.sender import teams_ids
from storage.models import OutboxMessage, Person

log = logging.getLogger(__name__)


class CardActions:
    def __init__(self, core: Core, directory: TeamsDirectory) -> None:
        self.core = core
        self.directory = directory

    async def handle(self, turn: TurnContext, data: dict[str, Any]) -> dict[str, Any]:
        kind = data.get(cards.KIND)
        try:
            if kind == "refresh":
                return await self._refresh(turn, data)
            if kind == "action" and isinstance(data.get("action"), str):
                return await self._action(turn, data["action"], str(data.get("value", "")))
            if kind == "form":
                return await self._form(turn, data)
        except (ValueError, ValidationError, KeyError, TypeError) as error:
            log.info("malformed card data: %s", type(error).__name__)
        return replies.message_body(texts.common.UNKNOWN_ACTION)

    async def _refresh(self, turn: TurnContext, data: dict[str, Any]) -> dict[str, Any]:
        message = Message.model_validate(data["message"])
        who = await self.directory.resolve(turn)
        with self.core.session() as session:
            may_act = who.person_id in message.actors
            user_ids = teams_ids(session, message.actors)
        card = cards.message_card(message, show_buttons=may_act, refresh_user_ids=user_ids)
        return replies.card_body(card)

    async def _action(self, turn: TurnContext, name: str, value: str) -> dict[str, Any]:
        pressed = turn.activity.reply_to_id
        before = self._latest_edit(pressed)
        who = await self.directory.resolve(turn)
        with self.core.session() as session:
            actor = who.actor(session)
            reply = router.dispatch_action(self.core, session, actor, name, value)
        if reply.form is not None:
            await replies.send_card(turn, await self.form_card(turn, reply.form), reply.form.title)
        if reply.message is not None:
            await replies.send_card(turn, cards.message_card(reply.message))
        after = self._latest_edit(pressed)
        # Only an edit this press caused replaces the card; otherwise the notice is the answer.
        updated = after[1] if after is not None and after != before else None
        if updated is None:
            fallback = teams_texts.FORM_BELOW if reply.form is not None else teams_texts.DONE
            return replies.message_body(reply.notice or fallback)
        if reply.notice and _personal(turn):
            await replies.send_text(turn, reply.notice)
        with self.core.session() as session:
            return replies.card_body(self.shared_card(session, updated))

    async def _form(self, turn: TurnContext, data: dict[str, Any]) -> dict[str, Any]:
        submission = cards.parse_submission(data)
        form = Form.model_validate(data["definition"])
        values = dict(submission.values)
        for field_id, aad_ids in submission.people.items():
            ids = [str(await self.directory.resolve_aad(turn, a)) for a in aad_ids]
            values[field_id] = ids if submission.kinds[field_id] == "users" else next(iter(ids), "")
        who = await self.directory.resolve(turn)
        with self.core.session() as session:
            actor = who.actor(session)
            reply = router.dispatch_form(
                self.core, session, actor, submission.form, values, submission.context
            )
            if reply.errors:
                session.rollback()  # nothing of an invalid submission is kept
        if reply.errors:
            state = cards.FormState(values=values, errors=reply.errors)
            return replies.card_body(await self.form_card(turn, form, state))
        if reply.form is not None:
            return replies.card_body(await self.form_card(turn, reply.form))
        if reply.message is not None:
            return replies.card_body(cards.message_card(reply.message))
        return replies.card_body(cards.notice_card(reply.notice or teams_texts.FORM_SAVED))

    async def form_card(
        self, turn: TurnContext, form: Form, state: cards.FormState | None = None
    ) -> dict[str, Any]:
        """The form's card, with the people already chosen shown by name."""
        wanted: set[int] = set()
        for form_field in form.fields:
            if form_field.kind not in ("user", "users"):
                continue
            chosen = (state.values if state else {}).get(form_field.id, form_field.initial)
            values = chosen if isinstance(chosen, list) else [chosen] if chosen else []
            wanted.update(int(v) for v in values if str(v).isdigit())
        people: dict[str, cards.PersonChoice] = {}
        if wanted:
            with self.core.session() as session:
                rows = session.exec(select(Person).where(Person.id.in_(wanted))).all()  # type: ignore[union-attr]
                for row in rows:
                    if row.aad_object_id:
                        people[str(row.id)] = cards.PersonChoice(row.aad_object_id, row.name)
        return cards.form_card(form, people, state)

    def shared_card(self, session: Session, message: Message) -> dict[str, Any]:
        """A message's card as the outbox sends it (buttons only for its actors)."""
        if not message.actors:
            return cards.message_card(message)
        user_ids = teams_ids(session, message.actors)
        return cards.message_card(message, show_buttons=False, refresh_user_ids=user_ids)

    def _latest_edit(self, activity_id: str | None) -> tuple[int, Message] | None:
        """The newest content the core gave a sent message (e.g. the decision shown on it)."""
        if not activity_id:
            return None
        marker = f'"activity_id": {json.dumps(activity_id)}'
        with self.core.session() as session:
            original = session.exec(
                select(OutboxMessage).where(
                    OutboxMessage.sent_platform == "teams",
                    OutboxMessage.sent_ref.contains(marker),  # type: ignore[union-attr]
                    OutboxMessage.replaces_key.is_(None),  # type: ignore[union-attr]
                )
            ).first()
            if original is None:
                return None
            update = session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.replaces_key == original.key)
                .order_by(OutboxMessage.id.desc())  # type: ignore[union-attr]
            ).first()
            if update is None or update.id is None:
                return None
            return update.id, Message.model_validate(update.payload)


def _personal(turn: TurnContext) -> bool:
    conversation = turn.activity.conversation
    return getattr(conversation, "conversation_type", None) == "personal"
