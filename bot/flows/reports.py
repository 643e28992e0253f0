"""`rapport [ÅÅÅÅ-MM]`: the monthly follow-up as a text summary in the chat.

Communicators get the whole municipality; a manager gets the accounts they are manager of.
Pictures and the PDF in the chat come with the outbox's file support (phase 2).
"""

from __future__ import annotations

from sqlmodel import col, select

from bot.messages import Fact, Message
from bot.registry import HelpGroup, Verbs
from bot.reports import tables
from bot.reports.figures import Report, build_report
from bot.reports.period import Month
from bot.router import Context, Reply
from storage.models import Account

verbs = Verbs()

HELP = (
    "Visa månadsrapporten för dina konton (chefer) eller alla konton (kommunikatörer): "
    "förra månaden, eller en viss månad som ÅÅÅÅ-MM"
)
NOT_FOR_YOU = "Rapporten är till för kommunikatörerna och för chefer med konton."
BAD_MONTH = "Skriv månaden som ÅÅÅÅ-MM, t.ex. `rapport 2026-11`."
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


@verbs.command("rapport", HELP, group=HelpGroup.FOLLOW_UP)
def report(ctx: Context, text: str) -> Reply:
    try:
        month = Month.parse(text) if text else _last_month(ctx)
    except ValueError:
        return Reply(notice=BAD_MONTH)
    if ctx.actor.is_communicator:
        built = build_report(ctx.session, ctx.core, month)
    else:
        managed = ctx.session.exec(
            select(Account.id).where(Account.manager_id == ctx.actor.id).order_by(col(Account.id))
        ).all()
        if not managed:
            return Reply(notice=NOT_FOR_YOU)
        scope = f"Konton där {ctx.actor.person.name or 'du'} är chef"
        built = build_report(ctx.session, ctx.core, month, account_ids=managed, scope=scope)
    return Reply(message=summary_message(built))


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


def _last_month(ctx: Context) -> Month:
    return Month.of(ctx.core.calendar.local_date(ctx.now)).previous()
