"""Modal submissions: errors go back inline (`response_action: errors`), nothing saved."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp
from sqlmodel import Session

from bot import router
from handlers.slack.context import SlackContext
from handlers.slack.render import submitted_values


def register(app: AsyncApp, slack: SlackContext) -> None:
    @app.view(re.compile(r".+"))
    async def any_submission(ack: AsyncAck, body: dict, view: dict) -> None:
        user_id = body["user"]["id"]
        values, picked = submitted_values(view.get("state") or {})
        with slack.core.session() as session:
            for field_id, slack_ids in picked.items():
                values[field_id] = await _person_ids(slack, session, slack_ids)
            actor = await slack.directory.actor(session, user_id)
            reply = router.dispatch_form(
                slack.core,
                session,
                actor,
                view["callback_id"],
                values,
                view.get("private_metadata", ""),
            )
            if reply.errors:
                # Nothing of this submission may be saved.
                session.rollback()
        if reply.errors:
            await ack(response_action="errors", errors=reply.errors)
        elif reply.form is not None:
            await ack(response_action="update", view=slack.modal(reply.form))
        else:
            await ack()
            await slack.tell(user_id, reply)


async def _person_ids(slack: SlackContext, session: Session, picked: str | list[str]):  # type: ignore[no-untyped-def]
    if isinstance(picked, str):
        return str((await slack.directory.person(session, picked)).id) if picked else ""
    return [str(person.id) for person in await slack.directory.persons(session, picked)]
