"""Illegal content (lag 1998:112 5 §): evidence first, then removal, then a police report.

**Olagligt innehåll** asks for the category and freezes an evidence record with its
SHA-256; only then does **Borttaget** appear, and the server checks again on press.
Evidence is read only by the account's admins and communicators, and never purged.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from bot.core import Core
from bot.flows.comments import names
from bot.flows.comments.common import (
    T,
    comment_form,
    evidence_for,
    load_comment,
    local,
    may_see_evidence,
    overdue_key,
    reference_number,
    refresh_alerts,
)
from bot.flows.comments.confidential import confidential_key
from bot.flows.comments.removal import office_hours_after, removal_key
from bot.flows.comments.versions import text_versions
from bot.flows.escalation import escalate, resolve
from bot.markup import escape
from bot.messages import Fact, FormField, Message, Option
from bot.people import display_name
from bot.registry import Verbs
from bot.router import Context, Reply
from bot.rules.evidence import record_sha256
from bot.rules.personnummer import mask_personnummer
from bot.texts.platforms import platform_name
from storage.models import Account, Comment, CommentStatus, CommentVersion, Evidence

verbs = Verbs()

MAX_POLICE_NUMBER = 100


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def evidence_record(
    ctx: Context, comment: Comment, account: Account | None, version: CommentVersion | None
) -> dict[str, Any]:
    """Everything the guideline asks to keep, as plain JSON values (the hashed record).

    The text is the chosen version's, and the record says which version it is."""
    record = {
        "comment_id": comment.id,
        "platform": comment.platform,
        "account_id": comment.account_id,
        "account_name": account.name if account else None,
        "permalink": comment.permalink,
        "external_id": comment.external_id,
        "parent_external_id": comment.parent_external_id,
        "post_external_id": comment.post_external_id,
        "author_name": comment.author_name,
        "author_id": comment.author_external_id,
        "author_profile": comment.author_profile,
        "created_time": _iso(comment.created_time),
        "received_at": _iso(comment.received_at),
        "text": comment.text,
        "captured_at": _iso(ctx.now),
        "captured_by_id": ctx.actor.id,
        "captured_by_name": display_name(ctx.actor.person),
    }
    if version is not None:
        versions = text_versions(ctx.session, comment.id or 0)
        record.update(
            text=version.text,
            version=version.number,
            version_kind=version.kind,
            version_at=_iso(version.at),
            versions=len(versions),
            deleted_on_platform_at=_iso(comment.deleted_on_platform_at),
        )
    return record


@verbs.action(names.ILLEGAL)
def illegal(ctx: Context, value: str) -> Reply:
    comment, refusal = _for_evidence(ctx, value)
    if comment is None:
        return refusal
    form = comment_form(
        names.ILLEGAL,
        T.ILLEGAL_TITLE,
        T.ILLEGAL_SUBMIT,
        comment.id or 0,
        FormField(
            id="category",
            label=T.ILLEGAL_CATEGORY,
            kind="select",
            options=[Option(value=k, label=v) for k, v in T.CATEGORIES.items()],
        ),
        intro=T.ILLEGAL_INTRO,
    )
    versions = text_versions(ctx.session, comment.id or 0)
    if len(versions) > 1:
        # No preselection: the person saving evidence looks at every version and picks.
        form.fields.append(
            FormField(
                id="version",
                label=T.ILLEGAL_VERSION,
                kind="select",
                options=[_version_option(ctx, v) for v in versions],
            )
        )
    return Reply(form=form)


def _version_option(ctx: Context, version: CommentVersion) -> Option:
    today = ctx.core.calendar.local_date(ctx.now)
    text = mask_personnummer(version.text, today)
    return Option(
        value=str(version.number),
        label=T.ILLEGAL_VERSION_OPTION.format(
            number=version.number,
            kind=T.VERSION_KINDS.get(version.kind, version.kind),
            when=local(ctx.core, version.at),
            text=text[:40] + ("…" if len(text) > 40 else ""),
        ),
    )


def _chosen_version(
    ctx: Context, comment: Comment, values: dict[str, Any]
) -> tuple[CommentVersion | None, Reply | None]:
    """The version to save: the one picked, or the only one there is."""
    versions = text_versions(ctx.session, comment.id or 0)
    if len(versions) <= 1:
        return (versions[0] if versions else None), None
    picked = str(values.get("version") or "")
    chosen = next((v for v in versions if str(v.number) == picked), None)
    if chosen is None:
        return None, Reply(errors={"version": T.ILLEGAL_VERSION_REQUIRED})
    return chosen, None


def _for_evidence(ctx: Context, value: str) -> tuple[Comment | None, Reply]:
    comment, refusal = load_comment(ctx, value)
    if comment is None:
        return None, refusal
    if evidence_for(ctx.session, comment.id or 0) is not None:
        return None, Reply(notice=T.ALREADY_EVIDENCE)
    if comment.purged_at:
        return None, Reply(notice=T.PURGED_NO_EVIDENCE)
    return comment, Reply()


@verbs.form(names.ILLEGAL)
def illegal_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    comment, refusal = _for_evidence(ctx, context)
    if comment is None:
        return refusal
    category = str(values.get("category") or "")
    if category not in T.CATEGORIES:
        return Reply(errors={"category": T.ILLEGAL_CATEGORY_REQUIRED})
    version, invalid = _chosen_version(ctx, comment, values)
    if invalid:
        return invalid
    account = ctx.session.get(Account, comment.account_id)
    record = evidence_record(ctx, comment, account, version)
    evidence = Evidence(
        comment_id=comment.id or 0,
        account_id=comment.account_id,
        category=category,
        record=record,
        sha256=record_sha256(record),
        captured_at=ctx.now,
        captured_by_id=ctx.actor.id,
        version_number=version.number if version else None,
    )
    try:
        with ctx.session.begin_nested():
            ctx.session.add(evidence)
    except IntegrityError:
        return Reply(notice=T.ALREADY_EVIDENCE)  # a double submit, at the same instant
    if comment.status != CommentStatus.REMOVED:
        # No reply is owed to illegal content; it is to be removed. (Even if someone
        # answered it before seeing what it was.) Promptly: by office time.
        comment.status = CommentStatus.ILLEGAL
        comment.removal_due = office_hours_after(
            ctx.core, ctx.now, ctx.core.settings.illegal_removal_within_hours
        )
        ctx.session.add(comment)
    ctx.audit(
        "comment.evidence_saved",
        account_id=comment.account_id,
        comment_id=comment.id,
        evidence_id=evidence.id,
        category=category,
        sha256=evidence.sha256,
        version=evidence.version_number,
    )
    resolve(ctx.session, ctx.core, overdue_key(comment.id or 0), "olagligt innehåll, bevis sparat")
    # Confidential data in illegal content: the removal deadline now follows it instead.
    resolve(ctx.session, ctx.core, confidential_key(comment.id or 0), "olagligt innehåll")
    _tell_communicators(ctx, comment, evidence, account)
    refresh_alerts(ctx.session, ctx.core, comment)
    return Reply(notice=T.EVIDENCE_NOTICE.format(id=evidence.id, sha=evidence.sha256[:16] + "…"))


def _tell_communicators(
    ctx: Context, comment: Comment, evidence: Evidence, account: Account | None
) -> None:
    facts = [
        Fact(label=T.FACT_NUMBER, value=str(comment.id)),
        Fact(
            label=T.FACT_EVIDENCE,
            value=T.EVIDENCE_VALUE.format(
                id=evidence.id, when=local(ctx.core, ctx.now), name=display_name(ctx.actor.person)
            ),
        ),
        Fact(label="SHA-256", value=evidence.sha256),
    ]
    if comment.permalink:
        facts.append(Fact(label=T.FACT_LINK, value=comment.permalink))
    escalate(
        ctx.session,
        ctx.core,
        key=f"comment-illegal:{comment.id}",
        kind="illegal-content",
        summary=T.ILLEGAL_SUMMARY.format(
            account=account.name if account else comment.account_id,
            id=comment.id,
            category=T.CATEGORIES[evidence.category],
        ),
        account_id=comment.account_id,
        facts=facts,
    )


@verbs.action(names.REMOVED)
def removed(ctx: Context, value: str) -> Reply:
    comment, refusal = load_comment(ctx, value)
    if comment is None:
        return refusal
    if comment.status == CommentStatus.REMOVED:
        return Reply(notice=T.ALREADY_REMOVED)
    # The rule itself: no removal without evidence, whatever buttons a client shows.
    if evidence_for(ctx.session, comment.id or 0) is None:
        return Reply(notice=T.EVIDENCE_FIRST)
    comment.status = CommentStatus.REMOVED
    comment.removed_at = ctx.now
    comment.removed_by_id = ctx.actor.id
    comment.closed_at = ctx.now
    comment.closed_by_id = ctx.actor.id
    ctx.session.add(comment)
    ctx.audit("comment.removed", account_id=comment.account_id, comment_id=comment.id)
    resolve(ctx.session, ctx.core, f"comment-illegal:{comment.id}", "borttaget")
    resolve(ctx.session, ctx.core, removal_key(comment.id or 0), "borttaget")
    refresh_alerts(ctx.session, ctx.core, comment)
    return Reply(notice=T.REMOVED_NOTICE)


@verbs.action(names.POLICE)
def police(ctx: Context, value: str) -> Reply:
    evidence, refusal = _unreported(ctx, value)
    if evidence is None:
        return refusal
    return Reply(
        form=comment_form(
            names.POLICE,
            T.POLICE_TITLE,
            T.POLICE_SUBMIT,
            evidence.comment_id,
            FormField(id="number", label=T.POLICE_LABEL, kind="text"),
        )
    )


@verbs.form(names.POLICE)
def police_submitted(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    evidence, refusal = _unreported(ctx, context)
    if evidence is None:
        return refusal
    number, invalid = reference_number(
        values, "number", MAX_POLICE_NUMBER, T.POLICE_REQUIRED, T.POLICE_TOO_LONG
    )
    if invalid:
        return invalid
    evidence.police_report_number = number
    evidence.police_reported_by_id = ctx.actor.id
    evidence.police_reported_at = ctx.now
    ctx.session.add(evidence)
    ctx.audit(
        "evidence.police_report",
        account_id=evidence.account_id,
        evidence_id=evidence.id,
        number=number,
    )
    comment = ctx.session.get(Comment, evidence.comment_id)
    if comment is not None:
        refresh_alerts(ctx.session, ctx.core, comment)
    return Reply(notice=T.POLICE_NOTICE.format(number=number, id=evidence.id))


def _unreported(ctx: Context, value: str) -> tuple[Evidence | None, Reply]:
    evidence, refusal = _evidence_of_comment(ctx, value)
    if evidence is not None and evidence.police_report_number:
        return None, Reply(notice=T.ALREADY_POLICE.format(number=evidence.police_report_number))
    return evidence, refusal


def _evidence_of_comment(ctx: Context, value: str) -> tuple[Evidence | None, Reply]:
    comment = ctx.session.get(Comment, int(value)) if value.strip().isdigit() else None
    if comment is None:
        return None, Reply(notice=T.UNKNOWN_COMMENT)
    if not may_see_evidence(ctx, comment.account_id):
        return None, Reply(notice=T.EVIDENCE_NOT_ALLOWED)
    evidence = evidence_for(ctx.session, comment.id or 0)
    if evidence is None:
        return None, Reply(notice=T.EVIDENCE_FIRST)
    return evidence, Reply()


@verbs.action(names.EVIDENCE)
def show_evidence_button(ctx: Context, value: str) -> Reply:
    return _show(ctx, value)


@verbs.command("bevis", T.EVIDENCE_HELP)
def show_evidence_command(ctx: Context, text: str) -> Reply:
    return _show(ctx, text.strip().lstrip("#"))


def _show(ctx: Context, value: str) -> Reply:
    evidence = ctx.session.get(Evidence, int(value)) if value.isdigit() else None
    if evidence is None:
        return Reply(notice=T.UNKNOWN_EVIDENCE)
    if not may_see_evidence(ctx, evidence.account_id):
        return Reply(notice=T.EVIDENCE_NOT_ALLOWED)
    ctx.audit("evidence.viewed", account_id=evidence.account_id, evidence_id=evidence.id)
    return Reply(message=evidence_message(ctx, evidence))


def evidence_message(ctx: Context, evidence: Evidence) -> Message:
    record = evidence.record
    facts = [
        Fact(label=label, value=_shown(ctx.core, key, record[key]))
        for key, label in T.EVIDENCE_FACTS.items()
        if record.get(key)
    ]
    if record.get("version"):
        facts.append(
            Fact(
                label=T.FACT_VERSION,
                value=T.EVIDENCE_VERSION.format(
                    number=record["version"], count=record.get("versions", record["version"])
                ),
            )
        )
    if evidence.police_report_number:
        facts.append(Fact(label=T.FACT_POLICE, value=evidence.police_report_number))
    return Message(
        title=T.EVIDENCE_TITLE.format(
            id=evidence.id, category=T.CATEGORIES.get(evidence.category, evidence.category)
        ),
        text=T.EVIDENCE_TEXT.format(text=escape(str(record.get("text", ""))).replace("\n", "\n> ")),
        facts=facts,
        footer=T.EVIDENCE_SHA.format(sha=evidence.sha256),
    )


TIMES = ("created_time", "received_at", "captured_at")


def _shown(core: Core, key: str, value: object) -> str:
    """A record value as people read it; the stored record itself stays as it was hashed."""
    if key == "platform":
        return platform_name(str(value))
    if key in TIMES:
        return _local_and_utc(core, str(value))
    return str(value)


def _local_and_utc(core: Core, stamp: str) -> str:
    """"2026-12-01 08:30 (UTC 07:30)": local time as everywhere else, UTC as hashed."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp  # a platform's own format: shown exactly as recorded
    if moment.tzinfo is None:
        return stamp
    local = moment.astimezone(core.settings.tz).strftime("%Y-%m-%d %H:%M")
    return f"{local} (UTC {moment.astimezone(UTC).strftime('%H:%M')})"
