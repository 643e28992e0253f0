"""Card actions (Universal Actions, or Action.Submit from older clients) → the core.

Three kinds of card data: a refresh (show this user their view of a message), a button
(a core action) and a submitted form (a core form). Each returns the `adaptiveCard/action`
answer: a card that replaces the one pressed, or a short text.
"""

from __future__ import annotations

import logging
from typing import Any

from botbuilder.core import TurnContext
from pydantic import ValidationError
from sqlmodel import Session, select

from bot import router, texts
from bot.core import Core
from bot.messages import Form, Message
from bot.people import people_on
from handlers.teams import cards, conversations, replies
from handlers.teams import texts as teams_texts
from handlers.teams.directory import TeamsDirectory
from handlers.teams.sender import teams_ids
from storage.models import Person

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
                pressed = data.get(cards.KEY)
                key = pressed if isinstance(pressed, str) else None
                return await self._action(turn, data["action"], str(data.get("value", "")), key)
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
        key = data.get(cards.KEY)
        card = cards.message_card(
            message,
            show_buttons=may_act,
            refresh_user_ids=user_ids,
            key=key if isinstance(key, str) else None,
        )
        return replies.card_body(card)

    async def _action(
        self, turn: TurnContext, name: str, value: str, pressed: str | None
    ) -> dict[str, Any]:
        """Run the action; answer with the pressed card's new content if the action edited it.

        `pressed` is the outbox key the card carries (none on a card the outbox did not send).
        """
        resolve = self.directory.resolver(turn)
        reply = await router.handle(self.core, resolve, router.Press(name, value))
        if reply.form is not None:
            await replies.send_card(turn, await self.form_card(turn, reply.form), reply.form.title)
        if reply.message is not None:
            await replies.send_card(turn, cards.message_card(reply.message))
        updated = reply.updated.get(pressed) if pressed is not None else None
        if updated is None:
            fallback = teams_texts.FORM_BELOW if reply.form is not None else teams_texts.DONE
            return replies.message_body(reply.notice or fallback)
        if reply.notice and conversations.is_personal(turn.activity):
            await replies.send_text(turn, reply.notice)
        with self.core.session() as session:
            return replies.card_body(self.shared_card(session, updated, pressed))

    async def _form(self, turn: TurnContext, data: dict[str, Any]) -> dict[str, Any]:
        submission = cards.parse_submission(data)
        form = Form.model_validate(data["definition"])
        values = dict(submission.values)
        for field_id, aad_ids in submission.people.items():
            ids = [str(await self.directory.resolve_aad(turn, a)) for a in aad_ids]
            values[field_id] = ids if submission.kinds[field_id] == "users" else next(iter(ids), "")
        submit = router.Submit(submission.form, values, submission.context)
        reply = await router.handle(self.core, self.directory.resolver(turn), submit)
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
                aad_ids = people_on(session, "aad", wanted)
                for row in rows:
                    if row.id in aad_ids:
                        people[str(row.id)] = cards.PersonChoice(aad_ids[row.id], row.name)
        return cards.form_card(form, people, state)

    def shared_card(self, session: Session, message: Message, key: str | None) -> dict[str, Any]:
        """A message's card as the outbox sends it (buttons only for its actors)."""
        if not message.actors:
            return cards.message_card(message, key=key)
        user_ids = teams_ids(session, message.actors)
        return cards.message_card(message, show_buttons=False, refresh_user_ids=user_ids, key=key)
