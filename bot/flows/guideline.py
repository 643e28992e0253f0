"""`riktlinjer`: the guideline in force, and questions in words answered from its sections."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from bot import texts
from bot.core import Core
from bot.flows import guideline_ack
from bot.guideline.answers import Match, index_for, looks_like_question
from bot.guideline.model import Guideline
from bot.guideline.versions import record_in_force
from bot.guideline.words import rule_lines
from bot.markup import escape
from bot.messages import Fact, Message
from bot.outbox.queue import enqueue_to_communicators
from bot.registry import HelpGroup, Verbs
from bot.router import Context, Reply, Say, help_message

verbs = Verbs()

COMMAND = "riktlinjer"
HELP = (
    "Visa riktlinjen för sociala medier, eller fråga: riktlinjer får jag …? "
    "Kommunikatörer: riktlinjer status visar vilka som har läst den"
)
ANSWER_TITLE = "Det här säger riktlinjen"
NO_ANSWER = (
    "Jag hittar inget i riktlinjen som svarar på det, och gissar inte. Fråga en kommunikatör "
    "på kommunledningskontoret. Hela riktlinjen: [{title}]({link})"
)
SOURCE = "Ur {title}, version {version}: [läs hela riktlinjen]({link})"
RULES_IN_FORCE = "Reglerna som gäller:"


@verbs.command(COMMAND, HELP, group=HelpGroup.START)
def riktlinjer(ctx: Context, text: str) -> Reply:
    guideline = ctx.core.guideline
    if not text.strip():
        return Reply(message=overview(guideline))
    if text.strip().lower() in texts.guideline.STATUS_ARGS:
        if not ctx.actor.is_communicator:
            return Reply(notice=texts.common.COMMUNICATORS_ONLY)
        return guideline_ack.status(ctx)
    found = answer(guideline, text)
    if found is not None:
        return Reply(message=found)
    # Nothing fits: say so, never guess; then what the bot can do, as for any unknown text.
    menu = help_message(ctx.registry, ctx.actor)
    nothing = NO_ANSWER.format(title=guideline.title, link=guideline.link)
    return Reply(message=menu.model_copy(update={"text": f"{nothing}\n\n{menu.text}"}))


@verbs.say
def question_written(ctx: Context, said: Say) -> Reply | None:
    """A question written in a direct chat (no command) is answered from the guideline."""
    if said.command is None and looks_like_question(said.text):
        return riktlinjer(ctx, said.text)
    return None


def overview(guideline: Guideline) -> Message:
    decided = guideline.decided_by
    facts = [
        Fact(label="Version", value=guideline.version),
        Fact(label="Beslutad av", value=f"{decided.role} {decided.name}".strip()),
        Fact(label="Beslutsdatum", value=str(guideline.decided_on or "–")),
        Fact(label="Diarienummer", value=guideline.diarienummer or "–"),
        Fact(label="Revideras senast", value=str(guideline.review_date or "–")),
    ]
    rules = "\n".join(f"- {line}" for line in rule_lines(guideline.rules))
    return Message(
        title=guideline.title,
        text=f"{RULES_IN_FORCE}\n{rules}\n\n[Läs hela riktlinjen]({guideline.link})",
        facts=facts,
    )


def answer(guideline: Guideline, question: str) -> Message | None:
    """The sections that answer `question`, quoted and named; None when none does."""
    matches = index_for(guideline).search(question)
    if not matches:
        return None
    source = SOURCE.format(title=guideline.title, version=guideline.version, link=guideline.link)
    return Message(title=ANSWER_TITLE, text="\n\n".join(map(_quote, matches)) + "\n\n" + source)


def _quote(match: Match) -> str:
    section = match.section
    return f"**{escape(section.title)}**\n> {escape(section.text)}"


@verbs.sweep("guideline-version")
def version_in_force(core: Core, session: Session) -> None:
    """Record the version in force the first time it is enforced (at the first tick)."""
    record_in_force(session, core.guideline, core.now())


REVIEW_TITLE = "Riktlinjen ska ses över"
REVIEW_SOON = (
    "**{title}** (version {version}) ska ses över senast **{date}**: revidera den eller "
    "upphäv den. En riktlinje gäller tills vidare och måste upphävas när den blir inaktuell. "
    "[Riktlinjen]({link})"
)
REVIEW_DUE = (
    "Idag, **{date}**, är sista dag att se över **{title}** (version {version}): revidera "
    "den eller upphäv den. [Riktlinjen]({link})"
)


@verbs.sweep("guideline-review", morning=True)
def review_reminders(core: Core, session: Session) -> None:
    """review_reminder_days before the review date the communicators are told, and on the day."""
    guideline = core.guideline
    due = guideline.review_date
    today = core.calendar.working_day_due(core.now(), core.settings.morning_reminder_time)
    if due is None or today is None:
        return
    if today >= due:
        kind, template = "due", REVIEW_DUE
    elif today >= due - timedelta(days=guideline.rules.review_reminder_days):
        kind, template = "soon", REVIEW_SOON
    else:
        return
    text = template.format(
        title=guideline.title, version=guideline.version, date=due.isoformat(), link=guideline.link
    )
    key = f"guideline-review:{guideline.version}:{due.isoformat()}:{kind}"
    enqueue_to_communicators(session, core, key, Message(title=REVIEW_TITLE, text=text))
