"""A new guideline version: every admin is told what changed and acknowledges it.

When a version takes effect (recorded by the `guideline-version` sweep), each admin in
service gets one message (outbox key per version and person) with the changes in plain
words (`bot/guideline/changes.py`) and **Jag har läst**. Those who have not pressed it are
reminded every `acknowledgement_reminder_working_days` working days, and the communicators
are told who has not on the same mornings; `riktlinjer status` shows it at any time. New
admins acknowledge the version in force when they accept (`record_acceptance`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.guideline.acknowledgements import (
    ACCEPTED,
    acknowledge,
    acknowledgement,
    admins_in_service,
    not_acknowledged,
)
from bot.guideline.changes import changes
from bot.guideline.model import Guideline
from bot.guideline.versions import enforced
from bot.guideline.words import working_days
from bot.messages import Button, Message
from bot.outbox.queue import (
    enqueue_many_to_people,
    enqueue_to_communicators,
    enqueue_update,
    enqueued,
)
from bot.registry import Verbs, action_name
from bot.router import Context, Reply
from storage.models import Account, AccountAdmin, AdminStatus, GuidelineVersion, Person

T = texts.guideline
verbs = Verbs()

ACKNOWLEDGE = action_name("guideline.acknowledge")


def message_key(version: str, person_id: int) -> str:
    return f"guideline-ack:{version}:{person_id}"


def _in_force(session: Session, guideline: Guideline) -> tuple[GuidelineVersion, Guideline] | None:
    """The row of the version in force and the version before it, if it replaced one."""
    rows = enforced(session)
    current = next((r for r in rows if r.version == guideline.version), None)
    if current is None:
        return None
    earlier = [r for r in rows if r.took_effect_at < current.took_effect_at and r is not current]
    if not earlier:
        return None  # the first version smbot enforces: nothing changed for anyone
    return current, Guideline.model_validate(earlier[-1].content)


def replaces_a_version(session: Session, guideline: Guideline) -> bool:
    """Admins are asked to acknowledge a version only when it replaced an earlier one."""
    return _in_force(session, guideline) is not None


def _date(core: Core, moment: datetime) -> str:
    return moment.astimezone(core.settings.tz).date().isoformat()


def _decided_by(guideline: Guideline) -> str:
    return f"{guideline.decided_by.role} {guideline.decided_by.name}".strip()


def _message(
    core: Core, row: GuidelineVersion, previous: Guideline, person_id: int, *, reminder: bool
) -> Message:
    guideline = core.guideline
    values = {
        "version": guideline.version,
        "title": guideline.title,
        "date": _date(core, row.took_effect_at),
        "decided_by": _decided_by(guideline),
    }
    return Message(
        title=(T.REMINDER_TITLE if reminder else T.NEW_VERSION_TITLE).format(**values),
        text=(T.REMINDER_TEXT if reminder else T.NEW_VERSION_TEXT).format(**values),
        checklist=changes(previous, guideline) or [T.NO_CHANGES_LISTED],
        buttons=[
            Button(
                label=T.ACKNOWLEDGE,
                action=ACKNOWLEDGE,
                value=guideline.version,
                style="primary",
            )
        ],
        footer=T.NEW_VERSION_FOOTER.format(title=guideline.title, link=guideline.link),
        actors=[person_id],
    )


@verbs.sweep("guideline-acknowledgements")
def tell_admins(core: Core, session: Session) -> None:
    """Each admin who has not acknowledged the version in force: one message, ever."""
    found = _in_force(session, core.guideline)
    if found is None:
        return
    row, previous = found
    missing = {
        message_key(row.version, p.id): p.id
        for p in not_acknowledged(session, row.version)
        if p.id is not None
    }
    # Those already told are left alone (a nothing-due tick builds no messages).
    for key in enqueued(session, missing):
        del missing[key]
    enqueue_many_to_people(
        session,
        core,
        [
            (key, pid, _message(core, row, previous, pid, reminder=False))
            for key, pid in missing.items()
        ],
    )


@verbs.sweep("guideline-acknowledgement-reminders", morning=True)
def remind(core: Core, session: Session) -> None:
    """Every N working days after the version took effect: the admins who have not, and the
    communicators with their names."""
    found = _in_force(session, core.guideline)
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if found is None or today is None:
        return
    row, previous = found
    since = core.calendar.local_date(row.took_effect_at)
    elapsed = core.calendar.working_days_between(since, today)
    every = core.guideline.rules.acknowledgement_reminder_working_days
    if elapsed == 0 or elapsed % every:
        return
    missing = [p for p in not_acknowledged(session, row.version) if p.id is not None]
    if not missing:
        return
    day = today.isoformat()
    enqueue_many_to_people(
        session,
        core,
        [
            (
                f"guideline-ack-reminder:{row.version}:{p.id}:{day}",
                p.id,
                _message(core, row, previous, p.id, reminder=True),  # type: ignore[arg-type]
            )
            for p in missing
        ],
    )
    _tell_communicators(session, core, row, missing, today)


def _tell_communicators(
    session: Session, core: Core, row: GuidelineVersion, missing: list[Person], today: date
) -> None:
    message = Message(
        title=T.CHANNEL_TITLE.format(count=len(missing), version=row.version),
        text=T.CHANNEL_TEXT.format(version=row.version, date=_date(core, row.took_effect_at)),
        checklist=_missing_lines(session, missing),
    )
    key = f"guideline-ack-status:{row.version}:{today.isoformat()}"
    enqueue_to_communicators(session, core, key, message)


def _missing_lines(session: Session, people: list[Person]) -> list[str]:
    return [
        T.STATUS_MISSING_LINE.format(
            name=p.name or p.email or f"#{p.id}", accounts=_accounts(session, p)
        )
        for p in people
    ]


def _accounts(session: Session, person: Person) -> str:
    names = session.exec(
        select(Account.name)
        .join(AccountAdmin, col(AccountAdmin.account_id) == Account.id)
        .where(AccountAdmin.person_id == person.id, AccountAdmin.status == AdminStatus.ACCEPTED)
        .order_by(Account.name)
    ).all()
    return ", ".join(names)


@verbs.action(ACKNOWLEDGE)
def acknowledge_pressed(ctx: Context, value: str) -> Reply:
    """Jag har läst: the acting person's own acknowledgement, whoever's message it was on."""
    version = value.strip()
    if version not in {row.version for row in enforced(ctx.session)}:
        return Reply(notice=T.UNKNOWN_VERSION)
    if not acknowledge(ctx.session, ctx.actor.id, version, ctx.now):
        earlier = acknowledgement(ctx.session, ctx.actor.id, version)
        at = _local(ctx.core, earlier.acknowledged_at) if earlier else ""
        return Reply(notice=T.ALREADY_ACKNOWLEDGED.format(version=version, at=at))
    ctx.audit("guideline.acknowledged", version=version)
    key = message_key(version, ctx.actor.id)
    footer = T.ACKNOWLEDGED_FOOTER.format(version=version, at=_local(ctx.core, ctx.now))
    if version == ctx.core.guideline.version:
        found = _in_force(ctx.session, ctx.core.guideline)
        if found is not None:
            row, previous = found
            done = _message(ctx.core, row, previous, ctx.actor.id, reminder=False)
            enqueue_update(
                ctx.session,
                ctx.core,
                key,
                done.model_copy(update={"buttons": [], "footer": footer}),
            )
    return Reply(notice=T.ACKNOWLEDGED_NOTICE.format(version=version))


def record_acceptance(ctx: Context, person_id: int, how: str = ACCEPTED) -> None:
    """A new admin (or applicant) takes on the account under the version in force.

    Audited by the caller's own entry (the acceptance or application), which names the
    guideline version; this is the row the register and the reminders read.
    """
    acknowledge(ctx.session, person_id, ctx.core.guideline.version, ctx.now, how)


def status(ctx: Context) -> Reply:
    """`riktlinjer status` (communicators): who has and has not acknowledged the version."""
    guideline = ctx.core.guideline
    version = guideline.version
    row = next((r for r in enforced(ctx.session) if r.version == version), None)
    since = _date(ctx.core, row.took_effect_at) if row else _date(ctx.core, ctx.now)
    everyone = admins_in_service(ctx.session)
    missing = not_acknowledged(ctx.session, version)
    text = T.STATUS_TEXT.format(
        version=version, date=since, done=len(everyone) - len(missing), total=len(everyone)
    )
    if not replaces_a_version(ctx.session, guideline):
        # Nobody was asked to read the first version smbot enforces; say so, list no one.
        text += "\n\n" + T.STATUS_FIRST_VERSION.format(version=version)
        missing = []
    elif not missing:
        text += "\n\n" + T.STATUS_ALL_DONE.format(version=version)
    else:
        text += "\n\n" + T.STATUS_MISSING
    every = working_days(guideline.rules.acknowledgement_reminder_working_days)
    return Reply(
        message=Message(
            title=T.STATUS_TITLE.format(version=version),
            text=text,
            checklist=_missing_lines(ctx.session, missing),
            footer=T.STATUS_FOOTER.format(every=every),
        )
    )


def _local(core: Core, moment: datetime) -> str:
    return moment.astimezone(core.settings.tz).strftime("%Y-%m-%d %H:%M")
