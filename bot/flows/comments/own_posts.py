"""The account's own replies and posts, as they arrive by webhook, checked for personnummer.

A personnummer the account itself published is flagged at once to the account's admins and
to the communicators, with the guidance to remove it. The text is shown with the number
masked (the alert must not spread it). Once per text: a repeated delivery, or the same
text again, sends nothing (the outbox keys are unique); an edit that still holds one is
flagged again.
"""

from __future__ import annotations

import hashlib

from sqlmodel import Session

from bot import audit
from bot.core import Core
from bot.flows.comments.common import MAX_QUOTE, T, admin_ids
from bot.markup import escape
from bot.messages import Fact, Message
from bot.outbox import enqueue_to_communicators, enqueue_to_person
from bot.rules.personnummer import find_personnummer, mask_personnummer
from bot.texts.platforms import platform_name
from storage.models import Account


def check_own_text(
    session: Session,
    core: Core,
    account_id: int,
    platform: str,
    external_id: str,
    text: str,
    *,
    kind: str,
    permalink: str | None = None,
) -> bool:
    """True when the text holds a personnummer (flagged now, or already before)."""
    today = core.calendar.local_date(core.now())
    found = find_personnummer(text, today)
    if not found:
        return False
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    key = f"own-pnr:{platform}:{external_id}:{digest}"
    message = _message(session, core, account_id, platform, external_id, text, kind, permalink)
    sent = enqueue_to_communicators(session, core, key, message)
    for person_id in admin_ids(session, account_id):
        sent |= enqueue_to_person(session, core, f"{key}:{person_id}", person_id, message)
    if sent:
        audit.record(
            session,
            core.now(),
            "account.own_text_personnummer",
            account_id=account_id,
            platform=platform,
            external_id=external_id,
            kind=kind,
            count=len(found),
        )
    return True


def _message(
    session: Session,
    core: Core,
    account_id: int,
    platform: str,
    external_id: str,
    text: str,
    kind: str,
    permalink: str | None,
) -> Message:
    account = session.get(Account, account_id)
    name = account.name if account else str(account_id)
    what = T.OWN_PNR_KINDS.get(kind, kind)
    masked = escape(mask_personnummer(text, core.calendar.local_date(core.now()))[:MAX_QUOTE])
    facts = [
        Fact(label=T.FACT_ACCOUNT, value=f"{name} ({platform_name(platform)})"),
        Fact(label=T.FACT_PLATFORM_ID, value=external_id),
    ]
    if permalink:
        facts.append(Fact(label=T.FACT_LINK, value=permalink))
    return Message(
        title=T.OWN_PNR_TITLE.format(kind=what, account=name),
        text=T.OWN_PNR_TEXT.format(kind=what, text=masked.replace("\n", "\n> ")),
        facts=facts,
    )
