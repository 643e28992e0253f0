"""Departures Slack told us about while nobody listened: asked for, now and then.

`user_change` events are lost when the bot is down longer than Slack retries. So every
hour (first a few minutes after start) the bot asks users.info about everyone it relies
on — admins, owners and managers of active accounts — and records who left or came back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from aiohttp import web
from slack_sdk.errors import SlackApiError
from sqlmodel import col, select

from bot.flows.admins import person_departed, person_returned
from handlers.slack.context import SlackContext
from handlers.slack.errors import error_code
from storage.models import Account, AccountAdmin, AccountStatus, AdminStatus, PersonIdentity

log = logging.getLogger(__name__)

FIRST_RUN_AFTER = 300.0
EVERY = 3600.0


def people_to_check(slack: SlackContext) -> list[tuple[int, str]]:
    """(person id, Slack id) of everyone an active account depends on."""
    with slack.core.session() as session:
        active = select(Account.id).where(Account.status == AccountStatus.ACTIVE)
        admins = select(AccountAdmin.person_id).where(
            AccountAdmin.account_id.in_(active),  # type: ignore[attr-defined]
            AccountAdmin.status == AdminStatus.ACCEPTED,
        )
        managers = select(Account.manager_id).where(Account.status == AccountStatus.ACTIVE)
        rows = session.exec(
            select(PersonIdentity.person_id, PersonIdentity.external_id).where(
                PersonIdentity.platform == "slack",
                col(PersonIdentity.person_id).in_(admins)
                | col(PersonIdentity.person_id).in_(managers),
            )
        ).all()
    return [(person_id, slack_id) for person_id, slack_id in rows if person_id and slack_id]


async def sync_departures(slack: SlackContext) -> int:
    """Ask Slack about each person; returns how many changed (left or came back)."""
    changed = 0
    for person_id, slack_id in people_to_check(slack):
        try:
            response = await slack.client.users_info(user=slack_id)
        except SlackApiError as error:
            # "user_not_found" is not proof of leaving (another workspace, a typo'd id).
            log.warning("users.info %s failed: %s", slack_id, error_code(error))
            continue
        deleted = bool((response.get("user") or {}).get("deleted"))
        with slack.core.session() as session:
            if deleted:
                changed += person_departed(session, slack.core, person_id)
            else:
                changed += person_returned(session, slack.core, person_id)
    return changed


def background(
    slack: SlackContext, first: float = FIRST_RUN_AFTER, every: float = EVERY
) -> Callable[[web.Application], AsyncIterator[None]]:
    async def run(app: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(_loop(slack, first, every))
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    return run


async def _loop(slack: SlackContext, first: float, every: float) -> None:
    await asyncio.sleep(first)
    while True:
        try:
            changed = await sync_departures(slack)
            if changed:
                log.info("Slack people sync: %s changed", changed)
        except Exception:
            log.exception("Slack people sync failed; trying again later")
        await asyncio.sleep(every)
