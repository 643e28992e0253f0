"""Comments arriving: from webhooks (Meta, generic) or by hand. Plain values in, rows out.

Handlers translate a platform's payload into these calls; nothing here knows Meta's shapes.
Every call is idempotent on the platform's ids: a second delivery changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot import audit
from bot.core import Core
from bot.flows.activity import record_post
from bot.flows.comments import confidential, own_posts
from bot.flows.comments.common import (
    T,
    admin_ids,
    alert_key,
    alert_message,
    private_alert,
    refresh_alerts,
    send_about,
    shown_text,
    version_history,
)
from bot.flows.comments.versions import add_version
from bot.flows.escalation import resolve
from bot.messages import Fact, Message
from bot.outbox import enqueue_to_communicators
from bot.rules.personnummer import contains_personnummer
from bot.rules.signature import is_signed
from bot.rules.threats import threat_terms
from storage.models import (
    Account,
    AccountStatus,
    Comment,
    CommentKind,
    CommentMessage,
    CommentStatus,
    CommentVersionKind,
    PlatformLink,
)

log = logging.getLogger(__name__)


@dataclass
class Incoming:
    """One comment, post or message as a platform reports it."""

    platform: str
    external_id: str | None
    text: str
    author_name: str | None = None
    author_external_id: str | None = None
    author_profile: str | None = None
    created_time: datetime | None = None
    permalink: str | None = None
    parent_external_id: str | None = None
    post_external_id: str | None = None
    # What the platform said (the change as delivered), kept with the version.
    said: dict[str, Any] | None = None
    # A private message (Messenger, Instagram Direct): its text goes to the admins only.
    kind: str = CommentKind.COMMENT


def linked_account(session: Session, platform: str, external_id: str) -> int | None:
    link = session.exec(
        select(PlatformLink).where(
            PlatformLink.platform == platform, PlatformLink.external_id == external_id
        )
    ).first()
    return link.account_id if link else None


def find(
    session: Session, platform: str, external_id: str, account_id: int | None = None
) -> Comment | None:
    """A comment by the platform's id; with `account_id`, only that account's (a webhook
    for one account must never touch another's comments)."""
    query = select(Comment).where(Comment.platform == platform, Comment.external_id == external_id)
    if account_id is not None:
        query = query.where(Comment.account_id == account_id)
    return session.exec(query).first()


def receive(
    session: Session,
    core: Core,
    account_id: int,
    incoming: Incoming,
    *,
    registered_by_id: int | None = None,
    received_at: datetime | None = None,
) -> Comment | None:
    """Store a new comment with its deadline; None when this delivery was seen before."""
    if incoming.external_id and find(session, incoming.platform, incoming.external_id):
        return None
    now = core.now()
    # It arrived when the platform says it was written, unless that is in the future.
    arrived = received_at or min(incoming.created_time or now, now)
    deadline = core.calendar.reply_deadline(arrived)
    comment = Comment(
        account_id=account_id,
        platform=incoming.platform,
        external_id=incoming.external_id,
        parent_external_id=incoming.parent_external_id,
        post_external_id=incoming.post_external_id,
        permalink=incoming.permalink,
        author_name=incoming.author_name,
        author_external_id=incoming.author_external_id,
        author_profile=incoming.author_profile,
        text=incoming.text,
        created_time=incoming.created_time,
        received_at=arrived,
        deadline=deadline,
        alert_at=_alert_at(core, deadline),
        confidential=contains_personnummer(incoming.text, core.calendar.local_date(now)),
        source="manual" if registered_by_id else "webhook",
        registered_manually_by_id=registered_by_id,
        kind=incoming.kind,
    )
    try:
        with session.begin_nested():
            session.add(comment)
    except IntegrityError:
        return None  # the same delivery, handled at the same moment by another request
    add_version(session, comment, CommentVersionKind.RECEIVED, incoming.text, now, incoming.said)
    comment.threat_terms = _threats(core, incoming.text)
    audit.record(
        session,
        now,
        "comment.received",
        actor_id=registered_by_id,
        account_id=account_id,
        comment_id=comment.id,
        platform=incoming.platform,
        external_id=incoming.external_id,
        confidential=comment.confidential,
        threat=bool(comment.threat_terms),
    )
    if comment.threat_terms:
        alert_threat(session, core, comment)
    elif comment.confidential:
        # Not a morning's wait: the admins should remove it and move the conversation now.
        send_alert(session, core, comment)
        confidential.tell_communicators(session, core, comment)
    return comment


def _threats(core: Core, text: str) -> str | None:
    return ", ".join(threat_terms(text, core.settings.threat_words)) or None


def alert_threat(session: Session, core: Core, comment: Comment) -> None:
    """Words of a threat or hatred: the admins and the communicators at once, any hour."""
    assert comment.id is not None
    send_alert(session, core, comment)
    key = alert_key(comment.id, 0, "threat")
    private = comment.kind == CommentKind.MESSAGE
    # A private message's text stays with the admins: the communicators get the fact only,
    # and that message is never refreshed with the text.
    shown = private_alert(session, core, comment) if private else None
    if enqueue_to_communicators(session, core, key, shown or alert_message(session, core, comment)):
        session.add(CommentMessage(comment_id=comment.id, key=key, refreshed=not private))
    audit.record(
        session,
        core.now(),
        "comment.threat_alerted",
        account_id=comment.account_id,
        comment_id=comment.id,
        terms=comment.threat_terms,
    )


def _alert_at(core: Core, deadline: datetime) -> datetime:
    due_day = core.calendar.local_date(deadline)
    return core.calendar.at_local(due_day, core.settings.morning_reminder_time)


def send_alert(session: Session, core: Core, comment: Comment) -> None:
    """The alert to each admin (and the person it was forwarded to), once per person."""
    assert comment.id is not None
    account = session.get(Account, comment.account_id)
    if account is not None and account.status == AccountStatus.CLOSED:
        return  # a closed account raises no alerts (its closer settles what is left)
    message = alert_message(session, core, comment)
    for person_id in recipients(session, comment):
        send_about(session, core, comment.id, alert_key(comment.id, person_id), person_id, message)


def edited(
    session: Session,
    core: Core,
    account_id: int,
    platform: str,
    external_id: str,
    text: str,
    said: dict[str, Any] | None = None,
) -> bool:
    """A comment's text changed on the platform: a new version, the earlier ones kept.

    The deadline stays; the admins are told, with the earlier text."""
    comment = find(session, platform, external_id, account_id)
    if comment is None or comment.purged_at or comment.text == text:
        return False
    now = core.now()
    version = add_version(session, comment, CommentVersionKind.EDITED, text, now, said)
    comment.text = text
    comment.edited_at = now
    newly_confidential = not comment.confidential and contains_personnummer(
        text, core.calendar.local_date(now)
    )
    comment.confidential = comment.confidential or newly_confidential
    threats = _threats(core, text)
    newly_threat = bool(threats) and not comment.threat_terms
    comment.threat_terms = comment.threat_terms or threats
    session.add(comment)
    audit.record(
        session,
        now,
        "comment.edited",
        account_id=comment.account_id,
        comment_id=comment.id,
        version=version.number,
    )
    if newly_threat:
        alert_threat(session, core, comment)
    elif newly_confidential:
        send_alert(session, core, comment)
        confidential.tell_communicators(session, core, comment)
    _tell_changed(session, core, comment, version.number, deleted=False)
    refresh_alerts(session, core, comment)
    return True


def _tell_changed(
    session: Session, core: Core, comment: Comment, number: int, *, deleted: bool
) -> None:
    """The admins see that the author edited or deleted it, with the earlier text."""
    assert comment.id is not None
    account_name = _account_name(session, comment.account_id)
    title = (T.DELETED_TITLE if deleted else T.EDITED_TITLE).format(
        account=account_name, id=comment.id
    )
    full = alert_message(session, core, comment)
    message = Message(
        title=title,
        text=version_history(session, core, comment),
        facts=full.facts,
        buttons=full.buttons,
    )
    for person_id in recipients(session, comment):
        key = f"comment-changed:{comment.id}:{number}:{person_id}"
        send_about(session, core, comment.id, key, person_id, message, refreshed=False)


def recipients(session: Session, comment: Comment) -> list[int]:
    people = admin_ids(session, comment.account_id)
    if comment.forwarded_to_id and comment.forwarded_to_id not in people:
        people.append(comment.forwarded_to_id)
    return people


def removed_on_platform(
    session: Session,
    core: Core,
    account_id: int,
    platform: str,
    external_id: str,
    said: dict[str, Any] | None = None,
) -> bool:
    """The comment was deleted on the platform (by its author or by the page).

    An event, not an erasure: the text stays in its versions, the admins are told with
    it (and may still save evidence), and disposal treats it like any closed comment."""
    comment = find(session, platform, external_id, account_id)
    # Purged or erased: nothing of it may come back, not even in the delivery's `said`.
    if comment is None or comment.deleted_on_platform_at is not None or comment.purged_at:
        return False
    now = core.now()
    version = add_version(session, comment, CommentVersionKind.DELETED, "", now, said)
    comment.deleted_on_platform_at = now
    was = comment.status
    if was == CommentStatus.OPEN and comment.confidential:
        # The removal step of confidential data; registering and moving may still be left.
        confidential.removed_on_platform(session, core, comment)
    elif was not in (CommentStatus.REMOVED, CommentStatus.CONFIDENTIAL_HANDLED):
        comment.status = CommentStatus.REMOVED
        comment.removed_at = now
        comment.closed_at = comment.closed_at or now
    session.add(comment)
    audit.record(
        session,
        now,
        "comment.removed_on_platform",
        account_id=comment.account_id,
        comment_id=comment.id,
        version=version.number,
        status_before=str(was),
    )
    if comment.status != CommentStatus.OPEN:
        resolve(session, core, f"comment-overdue:{comment.id}", "kommentaren togs bort")
    resolve(session, core, f"comment-illegal:{comment.id}", "borttaget på plattformen")
    resolve(session, core, f"comment-removal:{comment.id}", "borttaget på plattformen")
    if was != CommentStatus.REMOVED and not comment.purged_at:
        _tell_changed(session, core, comment, version.number, deleted=True)
    refresh_alerts(session, core, comment)
    return True


def page_replied(
    session: Session,
    core: Core,
    account_id: int,
    platform: str,
    parent_external_id: str,
    reply_external_id: str,
    text: str,
) -> bool:
    """The account itself replied. Signed: the comment is answered. Unsigned: flagged.

    A reply counts only when it is signed with name and title, so an
    unsigned one leaves the comment open; editing the reply to add a signature closes it.
    A reply with a personnummer is flagged (own_posts) and answers nothing.
    """
    if own_posts.check_own_text(
        session, core, account_id, platform, reply_external_id, text, kind="reply"
    ):
        return False
    comment = find(session, platform, parent_external_id, account_id)
    if comment is None:
        log.debug("a reply to nothing we track on %s; nothing to answer", platform)
        return False
    if comment.status != CommentStatus.OPEN or comment.confidential:
        return False  # confidential data is not answered in the comment field
    if not is_signed(text, core.settings.signature_titles):
        _flag_unsigned(session, core, comment, reply_external_id, text)
        return False
    now = core.now()
    comment.status = CommentStatus.ANSWERED
    comment.answered_by_reply_id = reply_external_id
    comment.closed_at = now
    session.add(comment)
    audit.record(
        session,
        now,
        "comment.answered_by_page",
        account_id=comment.account_id,
        comment_id=comment.id,
        reply_id=reply_external_id,
    )
    resolve(session, core, f"comment-overdue:{comment.id}", "kontot har svarat")
    refresh_alerts(session, core, comment)
    return True


def _flag_unsigned(
    session: Session, core: Core, comment: Comment, reply_id: str, text: str
) -> None:
    account_name = _account_name(session, comment.account_id)
    message = Message(
        title=T.UNSIGNED_TITLE.format(account=account_name),
        text=T.UNSIGNED_TEXT,
        facts=[
            Fact(label=T.FACT_NUMBER, value=str(comment.id)),
            Fact(label=T.UNSIGNED_REPLY, value=text[:500]),
            Fact(label=T.FACT_AUTHOR, value=comment.author_name or T.UNKNOWN_AUTHOR),
            Fact(label=T.UNSIGNED_COMMENT, value=shown_text(core, comment)[:500]),
        ]
        + ([Fact(label=T.FACT_LINK, value=comment.permalink)] if comment.permalink else []),
    )
    recipients = admin_ids(session, comment.account_id)
    if comment.forwarded_to_id and comment.forwarded_to_id not in recipients:
        recipients.append(comment.forwarded_to_id)
    for person_id in recipients:
        key = f"comment-unsigned:{comment.id}:{reply_id}:{person_id}"
        send_about(session, core, comment.id, key, person_id, message, refreshed=False)
    audit.record(
        session,
        core.now(),
        "comment.unsigned_reply",
        account_id=comment.account_id,
        comment_id=comment.id,
        reply_id=reply_id,
    )


def _account_name(session: Session, account_id: int) -> str:
    account = session.get(Account, account_id)
    return account.name if account else str(account_id)


def page_posted(
    session: Session,
    core: Core,
    account_id: int,
    at: datetime,
    external_id: str,
    text: str = "",
    platform: str = "facebook",
    permalink: str | None = None,
) -> None:
    """The account published a post of its own: that is the day's activity (and a
    personnummer in it is flagged)."""
    record_post(session, core, account_id, at, source="webhook", external_id=external_id)
    own_posts.check_own_text(
        session, core, account_id, platform, external_id, text, kind="post", permalink=permalink
    )
