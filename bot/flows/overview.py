"""`översikt` (communicators): what waits for them now, each with its button.

Open escalations (**Jag tar den** for those nobody has taken), applications waiting (the
communicators' own step has its buttons; the rest say whom they wait for), and the active
accounts that need attention most (bot/reports/register.py standings), with a button for
the whole register. Slack shows it on the App Home of a communicator; Teams as a card
(`översikt`).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot import texts
from bot.core import Core
from bot.flows.account_register import account_register
from bot.flows.escalation import TAKE
from bot.flows.opening.cards import waiting_for
from bot.flows.opening.common import names_of, platform_label
from bot.flows.opening.listing import communicator_buttons, fit_lines
from bot.markup import bullets, escape
from bot.messages import Button, Message
from bot.people import display_name
from bot.platforms import SMALLEST
from bot.registry import COMMUNICATORS, Verbs, action_name
from bot.reports.register import IN_ORDER, needing_attention, standings_by_account
from bot.router import Context, Reply
from storage.models import Account, AccountStatus, Escalation, EscalationStatus, Person

verbs = Verbs()

T = texts.overview
REGISTER = action_name("overview.register")
# Each section's share of a message (the smallest platform's text limit, three sections).
SECTION_BUDGET = SMALLEST.text // 3 - 60
MOST = 10


@verbs.command(T.COMMAND, T.HELP, audience=COMMUNICATORS)
def overview(ctx: Context, text: str) -> Reply:
    return Reply(message=overview_message(ctx.session, ctx.core))


@verbs.action(REGISTER, audience=COMMUNICATORS)
def register_button(ctx: Context, value: str) -> Reply:
    return account_register(ctx, "")


def overview_message(session: Session, core: Core) -> Message:
    sections: list[str] = []
    buttons: list[Button] = []
    for section in (_escalations, _applications, _attention):
        text, more = section(session, core)
        sections.append(text)
        buttons += more
    return Message(
        title=T.TITLE,
        text="\n\n".join(sections),
        buttons=buttons[: SMALLEST.buttons],
        footer=T.FOOTER,
    )


def _escalations(session: Session, core: Core) -> tuple[str, list[Button]]:
    found = session.exec(
        select(Escalation)
        .where(Escalation.status != EscalationStatus.RESOLVED)
        .order_by(col(Escalation.created_at))
    ).all()
    if not found:
        return T.NO_ESCALATIONS, []
    lines = [_escalation_line(session, core, e) for e in found]
    buttons = [
        Button(label=T.TAKE.format(what=_short(e.summary)), action=TAKE, value=str(e.id))
        for e in found
        if e.status == EscalationStatus.OPEN
    ]
    if buttons:
        buttons[0].style = "primary"
    return _section(T.ESCALATIONS.format(count=len(found)), lines), buttons


def _escalation_line(session: Session, core: Core, escalation: Escalation) -> str:
    if escalation.taken_by_id:
        name = display_name(session.get(Person, escalation.taken_by_id))
        status = T.STATUS_TAKEN.format(name=escape(name))
    else:
        status = T.STATUS_OPEN
    return T.ESCALATION_LINE.format(
        summary=escape(escalation.summary), status=status, since=_local(core, escalation.created_at)
    )


def _applications(session: Session, core: Core) -> tuple[str, list[Button]]:
    found = session.exec(
        select(Account).where(Account.status == AccountStatus.PENDING).order_by(col(Account.id))
    ).all()
    if not found:
        return T.NO_APPLICATIONS, []
    lines = [
        T.APPLICATION_LINE.format(
            name=escape(account.name),
            platform=platform_label(account),
            applicant=escape(names_of(session, [account.owner_id])),
            waiting="; ".join(waiting_for(session, core, account)) or "–",
        )
        for account in found
    ]
    buttons = [b for account in found for b in communicator_buttons(account)]
    return _section(T.APPLICATIONS.format(count=len(found)), lines), buttons


def _attention(session: Session, core: Core) -> tuple[str, list[Button]]:
    standings = standings_by_account(session, core)
    flagged = [s for s in standings.values() if s.word != IN_ORDER]
    if not flagged:
        return T.NO_ATTENTION, []
    accounts = {
        a.id: a
        for a in session.exec(
            select(Account).where(col(Account.id).in_([s.account_id for s in flagged]))
        ).all()
    }
    lines = [
        T.ATTENTION_LINE.format(
            name=escape(accounts[s.account_id].name),
            platform=platform_label(accounts[s.account_id]),
            standing=s.word,
            why=escape(s.why),
        )
        for s in needing_attention(standings, MOST)
    ]
    text = _section(T.ATTENTION.format(count=len(flagged)), lines, len(flagged) - len(lines))
    return text, [Button(label=T.REGISTER, action=REGISTER)]


def _section(heading: str, lines: list[str], left_out: int = 0) -> str:
    shown, omitted = fit_lines(lines, SECTION_BUDGET)
    omitted += left_out
    body = bullets(shown)
    if omitted:
        body += "\n" + T.MORE.format(count=omitted)
    return f"{heading}\n{body}"


def _short(summary: str, length: int = 40) -> str:
    return summary if len(summary) <= length else summary[: length - 1].rstrip() + "…"


def _local(core: Core, moment: datetime | None) -> str:
    if moment is None:
        return "–"
    return core.calendar.local_date(moment).isoformat()
