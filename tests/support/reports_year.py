"""A year of a small municipality, written straight into the database for the report tests.

Three accounts: Biblioteket (active all year), Kulturskolan (opened 16 November 2026) and
Gamla konto (closed 10 November 2026). November 2026 has 21 working days (Allhelgonadagen
falls on Saturday 31 October). The figures the tests expect are worked out beside the data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from bot.people import find_by_identity
from bot.rules.evidence import record_sha256
from storage.models import (
    AccountStatus,
    ActivityKind,
    ActivityLog,
    AdminStatus,
    Comment,
    CommentStatus,
    DocumentationFile,
    Escalation,
    EscalationStatus,
    Evidence,
    Person,
)
from tests.conftest import STOCKHOLM
from tests.support.accounts_db import Admin, active_account


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)  # type: ignore[misc]


@dataclass
class Year:
    library: int
    school: int
    old: int
    doc_bytes: bytes
    evidence_id: int


def build_year(session: Session, archive_dir: Path) -> Year:
    library = active_account(
        session,
        "Biblioteket",
        [Admin("UBIB1", "Bo Bibliotek"), Admin("UBIB2", "Berit Bok")],
        at(2026, 1, 15, 10),
    )
    school = active_account(
        session,
        "Kulturskolan",
        [Admin("USKO1", "Sara Skola"), Admin("USKO2", "Sven Sång", AdminStatus.NOMINATED)],
        at(2026, 11, 16, 10),
    )
    old = active_account(
        session,
        "Gamla konto",
        [Admin("UOLD1", "Olle Gammal"), Admin("UOLD2", "Greta Gammal")],
        at(2026, 2, 1, 10),
    )
    old.status, old.closed_at = AccountStatus.CLOSED, at(2026, 11, 10, 15)
    session.add(old)
    assert library.id and school.id and old.id
    berit = session.get(Person, _person_id(session, "UBIB2"))
    assert berit is not None
    berit.departed_at = at(2026, 11, 20, 12)  # accepted, no longer present
    session.add(berit)

    # Posts: Biblioteket on Mon 2, Tue 3 (twice), Wed 4 and Saturday 7 November (not a
    # working day); in October on 1 and 2. Kulturskolan on Mon 16 November.
    for day, hour in [(2, 9), (3, 9), (3, 14), (4, 9), (7, 11)]:
        _post(session, library.id, at(2026, 11, day, hour))
    for day in (1, 2):
        _post(session, library.id, at(2026, 10, day, 9))
    _post(session, school.id, at(2026, 11, 16, 12))

    reply = [
        # received, deadline, status, closed
        (at(2026, 11, 2, 10), at(2026, 11, 3, 17), CommentStatus.ANSWERED, at(2026, 11, 2, 14)),
        (at(2026, 11, 5, 16), at(2026, 11, 6, 17), CommentStatus.ANSWERED, at(2026, 11, 9, 9)),
        (
            at(2026, 11, 10, 12),
            at(2026, 11, 11, 17),
            CommentStatus.NO_REPLY_NEEDED,
            at(2026, 11, 10, 13),
        ),
        (at(2026, 11, 20, 9), at(2026, 11, 23, 17), CommentStatus.OPEN, None),
        (
            at(2026, 11, 12, 10),
            at(2026, 11, 13, 17),
            CommentStatus.REMOVED,
            at(2026, 11, 12, 13, 30),
        ),
        (at(2026, 10, 15, 10), at(2026, 10, 16, 17), CommentStatus.ANSWERED, at(2026, 10, 15, 11)),
    ]
    comments = [
        _comment(session, library.id, n, received, deadline, status, closed)
        for n, (received, deadline, status, closed) in enumerate(reply)
    ]
    comments[0].diarienummer = "KS 2026/123"
    comments[0].diarieford_at = at(2026, 11, 2, 15)
    illegal = comments[4]
    illegal.removed_at = at(2026, 11, 12, 13, 30)
    session.add_all(comments)
    session.flush()

    record = {"text": "olagligt", "author": "x", "captured_at": "2026-11-12T10:00:00+00:00"}
    evidence = Evidence(
        comment_id=illegal.id,
        account_id=library.id,
        category="hets mot folkgrupp",
        record=record,
        sha256=record_sha256(record),
        captured_at=at(2026, 11, 12, 11),
        captured_by_id=library.owner_id,
    )
    session.add(evidence)

    _escalation(
        session, "c2", "comment-overdue", library.id, at(2026, 11, 6, 17), at(2026, 11, 9, 9)
    )
    _escalation(session, "c4", "comment-overdue", library.id, at(2026, 11, 23, 17), None)
    _escalation(
        session,
        "ill",
        "illegal-content",
        library.id,
        at(2026, 11, 12, 11),
        at(2026, 11, 12, 13, 30),
    )
    _escalation(session, "old", "no-posts", old.id, at(2026, 10, 5, 9), None)

    content = b"%PDF-1.4 skarmdump biblioteket juni"
    relative = f"{library.id}/2026-06-10_skarmdump.pdf"
    (archive_dir / relative).parent.mkdir(parents=True, exist_ok=True)
    (archive_dir / relative).write_bytes(content)
    session.add(
        DocumentationFile(
            account_id=library.id,
            filename="skarmdump.pdf",
            path=relative,
            content_type="application/pdf",
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            uploaded_at=at(2026, 6, 10, 10),
            uploader_id=library.owner_id,
        )
    )
    session.flush()
    assert evidence.id is not None
    return Year(library.id, school.id, old.id, content, evidence.id)


def _person_id(session: Session, slack_id: str) -> int:
    found = find_by_identity(session, "slack", slack_id)
    assert found is not None and found.id is not None
    return found.id


def _post(session: Session, account_id: int, moment: datetime) -> None:
    session.add(
        ActivityLog(
            account_id=account_id,
            kind=ActivityKind.POST,
            at=moment,
            day=date(moment.year, moment.month, moment.day),
        )
    )


def _comment(
    session: Session,
    account_id: int,
    number: int,
    received: datetime,
    deadline: datetime,
    status: str,
    closed: datetime | None,
) -> Comment:
    return Comment(
        account_id=account_id,
        platform="facebook",
        external_id=f"c{account_id}-{number}",
        text=f"Kommentar {number}",
        received_at=received,
        deadline=deadline,
        alert_at=deadline,
        status=status,
        closed_at=closed,
    )


def _escalation(
    session: Session,
    key: str,
    kind: str,
    account_id: int,
    created: datetime,
    resolved: datetime | None,
) -> None:
    session.add(
        Escalation(
            key=key,
            kind=kind,
            account_id=account_id,
            summary=key,
            created_at=created,
            status=EscalationStatus.RESOLVED if resolved else EscalationStatus.OPEN,
            resolved_at=resolved,
        )
    )
