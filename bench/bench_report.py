"""The monthly report for 300 accounts and 100,000 comments: figures, charts and the PDF.

A year of data is bulk-inserted (300 active accounts, 100,000 comments spread over the
year, a post on every other working day per account, escalations for the late comments),
then the November report is built: the figures for November and the two months before
(`build_report`), and the charts and PDF from them; then the `/kontoregister` answer with
its CSV and XLSX, the communicators' `översikt` and the archive export of every account;
last `/rapport` posted to the real app as Slack posts it (how soon the answer comes), then
the outbox making and sending the report. Seconds and SQL statements.
"""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from bench.common import count_queries, start_bot, stop_bot, stopwatch
from bot.app import create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.flows.account_register import summary as register_summary
from bot.flows.overview import overview_message
from bot.reports.archive import export_accounts
from bot.reports.charts import charts_for
from bot.reports.documents import render
from bot.reports.figures import build_report
from bot.reports.period import Month
from storage.migrate import upgrade
from storage.models import (
    Account,
    AccountAdmin,
    ActivityLog,
    Comment,
    CommentStatus,
    Escalation,
    Person,
)
from tests.support.opening_helpers import COMMUNICATOR, add_people

ACCOUNTS = 300
COMMENTS = 100_000
YEAR_START = datetime(2026, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 12, 1, 8, tzinfo=UTC)


async def run(kind: str, url: str) -> list[dict[str, str]]:
    upgrade(url)
    core = create_core(Settings(_env_file=None, database_url=url), FixedClock(NOW))  # type: ignore[call-arg]
    _seed(core)
    rows = []
    with core.session() as session, count_queries(core.engine) as counter, stopwatch() as took:
        report = build_report(session, core, Month(2026, 11))
    rows.append(_row(kind, "figures: November + 2 months beside", took[0], counter.count))
    with stopwatch() as took:
        pdf = render(report, "pdf", charts_for(report))
    rows.append(_row(kind, f"charts + PDF ({len(pdf) // 1024} kB)", took[0], 0))
    with core.session() as session, count_queries(core.engine) as counter, stopwatch() as took:
        answer = register_summary(session, core, with_files=True)
    size = sum(len(a.content) for a in answer.attachments) // 1024
    rows.append(
        _row(kind, f"/kontoregister: summary + CSV + XLSX ({size} kB)", took[0], counter.count)
    )
    with core.session() as session, count_queries(core.engine) as counter, stopwatch() as took:
        overview_message(session, core)
    rows.append(_row(kind, "översikt", took[0], counter.count))
    with (
        tempfile.TemporaryDirectory() as folder,
        core.session() as session,
        count_queries(core.engine) as counter,
        stopwatch() as took,
    ):
        packages = export_accounts(session, core, Path(folder))
    rows.append(_row(kind, f"archive export ({len(packages)} packages)", took[0], counter.count))
    core.engine.dispose()
    rows.extend(await _rapport_over_slack(kind, url))
    return rows


async def _rapport_over_slack(kind: str, url: str) -> list[dict[str, str]]:
    """`/rapport` as Slack sends it, to the real app (signature check, bolt, the router):
    the HTTP answer, then the outbox making the report and sending it with its files."""
    harness, fake, runner = await start_bot(url)
    try:
        add_people(fake)
        # First sight of the user (Slack look-ups, the person row) is not the answer's cost.
        await harness.slack.command(COMMUNICATOR, "/rapport", "x")
        engine = harness.core.engine
        with count_queries(engine) as counter, stopwatch() as took:
            status, body = await harness.slack.command(COMMUNICATOR, "/rapport", "2026-11")
        assert status == 200 and "tas fram" in body, body
        assert not fake.shared_files("D" + COMMUNICATOR)  # the answer came before the files
        answered = _row(kind, "/rapport: the HTTP answer (Slack waits 3 s)", took[0], counter.count)
        with count_queries(engine) as counter, stopwatch() as took:
            sent = await harness.dispatch()
        files = fake.shared_files("D" + COMMUNICATOR)
        assert sent.sent == 1 and len(files) == 5, (sent, len(files))
        made = _row(
            kind,
            "/rapport: then the outbox makes and sends it (figures, charts, PDF, 5 files)",
            took[0],
            counter.count,
        )
        return [answered, made]
    finally:
        await stop_bot(harness, runner)


def _row(kind: str, what: str, seconds: float, queries: int) -> dict[str, str]:
    return {
        "benchmark": f"report: {what}",
        "database": kind,
        "accounts × comments": f"{ACCOUNTS} × {COMMENTS:,}",
        "seconds": f"{seconds:.2f}",
        "queries": str(queries) if queries else "",
    }


def _seed(core) -> None:  # type: ignore[no-untyped-def]
    random.seed(4711)
    with core.session() as session:
        people = [
            {"name": f"Person {n}", "email": f"p{n}@example.se", "created_at": YEAR_START}
            for n in range(ACCOUNTS * 2)
        ]
        session.execute(insert(Person), people)
        ids = [p.id for p in session.query(Person).order_by(Person.id)]
        accounts = [
            {
                "platform": "facebook",
                "name": f"Konto {n:03d}",
                "unit": "Enhet",
                "purpose": "p",
                "audience": "a",
                "resources": "r",
                "owner_id": ids[2 * n],
                "manager_id": ids[2 * n],
                "status": "active",
                "created_at": YEAR_START,
                "activated_at": YEAR_START,
                "revision": 1,
            }
            for n in range(ACCOUNTS)
        ]
        session.execute(insert(Account), accounts)
        account_ids = [a.id for a in session.query(Account).order_by(Account.id)]
        session.execute(
            insert(AccountAdmin),
            [
                {
                    "account_id": a,
                    "person_id": ids[2 * i + k],
                    "is_owner": k == 0,
                    "status": "accepted",
                    "nominated_at": YEAR_START,
                }
                for i, a in enumerate(account_ids)
                for k in (0, 1)
            ],
        )
        days = [YEAR_START.date() + timedelta(days=n) for n in range(334)]
        posts = [
            {"account_id": a, "kind": "post", "at": _noon(d), "day": d, "source": "manual"}
            for a in account_ids
            for d in days[random.randrange(2) :: 2]
            if core.calendar.is_working_day(d)
        ]
        session.execute(insert(ActivityLog), posts)
        comments, escalations = [], []
        for n in range(COMMENTS):
            received = YEAR_START + timedelta(seconds=random.randrange(334 * 86400))
            deadline = core.calendar.reply_deadline(received)
            late = random.random() < 0.1
            closed = deadline + timedelta(hours=5) if late else received + timedelta(hours=3)
            comments.append(
                {
                    "account_id": random.choice(account_ids),
                    "platform": "facebook",
                    "external_id": f"c{n}",
                    "text": "hej",
                    "received_at": received,
                    "deadline": deadline,
                    "alert_at": deadline,
                    "status": CommentStatus.ANSWERED,
                    "closed_at": closed,
                    "source": "webhook",
                    "confidential": False,
                }
            )
            if late:
                escalations.append(
                    {
                        "key": f"comment-overdue:{n}",
                        "kind": "comment-overdue",
                        "account_id": comments[-1]["account_id"],
                        "summary": "sen",
                        "facts": [],
                        "status": "resolved",
                        "created_at": deadline,
                        "resolved_at": closed,
                    }
                )
        for start in range(0, len(comments), 5000):
            session.execute(insert(Comment), comments[start : start + 5000])
        session.execute(insert(Escalation), escalations)


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 11, tzinfo=UTC)
