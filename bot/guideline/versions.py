"""The guideline versions smbot has enforced, recorded the first time each is in force."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.guideline.model import Guideline
from storage.models import GuidelineVersion


def record_in_force(session: Session, guideline: Guideline, now: datetime) -> GuidelineVersion:
    """The row for the version in force; created (taking effect now) when it is new."""
    found = session.exec(
        select(GuidelineVersion).where(GuidelineVersion.version == guideline.version)
    ).first()
    if found is not None:
        return found
    row = GuidelineVersion(
        version=guideline.version,
        title=guideline.title,
        decided_by_role=guideline.decided_by.role,
        decided_by_name=guideline.decided_by.name,
        decided_on=guideline.decided_on,
        took_effect_at=now,
        content=guideline.model_dump(mode="json"),
    )
    session.add(row)
    session.flush()
    return row


def enforced(session: Session) -> list[GuidelineVersion]:
    """Every version enforced, oldest first."""
    return list(
        session.exec(select(GuidelineVersion).order_by(col(GuidelineVersion.took_effect_at))).all()
    )
