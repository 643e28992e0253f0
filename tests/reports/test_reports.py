"""The monthly report, the register file and the archive export, on a year of a municipality."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import struct
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import col, select

from bot import audit, cli
from bot.app import create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.flows.reports import NOT_FOR_YOU
from bot.messages import Message
from bot.reports.archive import IntegrityError, export_accounts, validate_package
from bot.reports.charts import CHART_SIZE, charts_for
from bot.reports.documents import render
from bot.reports.figures import DocStatus, build_report
from bot.reports.period import Month
from bot.reports.register import (
    ESCALATED,
    IN_ORDER,
    NEEDS_ATTENTION,
    register_csv,
    register_xlsx,
    standings_by_account,
)
from bot.router import Command, Who, run
from storage.migrate import upgrade
from storage.models import Account, Evidence, GuidelineVersion, OutboxMessage, Person
from tests.conftest import STOCKHOLM
from tests.support.reports_year import Year, build_year

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM)
NOVEMBER = Month(2026, 11)


@pytest.fixture
def core(database_url: str, tmp_path: Path) -> Core:
    upgrade(database_url)
    settings = Settings(_env_file=None, database_url=database_url, archive_dir=tmp_path / "arkiv")  # type: ignore[call-arg]
    return create_core(settings, FixedClock(NOW))


@pytest.fixture
def year(core: Core) -> Year:
    with core.session() as session:
        return build_year(session, Path(core.settings.archive_dir))


def test_november_figures_match_hand_counts(core: Core, year: Year) -> None:
    with core.session() as session:
        report = build_report(session, core, NOVEMBER)
    november = report.current
    assert [m.month for m in report.months] == [Month(2026, 9), Month(2026, 10), NOVEMBER]
    assert november.working_days == 21
    by_name = {a.name: a for a in november.accounts}
    library, school, old = by_name["Biblioteket"], by_name["Kulturskolan"], by_name["Gamla konto"]
    # Posts on 2, 3 and 4 November; the second post on the 3rd and Saturday the 7th don't count.
    assert (library.post_days, library.working_days_active) == (3, 21)
    # Kulturskolan from Monday 16 November: 16–20, 23–27 and 30 = 11 working days.
    assert (school.post_days, school.working_days_active) == (1, 11)
    # Gamla konto until Tuesday 10 November: 2–6, 9 and 10 = 7 working days.
    assert (old.post_days, old.working_days_active) == (0, 7)
    assert november.post_share == pytest.approx(4 / 39)
    # Five comments; three needed a reply; one answered in time (4 h), one late (1 + 9 + 1 h),
    # one still open past its deadline.
    assert library.comments_received == 5
    assert (library.needing_reply, library.answered_on_time, library.overdue_comments) == (3, 1, 2)
    assert sorted(library.reply_hours) == [pytest.approx(4.0), pytest.approx(11.0)]
    assert november.on_time_share == pytest.approx(1 / 3)
    assert november.median_reply_hours == pytest.approx(7.5)
    assert (library.illegal_cases, november.median_removal_hours) == (1, pytest.approx(2.5))
    kinds = {k.kind: (k.opened, k.resolved, k.median_resolve_hours) for k in november.escalations}
    assert kinds == {"comment-overdue": (2, 1, 64.0), "illegal-content": (1, 1, 2.5)}
    # Biblioteket due 10 December (from June's file): soon; Kulturskolan due in May; Gamla
    # konto due 1 August, never documented: overdue.
    assert (library.documentation, school.documentation, old.documentation) == (
        DocStatus.DUE_SOON,
        DocStatus.ON_TIME,
        DocStatus.OVERDUE,
    )
    assert november.documentation_counts() == {"on_time": 1, "due_soon": 1, "overdue": 1}
    assert (library.admins_accepted, library.admins_present) == (2, 1)
    assert (school.admins_accepted, school.admins_present) == (1, 1)
    assert (november.accounts_opened, november.accounts_closed) == (1, 1)
    assert november.accounts_paused == 0
    assert report.guideline_version is None  # smbot enforced no version yet (never ticked)
    october = report.months[1]
    assert {a.name for a in october.accounts} == {"Biblioteket", "Gamla konto"}
    assert (october.total("post_days"), october.on_time_share) == (2, 1.0)


def test_the_guideline_versions_and_pauses_come_from_their_records(
    core: Core, year: Year, tmp_path: Path
) -> None:
    with core.session() as session:
        for version, took_effect in (
            ("1", datetime(2026, 1, 2, 9)),
            ("2", datetime(2026, 11, 15, 9)),
        ):
            session.add(
                GuidelineVersion(
                    version=version,
                    title=f"Riktlinje {version}",
                    decided_by_role="Kommunstyrelsen",
                    took_effect_at=took_effect.replace(tzinfo=STOCKHOLM),
                    content={"version": version},
                )
            )
        audit.record(
            session,
            datetime(2026, 11, 20, 10, tzinfo=STOCKHOLM),
            "accounts.paused",
            account_id=year.library,
            until="2026-12-20",
            reason="semester",
        )
    with core.session() as session:
        report = build_report(session, core, NOVEMBER)
        october = build_report(session, core, Month(2026, 10))
    assert report.guideline_version == (
        "version 1 (Riktlinje 1), i kraft från 2026-01-02; "
        "version 2 (Riktlinje 2), i kraft från 2026-11-15"
    )
    assert october.guideline_version == "version 1 (Riktlinje 1), i kraft från 2026-01-02"
    assert [m.accounts_paused for m in report.months] == [0, 0, 1]
    first = PdfReader(io.BytesIO(render(report, "pdf"))).pages[0].extract_text()
    assert "version 2 (Riktlinje 2)" in first
    with core.session() as session:
        packages = {p.name: p for p in export_accounts(session, core, tmp_path / "ut")}

    def versions(name: str) -> list[str]:
        package = next(p for n, p in packages.items() if n.endswith(name))
        descriptive = package / "data" / "metadata" / "descriptive"
        facts = json.loads((descriptive / "konto.json").read_text())
        files = sorted(f.name for f in descriptive.glob("riktlinje-*.json"))
        assert files == [f"riktlinje-{v}.json" for v in facts["guideline_versions"]]
        assert validate_package(package) == []
        return facts["guideline_versions"]

    assert versions("biblioteket") == ["1", "2"]
    assert versions("gamla-konto") == ["1"]  # closed 10 November, before version 2


def test_manager_scope_counts_only_their_accounts(core: Core, year: Year) -> None:
    with core.session() as session:
        report = build_report(session, core, NOVEMBER, account_ids=[year.school])
    assert [a.name for a in report.current.accounts] == ["Kulturskolan"]
    assert report.current.total("comments_received") == 0
    assert report.current.escalations == []


def test_pdf_has_pages_charts_and_the_period(core: Core, year: Year) -> None:
    with core.session() as session:
        report = build_report(session, core, NOVEMBER)
    charts = charts_for(report)
    assert len(charts) == 4
    for chart in charts:
        assert chart.png.startswith(b"\x89PNG\r\n\x1a\n")
        assert struct.unpack(">II", chart.png[16:24]) == CHART_SIZE
    pdf = PdfReader(io.BytesIO(render(report, "pdf", charts)))
    assert len(pdf.pages) >= 6
    assert sum(len(page.images) for page in pdf.pages) == 4
    first = pdf.pages[0].extract_text()
    assert "november 2026" in first and "2026-11-01" in first and "Riktlinje" in first
    html = render(report, "html", charts).decode()
    assert html.count("data:image/png;base64,") == 4 and "Biblioteket" in html
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode())))
    figures = {row[0]: row[1:] for row in rows if len(row) == 4}
    assert figures["Kommentarer och meddelanden"] == ["0", "1", "5"]
    assert figures["Besvarade inom tidsgränsen"][-1] == "33 %"


def test_a_month_without_activity_says_so(core: Core, year: Year) -> None:
    with core.session() as session:
        report = build_report(session, core, Month(2025, 6))
    assert not report.has_activity and report.current.accounts == []
    text = PdfReader(io.BytesIO(render(report, "pdf"))).pages[0].extract_text()
    assert "Ingen aktivitet registrerades under perioden." in text
    assert "Ingen aktivitet" in render(report, "csv").decode()


def made_report(core: Core, reply_key_prefix: str) -> Message:
    """The report `rapport` enqueued, made as the dispatcher makes it."""
    with core.session() as session:
        row = session.exec(
            select(OutboxMessage)
            .where(col(OutboxMessage.key).startswith(reply_key_prefix))
            .order_by(col(OutboxMessage.id).desc())
        ).first()
        assert row is not None
        deferred = Message.model_validate(row.payload).deferred
        assert deferred is not None
        return core.registry.renderers[deferred.kind](core, session, deferred.args)


def test_rapport_in_the_chat(core: Core, year: Year) -> None:
    with core.session() as session:
        manager_id = session.get(Account, year.library).manager_id  # type: ignore[union-attr]
        other_id = session.get(Account, year.school).manager_id  # type: ignore[union-attr]
    reply = run(core, Who(manager_id, is_communicator=True), Command("rapport", "2026-11"))
    assert reply.message is not None and "november 2026" in (reply.message.title or "")
    assert not reply.message.facts and not reply.message.attachments  # at once, made later
    made = made_report(core, f"report:2026-11:{manager_id}:")
    facts = {f.label: f.value for f in made.facts}
    assert facts["Kommentarer och meddelanden"] == "5 (före: 1)"
    assert len(made.attachments) == 5
    own = run(core, Who(other_id), Command("rapport", ""))  # last month, own accounts only
    assert own.message is not None
    made = made_report(core, f"report:2026-11:{other_id}:")
    assert {f.label: f.value for f in made.facts}["Konton aktiva"] == "1 (före: 0)"
    assert run(core, Who(manager_id), Command("rapport", "nov")).notice
    with core.session() as session:
        stranger = Person(name="Sam Utomstående", created_at=core.now())
        session.add(stranger)
        session.flush()
        stranger_id = stranger.id
    assert run(core, Who(stranger_id), Command("rapport", "")).notice == NOT_FOR_YOU
    with core.session() as session:  # nothing queued for them
        keys = session.exec(select(OutboxMessage.key)).all()
        assert not [k for k in keys if k.startswith(f"report:2026-11:{stranger_id}:")]


def test_register_csv_equals_the_export_and_xlsx_has_standing(
    core: Core, year: Year, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    exported = tmp_path / "export.csv"
    assert cli.main(["export", "accounts", "--format", "csv", "-o", str(exported)]) == 0
    with core.session() as session:
        assert register_csv(session, core) == exported.read_bytes()
        standings = standings_by_account(session, core)
        book = load_workbook(io.BytesIO(register_xlsx(session, core)))
    assert standings[year.library].word == ESCALATED
    assert standings[year.school].word in {IN_ORDER, NEEDS_ATTENTION}
    assert "1 närvarande administratör " in standings[year.school].why
    sheet = book["Kontoregister"]
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["Ställning", "Varför"]
    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Biblioteket"][-2] == ESCALATED
    assert "Obesvarade kommentarer" in rows["Biblioteket"][-1]
    assert rows["Gamla konto"][-2] is None  # closed: no standing


def test_archive_packages_validate_and_a_changed_byte_fails(
    core: Core, year: Year, tmp_path: Path
) -> None:
    with core.session() as session:
        packages = export_accounts(session, core, tmp_path / "ut")
    assert len(packages) == 3
    for package in packages:
        assert validate_package(package) == []
        assert (package / "data" / "METS.xml").is_file()
        assert (package / "data" / "metadata" / "descriptive" / "konto.json").is_file()
    library = next(p for p in packages if p.name.endswith("biblioteket"))
    rep = library / "data" / "representations" / "rep1" / "data"
    documented = next((rep / "dokumentation").iterdir())
    assert documented.read_bytes() == year.doc_bytes
    evidence = rep / "bevis" / f"bevis-{year.evidence_id}.json"
    with core.session() as session:
        stored = session.get(Evidence, year.evidence_id)
        assert stored is not None
        assert hashlib.sha256(evidence.read_bytes()).hexdigest() == stored.sha256
    assert "KS 2026/123" in (rep / "kommentarer" / "diarieforda.csv").read_text()
    content = bytearray(documented.read_bytes())
    content[0] ^= 1
    documented.write_bytes(bytes(content))
    problems = validate_package(library)
    assert any("BagIt" in p for p in problems) and any("checksum" in p for p in problems)


def test_archive_refuses_evidence_that_does_not_match(
    core: Core, year: Year, tmp_path: Path
) -> None:
    with core.session() as session:
        stored = session.get(Evidence, year.evidence_id)
        assert stored is not None
        stored.record = {**stored.record, "text": "ändrad"}
        session.add(stored)
    with core.session() as session, pytest.raises(IntegrityError):
        export_accounts(session, core, tmp_path / "ut", "Biblioteket")
    assert not any((tmp_path / "ut").glob("konto-*"))


def test_cli_report_and_archive(
    core: Core, year: Year, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("ARCHIVE_DIR", str(core.settings.archive_dir))
    target = tmp_path / "rapport.pdf"
    assert cli.main(["report", "--month", "2026-11", "--format", "pdf", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert (
        cli.main(["archive", "export", "--account", "Kulturskolan", "-o", str(tmp_path / "a")]) == 0
    )
    (package,) = (tmp_path / "a").iterdir()
    assert validate_package(package) == []
    assert cli.main(["archive", "validate", str(tmp_path / "a")]) == 0
    for fmt, start in (("html", b"<!DOCTYPE html>"), ("csv", "Uppföljning".encode())):
        target = tmp_path / f"rapport.{fmt}"
        assert cli.main(["report", "--month", "2026-11", "--format", fmt, "-o", str(target)]) == 0
        assert target.read_bytes().lstrip(b"\xef\xbb\xbf").startswith(start)
    assert cli.main(["report", "--month", "2026-13", "--format", "pdf", "-o", str(target)]) == 2
    mets = package / "data" / "METS.xml"
    mets.write_bytes(mets.read_bytes().replace(b"Kulturskolan", b"Kulturskolen", 1))
    assert cli.main(["archive", "validate", str(package)]) == 1
