"""Modal submissions: errors go back inline (`response_action: errors`), nothing saved."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import router
from handlers.slack.context import SlackContext, answer_key
from handlers.slack.render import modal_origin, slack_text, submitted_values


def register(app: AsyncApp, slack: SlackContext) -> None:
    @app.view(re.compile(r".+"))
    async def any_submission(ack: AsyncAck, body: dict, view: dict) -> None:
        user_id = body["user"]["id"]
        values, picked = submitted_values(view.get("state") or {})
        for field_id, slack_ids in picked.items():
            values[field_id] = await _person_ids(slack, slack_ids)
        # A modal opened from a channel answers there (ephemeral), not in the DM.
        context, channel = modal_origin(view.get("private_metadata", ""))
        submit = router.Submit(view["callback_id"], values, context)
        reply = await router.handle(slack.core, slack.resolver(user_id), submit)
        if reply.errors:
            errors = {field: slack_text(error) for field, error in reply.errors.items()}
            await ack(response_action="errors", errors=errors)
        elif reply.form is not None:
            await ack(response_action="update", view=slack.modal(reply.form, channel))
        else:
            await ack()
            # A short confirmation is shown where the form was opened; a whole message (a
            # receipt edited later, files to send back here) belongs in the DM.
            where = channel if reply.message is None else None
            await slack.tell(user_id, reply, answer_key(body), where)


async def _person_ids(slack: SlackContext, picked: str | list[str]) -> str | list[str]:
    """Picked Slack users → person ids, resolved (and saved) before the form's unit of work."""
    if isinstance(picked, str):
        return str((await slack.directory.resolve(picked)).person_id) if picked else ""
    return [str(person_id) for person_id in await slack.directory.resolve_ids(picked)]
