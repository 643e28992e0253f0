"""`rapport [ÅÅÅÅ-MM]` and the monthly report in the communicators' channel.

Communicators get the whole municipality; a manager gets the accounts they are manager of.
The answer comes at once and says the report is on its way; the key figures, the charts
(PNG, shown as pictures) and the whole report as PDF follow as a DM that the outbox makes
and sends (a deferred message: bot/outbox/dispatcher.py). On the first working morning of each
month (from MORNING_REMINDER_TIME) the communicators' channel gets last month's report with
the same pictures and PDF, once: the outbox key `monthly-report:ÅÅÅÅ-MM` is unique in the
database, so two replicas or a second tick cannot send it twice. A month smbot was not in
use for from its start (its first guideline version in force) gets no automatic report.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.core import Core
from bot.messages import Attachment, Deferred, Fact, Message
from bot.outbox.queue import enqueue_to_communicators, enqueue_to_person, enqueued
from bot.registry import HelpGroup, Verbs
from bot.reports import tables
from bot.reports.charts import charts_for
from bot.reports.documents import render
from bot.reports.figures import Report, aware_utc, build_report
from bot.reports.period import Month
from bot.router import Context, Reply
from storage.models import Account, GuidelineVersion, Person

verbs = Verbs()

HELP = (
    "Visa månadsrapporten med diagram och PDF, för dina konton (chefer) eller alla konton "
    "(kommunikatörer): förra månaden, eller en viss månad som ÅÅÅÅ-MM"
)
NOT_FOR_YOU = "Rapporten är till för kommunikatörerna och för chefer med konton."
BAD_MONTH = "Skriv månaden som ÅÅÅÅ-MM, t.ex. `rapport 2026-11`."
MONTHLY_INTRO = (
    "Månadens uppföljning för kommunledningen. Diagrammen och hela rapporten som PDF "
    "kommer nedan; `rapport ÅÅÅÅ-MM` ger en annan månad."
)
MANAGER_SCOPE = "Konton där {name} är chef"
# The figures shown in the chat; the PDF has them all.
CHAT_FIGURES = (
    "Konton aktiva",
    "Andel dagar med inlägg",
    "Kommentarer och meddelanden",
    "Besvarade inom tidsgränsen",
    "Median svarstid (arbetstimmar)",
    "Försenade kommentarer",
    "Eskaleringar",
    "Olagligt innehåll (antal fall)",
    "Dokumentation försenad",
    "Konton öppnade",
    "Konton stängda",
)
COMING = (
    "Rapporten för {month} tas fram – nyckeltalen, diagrammen och PDF:en kommer "
    "i ett eget meddelande om en stund."
)
RENDERER = "report"
PNG = "image/png"
PDF = "application/pdf"


@verbs.command("rapport", HELP, group=HelpGroup.FOLLOW_UP)
def report(ctx: Context, text: str) -> Reply:
    """Answers at once; the figures, charts and PDF follow as a DM made by the outbox.

    Building them takes seconds at hundreds of accounts, longer than a Slack slash command
    may wait (3 s). The request only enqueues the report (committed before the answer goes
    out, with a key from the request) and the dispatcher makes and sends it: a crash in
    between sends it after the restart, and once.
    """
    try:
        month = Month.parse(text) if text else _last_month(ctx.core)
    except ValueError:
        return Reply(notice=BAD_MONTH)
    if not ctx.actor.is_communicator and not managed_accounts(ctx.session, ctx.actor.id):
        return Reply(notice=NOT_FOR_YOU)
    args = {"month": str(month), "person_id": ctx.actor.id, "all": ctx.actor.is_communicator}
    key = f"report:{month}:{ctx.actor.id}:{ctx.now.isoformat()}"
    enqueue_to_person(ctx.session, ctx.core, key, ctx.actor.id, deferred_report(month, args))
    return Reply(
        message=Message(
            title=f"{tables.TITLE} – {month.label}", text=COMING.format(month=month.label)
        )
    )


def deferred_report(month: Month, args: dict[str, object]) -> Message:
    """The report as enqueued: a placeholder text, made by `render_report` when sent."""
    return Message(
        title=f"{tables.TITLE} – {month.label}",
        text=COMING.format(month=month.label),
        deferred=Deferred(kind=RENDERER, args=args),
    )


@verbs.renderer(RENDERER)
def render_report(core: Core, session: Session, args: dict[str, object]) -> Message:
    """The report's message: key figures, the charts as pictures and the PDF attached.

    `all`: the whole municipality (a communicator asked, or the monthly report); otherwise
    the accounts `person_id` is manager of when it is made."""
    month = Month.parse(str(args["month"]))
    intro = str(args["intro"]) if args.get("intro") else None
    if args.get("all"):
        return report_message(build_report(session, core, month), intro)
    person_id = int(str(args["person_id"]))
    person = session.get(Person, person_id)
    scope = MANAGER_SCOPE.format(name=(person.name if person else None) or "du")
    managed = managed_accounts(session, person_id)
    return report_message(build_report(session, core, month, account_ids=managed, scope=scope))


def managed_accounts(session: Session, person_id: int) -> list[int]:
    return [
        account_id
        for account_id in session.exec(
            select(Account.id).where(Account.manager_id == person_id).order_by(col(Account.id))
        ).all()
        if account_id is not None
    ]


def report_message(report: Report, intro: str | None = None) -> Message:
    """The key figures, with the charts and the PDF attached."""
    message = summary_message(report)
    if intro:
        message.text = f"{intro}\n\n{message.text}"
    message.attachments = report_files(report)
    return message


def report_files(report: Report) -> list[Attachment]:
    """The charts as pictures and the whole report as PDF. Figures and account names only:
    no personal data (illegal content is counted, never shown)."""
    charts = charts_for(report)
    stem = f"uppfoljning-{report.month}"
    pictures = [
        Attachment.of(f"{stem}-{chart.name}.png", PNG, chart.png, personal=False)
        for chart in charts
    ]
    pdf = Attachment.of(f"{stem}.pdf", PDF, render(report, "pdf", charts), personal=False)
    return [*pictures, pdf]


def summary_message(report: Report) -> Message:
    """The report's key figures, this month with the month before beside it."""
    previous = len(report.months) - 2
    facts = []
    for label, values in tables.summary_rows(report):
        if label in CHAT_FIGURES:
            before = f" (före: {values[previous]})" if previous >= 0 else ""
            facts.append(Fact(label=label, value=f"{values[-1]}{before}"))
    lines = tables.period_lines(report)[:3]
    if not report.has_activity:
        lines.append(tables.NO_ACTIVITY)
    return Message(title=tables.title(report), text="\n".join(lines), facts=facts)


def monthly_key(month: Month) -> str:
    return f"monthly-report:{month}"


@verbs.sweep("reports-monthly", morning=True)
def monthly_report(core: Core, session: Session) -> None:
    """Last month's report to the communicators on the first working morning of the month."""
    # A working morning (a late tick catches up on the next one), never before the first.
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if today is None or today < first_working_day(core, Month.of(today)):
        return
    month = Month.of(today).previous()
    key = monthly_key(month)
    if enqueued(session, [key]):
        return  # cheap look first: the report is built once a month, not every tick
    if not in_use_during(session, core, month):
        return
    # Made when sent (the dispatcher), like `rapport`: the tick stays short.
    args = {"month": str(month), "all": True, "intro": MONTHLY_INTRO}
    enqueue_to_communicators(session, core, key, deferred_report(month, args))


def in_use_during(session: Session, core: Core, month: Month) -> bool:
    """Whether smbot was in use the whole month (its first tick records the guideline version
    in force). A month it started partway through gets no automatic report: days before it
    logged anything would read as days without a post. `rapport ÅÅÅÅ-MM` still gives it."""
    first = session.exec(select(func.min(GuidelineVersion.took_effect_at))).one()
    return first is not None and aware_utc(first) <= month.start(core.settings.tz)


def first_working_day(core: Core, month: Month) -> date:
    day = month.first_day
    return day if core.calendar.is_working_day(day) else core.calendar.next_working_day(day)


def _last_month(core: Core) -> Month:
    return Month.of(core.calendar.local_date(core.now())).previous()
