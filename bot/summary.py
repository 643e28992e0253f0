"""The morning summary each admin gets is assembled from sections other flows contribute.

A flow registers `@summary_section` returning lines about one account (open comments,
documentation due, ...); the daily-activity flow puts them together in one DM.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from bot.core import Core
from storage.models import Account

SummarySection = Callable[[Session, Core, Account, datetime], list[str]]
SECTIONS: list[SummarySection] = []


def summary_section(function: SummarySection) -> SummarySection:
    SECTIONS.append(function)
    return function


def lines_for(session: Session, core: Core, account: Account, now: datetime) -> list[str]:
    return [line for section in SECTIONS for line in section(session, core, account, now)]
