"""Archiving uploaded documentation: the one entry point every platform hands files to.

Slack (a file shared in the DM) and Teams (a file attachment) download the bytes and call
`receive_upload`, or `archive_upload` when they already know the account. The file is
written under ARCHIVE_DIR/<account id>/, recorded with SHA-256, size, time and uploader,
audit-logged, and the account's documentation deadline moves on by itself (it is derived).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot import audit, texts
from bot.core import Core
from bot.flows.account_choice import account_label
from bot.flows.admins.roster import is_present_admin
from bot.flows.documentation import pending, schedule
from bot.flows.documentation.filetypes import declared_allowed, safe_filename, sniff
from bot.flows.escalation import resolve
from bot.messages import Fact, Message
from bot.router import Reply
from storage.models import (
    LIVE_STATUSES,
    Account,
    DocumentationFile,
    Escalation,
    MajorChange,
)

T = texts.documentation


@dataclass
class UploadOutcome:
    """What happened to one file; `reply` is what the uploader is told."""

    reply: Reply
    file: DocumentationFile | None = None
    duplicate: bool = False


def precheck(
    session: Session, core: Core, person_id: int, filename: str, size: int, mimetype: str | None
) -> Reply | None:
    """Before downloading: a refusal when the file cannot be taken, else None."""
    if pending.current_upload(session, person_id, core.now()) is None:
        return Reply(notice=T.NO_PENDING)
    if size > core.settings.documentation_max_upload_bytes:
        return _too_large(core, filename, size)
    if not declared_allowed(filename, mimetype):
        return Reply(notice=T.WRONG_TYPE.format(filename=filename))
    return None


def receive_upload(
    session: Session, core: Core, uploader_person_id: int, filename: str, content: bytes
) -> UploadOutcome:
    """A file someone sent the bot: archived for the account they chose with `skarmdump`."""
    request = pending.current_upload(session, uploader_person_id, core.now())
    if request is None:
        return UploadOutcome(Reply(notice=T.NO_PENDING))
    return archive_upload(
        session,
        core,
        request.account_id,
        uploader_person_id,
        filename,
        content,
        core.now(),
        as_communicator=request.as_communicator,
    )


def archive_upload(
    session: Session,
    core: Core,
    account_id: int,
    uploader_person_id: int,
    filename: str,
    content: bytes,
    now: datetime,
    *,
    as_communicator: bool = False,
) -> UploadOutcome:
    account = session.get(Account, account_id)
    if account is None or account.status not in LIVE_STATUSES:
        return UploadOutcome(Reply(notice=T.UNKNOWN_ACCOUNT))
    if not as_communicator and not is_present_admin(session, account_id, uploader_person_id):
        return UploadOutcome(Reply(notice=T.NOT_YOUR_ACCOUNT))
    if len(content) > core.settings.documentation_max_upload_bytes:
        return UploadOutcome(_too_large(core, filename, len(content)))
    if not content:
        return UploadOutcome(Reply(notice=T.EMPTY_FILE.format(filename=filename)))
    content_type = sniff(content)
    if content_type is None:
        return UploadOutcome(Reply(notice=T.WRONG_TYPE.format(filename=filename)))
    digest = hashlib.sha256(content).hexdigest()
    earlier = _same_file(session, account_id, digest)
    if earlier is not None:
        return _duplicate(core, account, earlier)
    name = safe_filename(filename, content_type)
    local_day = core.calendar.local_date(now).isoformat()
    relative = Path(str(account_id)) / f"{local_day}_{digest[:12]}_{name}"
    _write(Path(core.settings.archive_dir), relative, content)
    row = DocumentationFile(
        account_id=account_id,
        filename=name,
        path=relative.as_posix(),
        content_type=content_type,
        sha256=digest,
        size=len(content),
        uploaded_at=now,
        uploader_id=uploader_person_id,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # the same file archived by a parallel delivery a moment ago
        earlier = _same_file(session, account_id, digest)
        assert earlier is not None
        return _duplicate(core, account, earlier)
    audit.record(
        session,
        now,
        "documentation.archived",
        actor_id=uploader_person_id,
        account_id=account_id,
        filename=name,
        path=row.path,
        sha256=digest,
        size=len(content),
        content_type=content_type,
    )
    _resolve_escalations(session, core, account_id, now)
    return UploadOutcome(_receipt(session, core, account, row), file=row)


def _same_file(session: Session, account_id: int, digest: str) -> DocumentationFile | None:
    return session.exec(
        select(DocumentationFile).where(
            DocumentationFile.account_id == account_id, DocumentationFile.sha256 == digest
        )
    ).first()


def _write(root: Path, relative: Path, content: bytes) -> None:
    """Atomically, and only ever inside the archive (defence in depth after sanitising)."""
    root = root.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise ValueError("archive path escapes ARCHIVE_DIR")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _resolve_escalations(session: Session, core: Core, account_id: int, now: datetime) -> None:
    """Documentation came in: overdue and before-a-change escalations for the account end."""
    prefixes = [f"documentation-overdue:{account_id}:"]
    changes = session.exec(
        select(MajorChange.id).where(
            MajorChange.account_id == account_id, MajorChange.created_at <= now
        )
    ).all()
    keys = {f"major-change-undocumented:{change_id}" for change_id in changes}
    for key in session.exec(select(Escalation.key).where(Escalation.account_id == account_id)):
        if key in keys or any(key.startswith(prefix) for prefix in prefixes):
            resolve(session, core, key, T.RESOLVED_BY_UPLOAD)


def _receipt(session: Session, core: Core, account: Account, row: DocumentationFile) -> Reply:
    due = schedule.due_date(session, core, account)
    facts = [
        Fact(label=T.FACT_ACCOUNT, value=account_label(account)),
        Fact(label=T.FACT_SIZE, value=human_size(row.size)),
        Fact(label=T.FACT_SHA256, value=f"`{row.sha256}`"),
        Fact(label=T.FACT_UPLOADED, value=_local(core, row.uploaded_at)),
    ]
    if due is not None:
        facts.append(Fact(label=T.FACT_NEXT_DUE, value=due.isoformat()))
    message = Message(
        title=T.ARCHIVED_TITLE.format(filename=row.filename),
        text=T.ARCHIVED_TEXT.format(account=account_label(account)),
        facts=facts,
    )
    return Reply(message=message)


def _duplicate(core: Core, account: Account, earlier: DocumentationFile) -> UploadOutcome:
    message = Message(
        title=T.DUPLICATE_TITLE,
        text=T.DUPLICATE_TEXT.format(
            account=account_label(account), when=_local(core, earlier.uploaded_at)
        ),
        facts=[Fact(label=T.FACT_SHA256, value=f"`{earlier.sha256}`")],
    )
    return UploadOutcome(Reply(message=message), file=earlier, duplicate=True)


def _too_large(core: Core, filename: str, size: int) -> Reply:
    limit = human_size(core.settings.documentation_max_upload_bytes)
    return Reply(notice=T.TOO_LARGE.format(filename=filename, size=human_size(size), max=limit))


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return _decimal(size / 1024, "kB")
    return _decimal(size / (1024 * 1024), "MB")


def _decimal(value: float, unit: str) -> str:
    """Swedish style: a decimal comma, and no ",0" on a whole number ("50 MB")."""
    shown = f"{value:.1f}".removesuffix(".0").replace(".", ",")
    return f"{shown} {unit}"


def _local(core: Core, moment: datetime) -> str:
    return moment.astimezone(core.settings.tz).strftime("%Y-%m-%d %H:%M")
