"""The morning summary each admin gets is assembled from sections other flows contribute.

A flow registers `@verbs.summary_section` returning lines about one account (open comments,
documentation due, ...); the daily-activity flow puts them together in one DM.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.core import Core
from storage.models import Account


def lines_for(session: Session, core: Core, account: Account, now: datetime) -> list[str]:
    sections = core.registry.sections
    return [line for section in sections for line in section(session, core, account, now)]
