"""Who a text mentions (`<@person:ID>`), as a platform renderer needs it: name and own id.

The renderers take a `People` lookup (bot.markup); this one reads Person and PersonIdentity
once per message, so a mention becomes `<@U…>` on Slack and a real mention in Teams.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlmodel import Session, col, select

from bot.markup import Mentioned, People
from bot.messages import Message
from storage.models import Person, PersonIdentity

MENTION_IDS = r"<@person:(\d+)>"


def mentioned_ids(message: Message) -> set[int]:
    texts = [message.text, message.footer or "", *message.checklist]
    texts += [fact.value for fact in message.facts]
    return {int(found) for text in texts for found in re.findall(MENTION_IDS, text)}


def people_lookup(
    session: Session, person_ids: Iterable[int], platforms: tuple[str, ...]
) -> People:
    """A lookup for the given people; `platforms` in order of preference (e.g. teams, aad)."""
    wanted = set(person_ids)
    if not wanted:
        return lambda person_id: None
    rows = session.exec(select(Person).where(col(Person.id).in_(wanted))).all()
    names = {row.id: row.name or row.email or "" for row in rows}
    identities: dict[int, str] = {}
    for platform in reversed(platforms):
        found = session.exec(
            select(PersonIdentity.person_id, PersonIdentity.external_id).where(
                col(PersonIdentity.person_id).in_(wanted), PersonIdentity.platform == platform
            )
        ).all()
        identities.update({person_id: external for person_id, external in found})
    known = {
        person_id: Mentioned(name, identities.get(person_id)) for person_id, name in names.items()
    }
    return known.get


def for_message(session: Session, message: Message, platforms: tuple[str, ...]) -> People:
    return people_lookup(session, mentioned_ids(message), platforms)
