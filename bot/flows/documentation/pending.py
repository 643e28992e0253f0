"""Which account a person's next uploaded files document: set by `skarmdump`, valid a while."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot.core import Core
from bot.registry import Verbs
from storage.models import PendingUpload

verbs = Verbs()

KEEP_EXPIRED = timedelta(days=7)


def expect_upload(
    session: Session, core: Core, person_id: int, account_id: int, *, as_communicator: bool
) -> PendingUpload:
    """Remember (or renew) that this person will upload for this account."""
    now = core.now()
    row = session.exec(
        select(PendingUpload).where(
            PendingUpload.person_id == person_id, PendingUpload.account_id == account_id
        )
    ).first()
    if row is None:
        row = PendingUpload(
            person_id=person_id, account_id=account_id, requested_at=now, expires_at=now
        )
    row.requested_at = now
    row.expires_at = now + timedelta(hours=core.settings.documentation_upload_window_hours)
    row.as_communicator = as_communicator
    session.add(row)
    session.flush()
    return row


def current_upload(session: Session, person_id: int, now: datetime) -> PendingUpload | None:
    """The most recent request still open: files go to the account chosen last."""
    return session.exec(
        select(PendingUpload)
        .where(PendingUpload.person_id == person_id, PendingUpload.expires_at > now)
        .order_by(col(PendingUpload.requested_at).desc(), col(PendingUpload.id).desc())
        .limit(1)
    ).first()


@verbs.sweep("documentation-pending-cleanup")
def forget_expired(core: Core, session: Session) -> None:
    """Expired upload requests say nothing any more; keep the table small."""
    for row in session.exec(
        select(PendingUpload).where(PendingUpload.expires_at < core.now() - KEEP_EXPIRED)
    ).all():
        session.delete(row)
