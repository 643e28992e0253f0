"""`kontoregister` (communicators): a short summary, and the whole register as files.

The summary says how many accounts are in each state, how many active ones need attention
and the ten that need it most, with why (`bot/reports/register.py: standings`). The whole
register comes as CSV (byte for byte `smbot export accounts --format csv`) and XLSX (the
same columns, then each account's standing and why), through the outbox as a message of
its own (bot/router.py). `kontoregister väntande` lists the waiting applications with the
communicators' buttons.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot.core import Core
from bot.flows.opening.common import T, platform_label
from bot.flows.opening.listing import communicator_buttons, fit_lines, register_line
from bot.markup import bullets, escape
from bot.messages import Attachment, Message
from bot.platforms import SMALLEST
from bot.registry import COMMUNICATORS, Verbs
from bot.reports.register import (
    ESCALATED,
    IN_ORDER,
    Standing,
    needing_attention,
    register_csv,
    register_xlsx,
    standings_by_account,
)
from bot.router import Context, Reply
from bot.texts.plural import antal
from storage.models import Account, AccountStatus

verbs = Verbs()

CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MOST = 10


@verbs.command("kontoregister", T.COMMAND_REGISTER, audience=COMMUNICATORS)
def account_register(ctx: Context, text: str) -> Reply:
    if text.lower() in T.REGISTER_PENDING_ARG:
        return Reply(message=_pending(ctx))
    return Reply(message=summary(ctx.session, ctx.core, with_files=True))


def summary(session: Session, core: Core, *, with_files: bool = False) -> Message:
    accounts = session.exec(select(Account).order_by(col(Account.id))).all()
    if not accounts:
        return Message(title=T.REGISTER_TITLE, text=T.REGISTER_EMPTY)
    by_id = {a.id: a for a in accounts}
    standings = standings_by_account(session, core)
    sections = [_states(accounts), _attention(standings)]
    most = needing_attention(standings, MOST)
    if most:
        items = [_most_item(by_id[s.account_id], s) for s in most]
        sections.append("\n".join([T.REGISTER_MOST, bullets(items)]))
    # Every waiting application (what it waits for is on its line); the communicators'
    # own steps with their buttons.
    waiting = [a for a in accounts if a.status == AccountStatus.PENDING]
    if waiting:
        lines, omitted = fit_lines([register_line(session, core, a) for a in waiting], 1200)
        if omitted:
            lines.append(T.REGISTER_MORE_WAITING.format(count=omitted))
        sections.append("\n".join([T.REGISTER_WAITING, *lines]))
    buttons = [b for a in waiting for b in communicator_buttons(a)]
    return Message(
        title=f"{T.REGISTER_TITLE} {local_today(core)}",
        text="\n\n".join(sections),
        buttons=buttons[: SMALLEST.buttons],
        footer=T.REGISTER_FILES_FOOTER if with_files else None,
        attachments=register_files(session, core) if with_files else [],
    )


def register_files(session: Session, core: Core) -> list[Attachment]:
    """The whole register as CSV and XLSX; personal data (names, e-mail addresses)."""
    stem = T.REGISTER_FILE_NAME.format(date=local_today(core))
    as_csv = register_csv(session, core)
    return [
        Attachment.of(f"{stem}.csv", CSV_TYPE, as_csv),
        Attachment.of(f"{stem}.xlsx", XLSX_TYPE, register_xlsx(session, core, as_csv)),
    ]


def local_today(core: Core) -> str:
    return core.calendar.local_date(core.now()).isoformat()


def _states(accounts: list[Account] | tuple[Account, ...]) -> str:
    counts = {status: 0 for status in T.REGISTER_STATE_COUNT}
    for account in accounts:
        counts[account.status] = counts.get(account.status, 0) + 1
    states = ", ".join(
        antal(n, *T.REGISTER_STATE_COUNT[status])
        for status, n in counts.items()
        if n and status in T.REGISTER_STATE_COUNT
    )
    return T.REGISTER_STATES.format(total=antal(len(accounts), "konto", "konton"), states=states)


def _attention(standings: dict[int, Standing]) -> str:
    if not standings:
        return T.REGISTER_NO_ACTIVE
    flagged = [s for s in standings.values() if s.word != IN_ORDER]
    if not flagged:
        return T.REGISTER_ALL_IN_ORDER
    escalated = sum(1 for s in flagged if s.word == ESCALATED)
    return T.REGISTER_ATTENTION.format(
        count=antal(len(flagged), "aktivt konto", "aktiva konton"),
        escalated=T.REGISTER_ESCALATED_PART.format(count=escalated) if escalated else "",
    )


def _most_item(account: Account, standing: Standing) -> str:
    return T.REGISTER_MOST_ITEM.format(
        name=escape(account.name),
        platform=platform_label(account),
        standing=standing.word,
        why=escape(standing.why),
    )


def _pending(ctx: Context) -> Message:
    """The waiting applications, each with the communicators' buttons."""
    accounts = ctx.session.exec(
        select(Account).where(Account.status == AccountStatus.PENDING).order_by(col(Account.id))
    ).all()
    lines, omitted = fit_lines([register_line(ctx.session, ctx.core, a) for a in accounts])
    if omitted:
        lines.append(T.REGISTER_MORE_WAITING.format(count=omitted))
    buttons = [b for a in accounts for b in communicator_buttons(a)]
    return Message(
        title=T.REGISTER_TITLE,
        text="\n".join([antal(len(accounts), "väntande ansökan", "väntande ansökningar"), *lines])
        if accounts
        else T.REGISTER_NONE_WAITING,
        buttons=buttons[: SMALLEST.buttons],
    )
