"""The report's figures as labelled rows: one source for the PDF, HTML, CSV and chat text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from bot.reports.charts import kind_label
from bot.reports.figures import AccountMonth, DocStatus, MonthFigures, Report

NO_ACTIVITY = "Ingen aktivitet registrerades under perioden."
NOT_RECORDED = "–"
HOOK_NOTE = (
    "– betyder att uppgiften ännu inte registreras av boten (pausade konton, "
    "riktlinjeversion). Administratörerna räknas som de stod vid månadens slut."
)
DOC_WORDS = {
    DocStatus.ON_TIME: "i tid",
    DocStatus.DUE_SOON: "snart",
    DocStatus.OVERDUE: "försenad",
    DocStatus.NOT_DUE: NOT_RECORDED,
}
ACCOUNT_HEADER = [
    "Konto",
    "Plattform",
    "Dagar med inlägg",
    "Arbetsdagar",
    "Kommentarer",
    "Besvarade i tid",
    "Median svarstid (h)",
    "Försenade",
    "Olagligt innehåll",
    "Dokumentation",
    "Adm. närvarande",
    "Adm. accepterade",
]

Row = tuple[str, list[str]]


TITLE = "Uppföljning sociala medier"


def title(report: Report) -> str:
    return f"{TITLE} – {report.month.label}"


def period_lines(report: Report) -> list[str]:
    month = report.month
    version = report.guideline_version or f"{NOT_RECORDED} (ingen version registrerad för perioden)"
    return [
        f"Period: {month.first_day.isoformat()} – {month.last_day.isoformat()}",
        f"Omfattning: {report.scope}",
        f"Riktlinje: {version}",
        f"Skapad: {report.generated_at.astimezone(UTC).strftime('%Y-%m-%d %H:%M')} UTC",
    ]


def month_labels(report: Report) -> list[str]:
    return [m.month.label for m in report.months]


def summary_rows(report: Report) -> list[Row]:
    """The municipality's figures, one row per figure, one column per month."""

    def row(label: str, value: Callable[[MonthFigures], str]) -> Row:
        return label, [value(m) for m in report.months]

    rows = [
        row("Konton aktiva", lambda m: str(len(m.accounts))),
        row("Arbetsdagar i månaden", lambda m: str(m.working_days)),
        row(
            "Dagar med inlägg / krav (arbetsdagar)",
            lambda m: f"{m.total('post_days')} / {m.total('working_days_active')}",
        ),
        row("Andel dagar med inlägg", lambda m: percent(m.post_share)),
        row("Kommentarer och meddelanden", lambda m: str(m.total("comments_received"))),
        row("Besvarade inom tidsgränsen", lambda m: percent(m.on_time_share)),
        row("Median svarstid (arbetstimmar)", lambda m: hours(m.median_reply_hours)),
        row("Försenade kommentarer", lambda m: str(m.total("overdue_comments"))),
        row("Eskaleringar", lambda m: str(m.escalations_opened)),
        row("Olagligt innehåll (antal fall)", lambda m: str(m.total("illegal_cases"))),
        row("Median tid till borttagning (h)", lambda m: hours(m.median_removal_hours)),
        row("Dokumentation i tid", lambda m: str(m.documentation_counts()[DocStatus.ON_TIME])),
        row("Dokumentation snart", lambda m: str(m.documentation_counts()[DocStatus.DUE_SOON])),
        row("Dokumentation försenad", lambda m: str(m.documentation_counts()[DocStatus.OVERDUE])),
        row("Administratörer accepterade", lambda m: str(m.total("admins_accepted"))),
        row("Administratörer närvarande", lambda m: str(m.total("admins_present"))),
        row("Bekräftad inloggning", lambda m: str(m.total("admins_login_confirmed"))),
        row("Konton öppnade", lambda m: str(m.accounts_opened)),
        row("Konton pausade", lambda m: count(m.accounts_paused)),
        row("Konton stängda", lambda m: str(m.accounts_closed)),
    ]
    return rows


def escalation_rows(report: Report) -> list[list[str]]:
    """The month's escalations by kind: opened, resolved, median hours to resolve."""
    return [
        [kind_label(k.kind), str(k.opened), str(k.resolved), hours(k.median_resolve_hours)]
        for k in report.current.escalations
    ]


ESCALATION_HEADER = ["Slag", "Öppnade", "Lösta", "Median tid till lösning (h)"]


def account_rows(report: Report) -> list[list[str]]:
    return [account_row(a) for a in report.current.accounts]


def account_row(account: AccountMonth) -> list[str]:
    return [
        account.name,
        account.platform,
        str(account.post_days),
        str(account.working_days_active),
        str(account.comments_received),
        percent(account.on_time_share),
        hours(account.median_reply_hours),
        str(account.overdue_comments),
        str(account.illegal_cases),
        DOC_WORDS.get(account.documentation, account.documentation),
        str(account.admins_present),
        str(account.admins_accepted),
    ]


def percent(share: float | None) -> str:
    return NOT_RECORDED if share is None else f"{share * 100:.0f} %"


def hours(value: float | None) -> str:
    return NOT_RECORDED if value is None else f"{value:.1f}".replace(".", ",")


def count(value: int | None) -> str:
    return NOT_RECORDED if value is None else str(value)
