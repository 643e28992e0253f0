"""What every comment module needs: who may act, the alert message and keeping it current."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from bot import texts
from bot.core import Core
from bot.flows.comments import names
from bot.flows.comments.versions import text_versions
from bot.markup import escape
from bot.messages import Button, Fact, Form, FormField, Message
from bot.outbox import enqueue_to_person, enqueue_update
from bot.people import display_name
from bot.router import Context, Reply
from bot.rules.personnummer import mask_personnummer
from bot.texts.platforms import platform_name
from storage.models import (
    Account,
    AccountAdmin,
    AccountStatus,
    AdminStatus,
    Comment,
    CommentKind,
    CommentMessage,
    CommentStatus,
    Evidence,
    Person,
)


def on_live_account() -> Any:
    """A filter for comment sweeps: a closed account's comments get no more alerts,
    batches or escalations (the communicator who closed it settles them)."""
    closed = select(Account.id).where(Account.status == AccountStatus.CLOSED)
    return col(Comment.account_id).not_in(closed)


T = texts.comments
P = texts.privacy
MAX_QUOTE = 1500


def alert_key(comment_id: int, person_id: int, kind: str = "alert") -> str:
    return f"comment:{comment_id}:{kind}:{person_id}"


def overdue_key(comment_id: int) -> str:
    return f"comment-overdue:{comment_id}"


def local(core: Core, moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(core.settings.tz).strftime("%Y-%m-%d %H:%M")


def admin_ids(session: Session, account_id: int) -> list[int]:
    """The accepted admins still present: the people alerts go to."""
    rows = session.exec(
        select(AccountAdmin.person_id)
        .join(Person, Person.id == AccountAdmin.person_id)
        .where(
            AccountAdmin.account_id == account_id,
            AccountAdmin.status == AdminStatus.ACCEPTED,
            col(Person.departed_at).is_(None),
        )
        .order_by(AccountAdmin.person_id)
    ).all()
    return list(rows)


def is_admin(session: Session, account_id: int, person_id: int) -> bool:
    return person_id in admin_ids(session, account_id)


def may_handle(ctx: Context, comment: Comment) -> bool:
    """The account's admins, the person it was forwarded to, and communicators."""
    return (
        ctx.actor.is_communicator
        or comment.forwarded_to_id == ctx.actor.id
        or is_admin(ctx.session, comment.account_id, ctx.actor.id)
    )


def may_see_evidence(ctx: Context, account_id: int) -> bool:
    return ctx.actor.is_communicator or is_admin(ctx.session, account_id, ctx.actor.id)


def load_comment(ctx: Context, value: str) -> tuple[Comment | None, Reply]:
    """The comment a button or form is about, if the actor may handle it."""
    comment = ctx.session.get(Comment, int(value)) if value.strip().isdigit() else None
    if comment is None:
        return None, Reply(notice=T.UNKNOWN_COMMENT)
    if not may_handle(ctx, comment):
        return None, Reply(notice=T.NOT_ALLOWED)
    return comment, Reply()


def comment_form(
    form_id: str,
    title: str,
    submit: str,
    comment_id: int,
    field: FormField,
    intro: str | None = None,
) -> Form:
    """A one-field form about a comment (category, person, diarienummer, police number)."""
    return Form(
        id=form_id,
        title=title,
        submit_label=submit,
        intro=intro,
        context=str(comment_id),
        fields=[field],
    )


def reference_number(
    values: dict[str, Any], field_id: str, max_length: int, required: str, too_long: str
) -> tuple[str, Reply | None]:
    """The submitted number, trimmed, or the field error that keeps it from being saved."""
    number = str(values.get(field_id) or "").strip()
    if not number:
        return number, Reply(errors={field_id: required})
    if len(number) > max_length:
        return number, Reply(errors={field_id: too_long})
    return number, None


def evidence_for(session: Session, comment_id: int) -> Evidence | None:
    return session.exec(select(Evidence).where(Evidence.comment_id == comment_id)).first()


def is_open(comment: Comment) -> bool:
    return comment.status == CommentStatus.OPEN


def shown_text(core: Core, comment: Comment) -> str:
    """The comment as chat may show it: personnummer masked, long texts cut."""
    text = mask_personnummer(comment.text, core.calendar.local_date(core.now()))
    return text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE] + " …"


def steps_left(comment: Comment) -> list[str]:
    """A confidential comment's steps not yet recorded, as their Swedish names."""
    done = {
        "registered": bool(comment.diarienummer),
        "moved": comment.confidential_moved_at is not None,
        "removed": comment.removed_at is not None,
    }
    return [T.STEP_NAMES[step] for step, ok in done.items() if not ok]


def alert_message(session: Session, core: Core, comment: Comment) -> Message:
    """The comment's alert as it stands now; the same for every recipient, edited in place."""
    account = session.get(Account, comment.account_id)
    account_name = account.name if account else str(comment.account_id)
    evidence = evidence_for(session, comment.id or 0)
    titles = (T.ALERT_TITLE, T.ALERT_TITLE_CLOSED)
    if comment.kind == CommentKind.MESSAGE:
        titles = (P.MESSAGE_ALERT_TITLE, P.MESSAGE_ALERT_TITLE_CLOSED)
    title = titles[0 if is_open(comment) else 1].format(account=account_name)
    if comment.purged_at:
        text = T.ALERT_TEXT_PURGED
    elif comment.deleted_on_platform_at or comment.edited_at:
        # The author changed it: every version, so nobody judges only the last one.
        text = T.ALERT_VERSIONS.format(history=version_history(session, core, comment))
    else:
        quoted = escape(shown_text(core, comment)).replace("\n", "\n> ")
        text = T.ALERT_TEXT.format(text=quoted)
    if comment.confidential:
        text += "\n\n" + T.CONFIDENTIAL_INTRO
    return Message(
        title=title,
        text=text,
        facts=_facts(session, core, comment, account_name, evidence),
        checklist=list(T.CONFIDENTIAL_GUIDANCE) if comment.confidential else [],
        buttons=_buttons(comment, evidence),
        footer=_status(session, core, comment),
    )


def private_alert(session: Session, core: Core, comment: Comment) -> Message:
    """What the communicators see of a private message with threat words: that it came,
    never its text, its author or the words (the admins have those)."""
    account = session.get(Account, comment.account_id)
    return Message(
        title=P.MESSAGE_THREAT_TITLE.format(account=account.name if account else ""),
        text=P.MESSAGE_THREAT_TEXT.format(id=comment.id, received=local(core, comment.received_at)),
    )


def _facts(
    session: Session, core: Core, comment: Comment, account_name: str, evidence: Evidence | None
) -> list[Fact]:
    facts = [
        Fact(label=T.FACT_NUMBER, value=str(comment.id)),
        Fact(label=T.FACT_ACCOUNT, value=f"{account_name} ({platform_name(comment.platform)})"),
        Fact(label=T.FACT_AUTHOR, value=comment.author_name or T.UNKNOWN_AUTHOR),
        Fact(label=T.FACT_RECEIVED, value=local(core, comment.received_at)),
        Fact(label=T.FACT_DEADLINE, value=local(core, comment.deadline)),
    ]
    if comment.permalink:
        facts.append(Fact(label=T.FACT_LINK, value=comment.permalink))
    if comment.reply_link and not is_open(comment):
        facts.append(Fact(label=T.FACT_REPLY_LINK, value=comment.reply_link))
    if comment.threat_terms:
        facts.append(Fact(label=T.FACT_THREAT, value=comment.threat_terms))
    if comment.forwarded_to_id:
        name = display_name(session.get(Person, comment.forwarded_to_id))
        facts.append(Fact(label=T.FACT_FORWARDED, value=name))
    if comment.diarienummer:
        facts.append(Fact(label=T.FACT_DIARIENUMMER, value=comment.diarienummer))
    if evidence is not None:
        facts.append(
            Fact(
                label=T.FACT_EVIDENCE,
                value=T.EVIDENCE_VALUE.format(
                    id=evidence.id,
                    when=local(core, evidence.captured_at),
                    name=display_name(session.get(Person, evidence.captured_by_id)),
                ),
            )
        )
        facts.append(Fact(label=T.FACT_CATEGORY, value=T.CATEGORIES.get(evidence.category, "")))
        if evidence.police_report_number:
            facts.append(Fact(label=T.FACT_POLICE, value=evidence.police_report_number))
    return facts


def _buttons(comment: Comment, evidence: Evidence | None) -> list[Button]:
    value = str(comment.id)
    buttons: list[Button] = []
    confidential = comment.confidential and is_open(comment)
    if is_open(comment) and not confidential:
        buttons.append(
            Button(label=T.BUTTON_ANSWERED, action=names.ANSWERED, value=value, style="primary")
        )
    if is_open(comment):
        buttons.append(Button(label=T.BUTTON_FORWARD, action=names.FORWARD, value=value))
    if not comment.diarienummer and not comment.purged_at:
        buttons.append(Button(label=T.BUTTON_REGISTER, action=names.REGISTER, value=value))
    if confidential:
        buttons += _confidential_buttons(comment)
    elif is_open(comment):
        buttons.append(
            Button(
                label=T.BUTTON_NO_REPLY,
                action=names.NO_REPLY,
                value=value,
                confirm=T.CONFIRM_NO_REPLY,
            )
        )
    if evidence is None and not comment.purged_at:
        illegal = Button(label=T.BUTTON_ILLEGAL, action=names.ILLEGAL, value=value, style="danger")
        # Words of a threat or hatred: the first thing to do is to save the evidence.
        if comment.threat_terms:
            buttons.insert(0, illegal)
        else:
            buttons.append(illegal)
    if evidence is not None:
        if comment.status == CommentStatus.ILLEGAL:
            buttons.append(
                Button(
                    label=T.BUTTON_REMOVED,
                    action=names.REMOVED,
                    value=value,
                    style="danger",
                    confirm=T.CONFIRM_REMOVED,
                )
            )
        if not evidence.police_report_number:
            buttons.append(Button(label=T.BUTTON_POLICE, action=names.POLICE, value=value))
        buttons.append(
            Button(label=T.BUTTON_SHOW_EVIDENCE, action=names.EVIDENCE, value=str(evidence.id))
        )
    return buttons


def _confidential_buttons(comment: Comment) -> list[Button]:
    """The guideline's steps for confidential data that are not yet recorded."""
    value = str(comment.id)
    buttons = []
    if not comment.confidential_channel:
        buttons.append(Button(label=T.BUTTON_MOVED, action=names.MOVED, value=value))
    # Illegal content with its evidence saved has its own removal button (the same label).
    if comment.removed_at is None and comment.status != CommentStatus.ILLEGAL:
        buttons.append(
            Button(
                label=T.BUTTON_CONFIDENTIAL_REMOVED,
                action=names.CONFIDENTIAL_REMOVED,
                value=value,
                confirm=T.CONFIRM_CONFIDENTIAL_REMOVED,
            )
        )
    return buttons


def _status(session: Session, core: Core, comment: Comment) -> str:
    def who(person_id: int | None) -> str:
        return display_name(session.get(Person, person_id)) if person_id else ""

    when = local(core, comment.closed_at)
    status = comment.status
    if status == CommentStatus.ANSWERED and comment.answered_by_reply_id:
        line = T.STATUS_ANSWERED_BY_PAGE.format(when=when)
    elif status == CommentStatus.ANSWERED:
        line = T.STATUS_ANSWERED.format(when=when, name=who(comment.closed_by_id))
        line += _reply_note(comment)
    elif status == CommentStatus.CONFIDENTIAL_HANDLED:
        channel = T.CHANNELS.get(comment.confidential_channel or "", "")
        line = T.STATUS_CONFIDENTIAL_HANDLED.format(when=when, channel=channel)
    elif status == CommentStatus.OPEN and comment.confidential:
        line = T.STATUS_CONFIDENTIAL_OPEN.format(left=", ".join(steps_left(comment)))
    elif status == CommentStatus.NO_REPLY_NEEDED:
        line = T.STATUS_NO_REPLY.format(when=when, name=who(comment.closed_by_id))
    elif status == CommentStatus.ILLEGAL:
        line = T.STATUS_ILLEGAL
    elif status == CommentStatus.REMOVED and comment.removed_by_id:
        line = T.STATUS_REMOVED.format(
            when=local(core, comment.removed_at), name=who(comment.removed_by_id)
        )
    elif status == CommentStatus.REMOVED:
        line = T.STATUS_REMOVED_ON_PLATFORM.format(when=local(core, comment.removed_at))
    else:
        line = T.STATUS_OPEN.format(
            platform=platform_name(comment.platform), deadline=local(core, comment.deadline)
        )
    if comment.diarienummer:
        line += " " + T.STATUS_REGISTERED.format(number=comment.diarienummer)
    if comment.purged_at:
        line += " " + T.STATUS_PURGED.format(when=local(core, comment.purged_at))
    return line


def _reply_note(comment: Comment) -> str:
    """What the record says about the reply given with **Besvarad**."""
    if comment.reply_link and not comment.reply_text:
        return " " + T.STATUS_REPLY_UNCHECKED
    if comment.reply_choice == "close_anyway" and comment.reply_remarks:
        return " " + T.STATUS_REPLY_TONE.format(remarks=comment.reply_remarks)
    return ""


def send_about(
    session: Session,
    core: Core,
    comment_id: int,
    key: str,
    person_id: int,
    message: Message,
    *,
    refreshed: bool = True,
) -> None:
    """Send a message about a comment and remember it: `refreshed` ones follow its state,
    and all of them lose the comment's text when it is purged."""
    if enqueue_to_person(session, core, key, person_id, message):
        session.add(CommentMessage(comment_id=comment_id, key=key, refreshed=refreshed))


def message_keys(session: Session, comment_id: int, *, refreshed_only: bool = False) -> list[str]:
    """The keys of the messages sent (or queued) about a comment."""
    query = select(CommentMessage.key).where(CommentMessage.comment_id == comment_id)
    if refreshed_only:
        query = query.where(col(CommentMessage.refreshed).is_(True))
    return list(session.exec(query.order_by(col(CommentMessage.id))).all())


def refresh_alerts(session: Session, core: Core, comment: Comment) -> None:
    """Edit every alert about this comment in place, so its buttons match its state."""
    session.flush()
    message = alert_message(session, core, comment)
    for key in message_keys(session, comment.id or 0, refreshed_only=True):
        enqueue_update(session, core, key, message)


def find_account(session: Session, ref: str) -> Account | None:
    """By number or by exact name (quotes allowed: `"Forshaga bibliotek"`)."""
    ref = ref.strip().strip("\"'“”").strip()
    if ref.isdigit():
        return session.get(Account, int(ref))
    return session.exec(select(Account).where(func.lower(Account.name) == ref.lower())).first()


def version_history(session: Session, core: Core, comment: Comment) -> str:
    """Every version, oldest first, as chat may show it (personnummer masked)."""
    today = core.calendar.local_date(core.now())
    lines = []
    for version in text_versions(session, comment.id or 0):
        masked = escape(mask_personnummer(version.text, today)[:MAX_QUOTE])
        lines.append(
            T.VERSION_LINE.format(
                number=version.number,
                kind=T.VERSION_KINDS.get(version.kind, version.kind),
                when=local(core, version.at),
                text=masked.replace("\n", "\n> "),
            )
        )
    if comment.deleted_on_platform_at:
        lines.append(T.VERSION_DELETED.format(when=local(core, comment.deleted_on_platform_at)))
    return "\n\n".join(lines)
