"""People changing in the workspace: a deactivated user has left the organisation."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot import deliveries, people
from bot.flows.admins import person_departed, person_returned
from handlers.slack.context import SlackContext


def register(app: AsyncApp, slack: SlackContext) -> None:
    @app.event("user_change")
    async def user_changed(event: dict) -> None:
        user = event.get("user") or {}
        user_id = user.get("id")
        if not user_id:
            return
        with slack.core.session() as session:
            # The departure and the delivery's "handled" mark commit together or not at all.
            deliveries.mark_handled(session, slack.core, deliveries.current.get())
            # Only people the bot knows matter; a stranger's profile edit is none of ours.
            person = people.find_by_identity(session, "slack", user_id)
            if person is None or person.id is None:
                return
            if user.get("deleted"):
                person_departed(session, slack.core, person.id)
            elif person.departed_at is not None:
                person_returned(session, slack.core, person.id)
