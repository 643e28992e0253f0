"""`/gdpr`: a commenter's rights of access and erasure (dataskyddsförordningen art. 15, 17).

A communicator searches by the commenter's name or platform id. smbot shows what it holds
(comments, private messages, their versions, evidence, registrations), can send it as
files (JSON and readable text), and erases what may be erased: ordinary comments and
messages, with every version. Evidence of illegal content and registered items (allmänna
handlingar) are kept, and the answer says why in plain Swedish.

The search key is personal data, so neither the request row nor the audit log holds it:
they hold its SHA-256 (of the trimmed, case-folded key), the number of hits and the
comment numbers. Every search, export and erasure is audited.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, or_, select

from bot import texts
from bot.core import Core
from bot.flows.comments.common import evidence_for, local, overdue_key
from bot.flows.comments.disposal import purge
from bot.flows.comments.versions import versions_of
from bot.flows.escalation import resolve
from bot.messages import Attachment, Button, Message
from bot.outbox import enqueue_to_person
from bot.outbox.queue import redact
from bot.people import display_name
from bot.registry import COMMUNICATORS, Verbs, action_name
from bot.router import Context, Reply
from bot.texts.platforms import platform_name
from bot.texts.plural import antal
from storage.models import (
    Account,
    ChatFile,
    Comment,
    CommentStatus,
    Evidence,
    GdprRequest,
    OutboxMessage,
    Person,
)

verbs = Verbs()
P = texts.privacy
C = texts.comments

EXPORT = action_name("gdpr.export")
ERASE = action_name("gdpr.erase")

MAX_KEY = 255
# The outbox's copy of the files sent is emptied this long after the first export.
EXPORT_KEPT_DAYS = 7


def key_digest(key: str) -> str:
    """What the log keeps of a search key: the same key always gives the same digest."""
    return hashlib.sha256(" ".join(key.split()).casefold().encode()).hexdigest()


def find_subject(session: Session, key: str) -> tuple[list[Comment], str]:
    """Every kept comment or message by this name, platform id or profile link.

    Names are compared case-folded in Python (SQLite folds ASCII only): "VERA VÄLJARE"
    finds "Vera Väljare". Purged comments hold no author any longer and are not found."""
    wanted = " ".join(key.split()).casefold()
    by_id = set(
        session.exec(
            select(Comment.id).where(
                or_(Comment.author_external_id == key, Comment.author_profile == key)
            )
        ).all()
    )
    by_name = {
        comment_id
        for comment_id, name in session.exec(
            select(Comment.id, Comment.author_name).where(col(Comment.author_name).is_not(None))
        ).all()
        if " ".join((name or "").split()).casefold() == wanted
    }
    kind = {(True, True): "both", (True, False): "id", (False, True): "name"}.get(
        (bool(by_id), bool(by_name)), "none"
    )
    ids = sorted(i for i in by_id | by_name if i is not None)
    found = session.exec(select(Comment).where(col(Comment.id).in_(ids)).order_by(Comment.id))
    return [c for c in found.all() if c.purged_at is None], kind


@dataclass
class Fate:
    """What happens to one item on erasure, and the reason in plain Swedish."""

    erasable: bool
    line: str
    why: str | None  # GDPR_WHY_* for kept items


def fate_of(session: Session, comment: Comment) -> Fate:
    if comment.purged_at is not None:
        return Fate(False, P.GDPR_FATE_ERASED, None)
    if evidence_for(session, comment.id or 0) is not None:
        return Fate(False, P.GDPR_FATE_EVIDENCE, P.GDPR_WHY_EVIDENCE)
    if comment.diarienummer:
        line = P.GDPR_FATE_REGISTERED.format(number=comment.diarienummer)
        return Fate(False, line, P.GDPR_WHY_REGISTERED)
    return Fate(True, P.GDPR_FATE_ERASABLE, P.GDPR_WHY_ERASABLE)


@verbs.command("gdpr", P.GDPR_HELP, audience=COMMUNICATORS)
def gdpr(ctx: Context, text: str) -> Reply:
    key = " ".join(text.split())
    if not key:
        return Reply(notice=P.GDPR_USAGE)
    if len(key) > MAX_KEY:
        return Reply(notice=P.GDPR_KEY_TOO_LONG.format(max=MAX_KEY))
    found, matched = find_subject(ctx.session, key)
    request = GdprRequest(
        key_kind=matched,
        key_sha256=key_digest(key),
        comment_ids=[c.id for c in found if c.id is not None],
        requested_by_id=ctx.actor.id,
        requested_at=ctx.now,
    )
    ctx.session.add(request)
    ctx.session.flush()
    ctx.audit(
        "gdpr.searched",
        request_id=request.id,
        key_sha256=request.key_sha256,
        matched_by=matched,
        count=len(found),
        comment_ids=request.comment_ids,
    )
    if not found:
        return Reply(notice=P.GDPR_NOTHING)
    return Reply(message=overview(ctx.session, ctx.core, request, found))


def _items(comments: list[Comment]) -> str:
    messages = sum(1 for c in comments if c.kind == "message")
    parts = []
    if len(comments) - messages:
        parts.append(antal(len(comments) - messages, "kommentar", "kommentarer"))
    if messages:
        parts.append(antal(messages, "privat meddelande", "privata meddelanden"))
    return " och ".join(parts) or P.GDPR_NONE


def overview(
    session: Session, core: Core, request: GdprRequest, comments: list[Comment]
) -> Message:
    """What was found and what erasure would do to each item: numbers, never texts."""
    names = _account_names(session, comments)
    fates = {c.id: fate_of(session, c) for c in comments}
    lines = [
        "- "
        + P.GDPR_LINE.format(
            id=c.id,
            kind=P.GDPR_ITEM_KINDS.get(c.kind, c.kind),
            account=names.get(c.account_id, c.account_id),
            platform=platform_name(c.platform),
            received=local(core, c.received_at),
            fate=fates[c.id].line,
        )
        for c in comments
    ]
    whys = list(dict.fromkeys(f.why for f in fates.values() if f.why))
    found = P.GDPR_FOUND.format(
        items=_items(comments),
        accounts=antal(len(set(names)), "konto", "konton"),
    )
    text = "\n\n".join(
        [found, "\n".join(lines), f"**{P.GDPR_WHY_TITLE}**", *whys, P.GDPR_CHECK_BEFORE]
    )
    erasable = sum(1 for f in fates.values() if f.erasable)
    value = str(request.id)
    buttons = [Button(label=P.GDPR_BUTTON_EXPORT, action=EXPORT, value=value, style="primary")]
    if erasable and request.erased_at is None:
        buttons.append(
            Button(
                label=P.GDPR_BUTTON_ERASE,
                action=ERASE,
                value=value,
                style="danger",
                confirm=P.GDPR_CONFIRM_ERASE.format(
                    count=antal(erasable, "sak", "saker").capitalize()
                ),
            )
        )
    return Message(title=P.GDPR_TITLE.format(id=request.id), text=text, buttons=buttons)


def _account_names(session: Session, comments: list[Comment]) -> dict[int, str]:
    ids = {c.account_id for c in comments}
    rows = session.exec(select(Account).where(col(Account.id).in_(ids))).all()
    return {a.id: a.name for a in rows if a.id is not None}


def _request(ctx: Context, value: str) -> GdprRequest | None:
    return ctx.session.get(GdprRequest, int(value)) if value.strip().isdigit() else None


def _comments(session: Session, request: GdprRequest) -> list[Comment]:
    ids = [int(i) for i in request.comment_ids]
    return list(
        session.exec(select(Comment).where(col(Comment.id).in_(ids)).order_by(Comment.id)).all()
    )


@verbs.action(EXPORT, audience=COMMUNICATORS)
def export(ctx: Context, value: str) -> Reply:
    request = _request(ctx, value)
    if request is None:
        return Reply(notice=P.GDPR_UNKNOWN_REQUEST)
    comments = [c for c in _comments(ctx.session, request) if c.purged_at is None]
    data = export_data(ctx.session, ctx.core, request, comments, ctx.actor.person)
    stem = f"gdpr-{request.id}"
    message = Message(
        title=P.GDPR_EXPORT_TITLE.format(id=request.id),
        text=P.GDPR_EXPORT_TEXT.format(items=_items(comments), check=P.GDPR_CHECK_BEFORE),
        attachments=[
            _file(
                f"{stem}.json",
                "application/json",
                json.dumps(data, ensure_ascii=False, indent=2),
            ),
            _file(f"{stem}.txt", "text/plain", readable(data, ctx.core)),
        ],
    )
    key = export_key(request.id or 0, ctx.actor.id)
    if not enqueue_to_person(ctx.session, ctx.core, key, ctx.actor.id, message):
        return Reply(notice=P.GDPR_EXPORT_ALREADY.format(id=request.id))
    request.exported_at = ctx.now  # the outbox copies are emptied a week after the last
    request.exports_cleared_at = None
    ctx.session.add(request)
    ctx.audit("gdpr.exported", request_id=request.id, count=len(comments))
    return Reply(notice=P.GDPR_EXPORT_SENT)


def export_key(request_id: int, person_id: int) -> str:
    return f"gdpr-export:{request_id}:{person_id}"


def _file(name: str, content_type: str, content: str) -> Attachment:
    # Personal data: a Teams link to it expires after FILE_LINK_HOURS (docs/files.md).
    return Attachment.of(name, content_type, content.encode("utf-8"), personal=True)


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def export_data(
    session: Session,
    core: Core,
    request: GdprRequest,
    comments: list[Comment],
    made_by: Person,
) -> dict[str, Any]:
    """Everything held about the person, item by item, as plain JSON values."""
    names = _account_names(session, comments)
    return {
        "request": request.id,
        "made_at": _iso(core.now()),
        "made_by": display_name(made_by),
        "items": [_item(session, c, names.get(c.account_id, "")) for c in comments],
    }


def _item(session: Session, comment: Comment, account: str) -> dict[str, Any]:
    evidence = evidence_for(session, comment.id or 0)
    return {
        "id": comment.id,
        "kind": comment.kind,
        "account": account,
        "platform": comment.platform,
        "author_name": comment.author_name,
        "author_id": comment.author_external_id,
        "author_profile": comment.author_profile,
        "received_at": _iso(comment.received_at),
        "created_time": _iso(comment.created_time),
        "permalink": comment.permalink,
        "status": comment.status,
        "diarienummer": comment.diarienummer,
        "text": comment.text,
        "versions": [
            # `said`: the delivery as the platform sent it, which is data about them too.
            {"number": v.number, "kind": v.kind, "at": _iso(v.at), "text": v.text, "said": v.said}
            for v in versions_of(session, comment.id or 0)
        ],
        "evidence": _evidence(evidence) if evidence else None,
        "on_erasure": fate_of(session, comment).line,
    }


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": evidence.id,
        "category": evidence.category,
        "captured_at": _iso(evidence.captured_at),
        "version": evidence.version_number,
        "text": evidence.record.get("text"),
        "sha256": evidence.sha256,
        "police_report_number": evidence.police_report_number,
    }


def _shown(core: Core, field: str, value: Any) -> str:
    """A field of the JSON as the readable text shows it: local times, Swedish words."""
    if field == "status":
        return P.EXPORT_STATUS.get(str(value), str(value))
    if field.endswith("_at") and isinstance(value, str):
        return local(core, datetime.fromisoformat(value))
    return str(value)


def readable(data: dict[str, Any], core: Core) -> str:
    """The export as a person reads it (Swedish headings, local times, oldest first)."""

    def when(value: str | None) -> str:
        return _shown(core, "_at", value) if value else ""

    lines = [
        P.EXPORT_HEADING.format(id=data["request"]),
        P.EXPORT_MADE.format(when=when(data["made_at"]), name=data["made_by"]),
        "",
        P.GDPR_CHECK_BEFORE,
    ]
    for item in data["items"]:
        lines += ["", "=" * 60]
        lines.append(
            P.EXPORT_ITEM.format(
                kind=P.GDPR_ITEM_KINDS.get(item["kind"], item["kind"]).capitalize(),
                id=item["id"],
                account=item["account"],
                platform=platform_name(item["platform"]),
            )
        )
        for field, label in P.EXPORT_FIELDS.items():
            if item.get(field):
                lines.append(f"{label}: {_shown(core, field, item[field])}")
        for version in item["versions"]:
            if version["kind"] == "deleted":
                lines.append(P.EXPORT_DELETED.format(when=when(version["at"])))
                continue
            kind = C.VERSION_KINDS.get(version["kind"], version["kind"])
            lines.append(
                P.EXPORT_VERSION.format(
                    number=version["number"], kind=kind, when=when(version["at"])
                )
            )
            lines += ["    " + line for line in version["text"].splitlines() or [""]]
        if item["evidence"]:
            evidence = item["evidence"]
            lines.append(
                P.EXPORT_EVIDENCE.format(
                    id=evidence["id"],
                    when=when(evidence["captured_at"]),
                    category=C.CATEGORIES.get(evidence["category"], evidence["category"]),
                    version=evidence["version"] or "–",
                )
            )
            lines += ["    " + line for line in (evidence["text"] or "").splitlines() or [""]]
        lines.append(P.EXPORT_FATE.format(fate=item["on_erasure"]))
    return "\n".join(lines) + "\n"


@verbs.action(ERASE, audience=COMMUNICATORS)
def erase(ctx: Context, value: str) -> Reply:
    request = _request(ctx, value)
    if request is None:
        return Reply(notice=P.GDPR_UNKNOWN_REQUEST)
    # Once per request, by the database: of two presses at once, one erases.
    claimed = ctx.session.exec(  # type: ignore[call-overload]
        update(GdprRequest)
        .where(col(GdprRequest.id) == request.id, col(GdprRequest.erased_at).is_(None))
        .values(erased_at=ctx.now, erased_by_id=ctx.actor.id)
    )
    if not claimed.rowcount:
        ctx.session.refresh(request)
        return Reply(
            notice=P.GDPR_ALREADY_ERASED.format(
                id=request.id, when=local(ctx.core, request.erased_at)
            )
        )
    erased: list[int] = []
    kept: dict[str, str] = {}
    for comment in _comments(ctx.session, request):
        fate = fate_of(ctx.session, comment)
        if fate.erasable:
            erase_comment(ctx, comment, request.id or 0)
            erased.append(comment.id or 0)
        elif comment.purged_at is None:
            kept[str(comment.id)] = fate.line
    _forget_exports(ctx.session, request, ctx.now)
    ctx.audit("gdpr.erased", request_id=request.id, erased=erased, kept=sorted(kept))
    kept_text = ", ".join(f"nr {i} ({why})" for i, why in kept.items()) or P.GDPR_NONE
    if not erased:
        return Reply(notice=P.GDPR_ERASED_NOTHING.format(kept=kept_text))
    erased_text = ", ".join(f"nr {i}" for i in erased)
    return Reply(notice=P.GDPR_ERASED_NOTICE.format(erased=erased_text, kept=kept_text))


def erase_comment(ctx: Context, comment: Comment, request_id: int) -> None:
    """An open item is closed first: nobody can answer a person the bot no longer knows."""
    if comment.status == CommentStatus.OPEN:
        comment.status = CommentStatus.NO_REPLY_NEEDED
        comment.closed_at = ctx.now
        comment.closed_by_id = ctx.actor.id
        resolve(ctx.session, ctx.core, overdue_key(comment.id or 0), "raderad på begäran")
    # `purge` edits every chat message about it once, to say it was erased.
    purge(ctx.session, ctx.core, comment, ctx.now, erased_request_id=request_id)


@verbs.sweep("gdpr-exports")
def clear_old_exports(core: Core, session: Session) -> None:
    """The files were for handing out, not for keeping: the outbox's copy goes after a week."""
    cutoff = core.now() - timedelta(days=EXPORT_KEPT_DAYS)
    due = session.exec(
        select(GdprRequest).where(
            col(GdprRequest.exported_at) <= cutoff, col(GdprRequest.exports_cleared_at).is_(None)
        )
    ).all()
    for request in due:
        _forget_exports(session, request, core.now())


def _forget_exports(session: Session, request: GdprRequest, now: datetime) -> None:
    """The outbox keeps no copy of the files sent for this request (those already out)."""
    keys = session.exec(
        select(OutboxMessage.message_key).where(
            col(OutboxMessage.message_key).startswith(f"gdpr-export:{request.id}:")
        )
    ).all()
    redact(session, keys, Message(text=P.GDPR_EXPORT_FORGOTTEN.format(id=request.id)))
    # The bytes kept behind a Teams download link go too (the link then answers 404).
    stored = session.exec(
        select(ChatFile).where(col(ChatFile.message_key).startswith(f"gdpr-export:{request.id}:"))
    ).all()
    for row in stored:
        row.data = None
        session.add(row)
    request.exports_cleared_at = now
    session.add(request)
