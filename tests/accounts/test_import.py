"""`smbot import accounts`: an export imports into an empty database unchanged."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot.app import create_core
from bot.cli import main
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.export import write_accounts_csv
from bot.flows.accounts.importing import import_accounts
from storage.migrate import upgrade
from storage.models import (
    Account,
    AccountAdmin,
    AccountStatus,
    AdminStatus,
    AuditEntry,
    OutboxMessage,
    Person,
)
from tests.conftest import DEFAULT_NOW

PEOPLE = {
    "anna": "Anna Andersson",
    "bo": "Bo Berg",
    "cilla": "Cilla Ceder",
    "karin": "Karin Chef",
    "kim": "Kim Kommunikatör",
}


def make_core(url: str) -> Core:
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    upgrade(url)
    return create_core(settings, FixedClock(DEFAULT_NOW))


def add_people(core: Core) -> dict[str, int]:
    ids: dict[str, int] = {}
    with core.session() as session:
        for key, name in PEOPLE.items():
            person = Person(name=name, email=f"{key}@forshaga.se", created_at=DEFAULT_NOW)
            session.add(person)
            session.flush()
            assert person.id is not None
            ids[key] = person.id
    return ids


def _account(name: str, p: dict[str, int], status: AccountStatus, **extra) -> Account:  # type: ignore[no-untyped-def]
    at = DEFAULT_NOW - timedelta(days=30)
    return Account(
        platform=extra.pop("platform", "facebook"),
        name=name,
        unit="Kultur och fritid",
        purpose="Informera om verksamheten",
        audience="Invånare",
        resources="Två timmar per dag",
        owner_id=p["anna"],
        manager_id=p["karin"],
        status=status,
        created_at=at,
        submitted_at=at,
        **extra,
    )


def seed(core: Core) -> None:
    """Accounts in every state: active, pending, rejected, withdrawn, closed, registered, paused."""
    p = add_people(core)
    t = DEFAULT_NOW - timedelta(days=20)
    accounts = [
        (
            _account(
                "Biblioteket",
                p,
                AccountStatus.ACTIVE,
                manager_approved_at=t,
                anchored_at=t,
                anchored_by_id=p["kim"],
                service_account_url="https://facebook.com/bibl",
                credentials_reference="Lösenordshanteraren, post 12",
                credentials_confirmed_at=t,
                activated_at=t,
            ),
            ["anna", "bo"],
            ["cilla"],
        ),
        (_account("Simhallen", p, AccountStatus.PENDING, platform="instagram"), ["anna"], ["bo"]),
        (
            _account("Ungdom", p, AccountStatus.REJECTED, manager_approved_at=None, rejected_at=t),
            ["anna"],
            [],
        ),
        (_account("Musikskolan", p, AccountStatus.WITHDRAWN, withdrawn_at=t), ["anna"], []),
        (
            _account(
                "Gamla sidan",
                p,
                AccountStatus.CLOSED,
                platform="annat",
                platform_other="Mastodon",
                manager_approved_at=t,
                activated_at=t,
                closed_at=DEFAULT_NOW - timedelta(days=2),
                closing_started_at=DEFAULT_NOW - timedelta(days=9),
                closing_reason="Ersatt av kommunens huvudkonto",
            ),
            ["anna", "bo"],
            [],
        ),
        (
            _account(
                "Fritidsgården",
                p,
                AccountStatus.ACTIVE,
                registered_at=t,
                activated_at=t,
                documented_before_on=date(2026, 9, 1),
            ),
            [],
            ["anna", "bo"],
        ),
        (
            _account(
                "Badhuset",
                p,
                AccountStatus.PAUSED,
                manager_approved_at=t,
                activated_at=t,
                pause_until=date(2027, 1, 11),
                pause_reason="Stängt för renovering",
            ),
            ["anna", "bo"],
            [],
        ),
    ]
    with core.session() as session:
        for account, accepted, nominated in accounts:
            session.add(account)
            session.flush()
            for key in accepted + nominated:
                status = AdminStatus.ACCEPTED if key in accepted else AdminStatus.NOMINATED
                session.add(
                    AccountAdmin(
                        account_id=account.id,
                        person_id=p[key],
                        is_owner=key == "anna",
                        status=status,
                        nominated_at=t,
                    )
                )


def export(core: Core) -> str:
    handle = io.StringIO()
    with core.session() as session:
        write_accounts_csv(session, handle, core)
    return handle.getvalue()


def run_import(core: Core, text: str, *, apply: bool) -> list[str]:
    with core.session() as session:
        report = import_accounts(session, core, io.StringIO(text), apply=apply)
        if not report.ok:
            session.rollback()
    return report.lines


def counts(core: Core) -> tuple[int, int, int, int]:
    with core.session() as session:
        return (
            len(session.exec(select(Account)).all()),
            len(session.exec(select(AccountAdmin)).all()),
            len(session.exec(select(OutboxMessage)).all()),
            len(session.exec(select(AuditEntry)).all()),
        )


@pytest.fixture
def cores(database_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The source database, and an empty one beside it (SQLite, whatever the source)."""
    source = make_core(database_url)
    target = make_core(f"sqlite:///{tmp_path / 'target.db'}")
    yield source, target
    source.engine.dispose()
    target.engine.dispose()


def test_export_imports_unchanged_and_twice_changes_nothing(cores) -> None:  # type: ignore[no-untyped-def]
    source, target = cores
    seed(source)
    exported = export(source)
    add_people(target)

    dry = run_import(target, exported, apply=False)
    assert dry[0] == "Rad 2: Biblioteket (Facebook, aktivt) importeras."
    assert dry[-1] == "7 konton skulle importeras, 0 finns redan. Kör med --apply."
    assert counts(target)[0] == 0

    applied = run_import(target, exported, apply=True)
    assert applied[-1] == "7 konton importerade, 0 fanns redan."
    assert export(target) == exported
    with target.session() as session:
        # The asks go out through the outbox: nominees, and the registered account's manager.
        keys = sorted(m.key for m in session.exec(select(OutboxMessage)).all())
    assert any(":manager-request:" in k for k in keys)
    assert sum(":admin-request:" in k for k in keys) == 4

    before = counts(target)
    again = run_import(target, exported, apply=True)
    assert again[-1] == "0 konton importerade, 7 fanns redan."
    assert "Rad 2: Biblioteket (Facebook) finns redan – ingenting ändras." in again
    assert counts(target) == before and export(target) == exported


VALID = {
    "plattformskod": "facebook",
    "plattform": "Facebook",
    "konto": "Biblioteket",
    "verksamhet": "Kultur",
    "status": "Aktivt",
    "syfte": "Informera",
    "målgrupp": "Invånare",
    "resurser": "Två timmar",
    "sökande e-post": "anna@forshaga.se",
    "chef e-post": "karin@forshaga.se",
    "administratörer e-post": "anna@forshaga.se, bo@forshaga.se",
    "nominerade e-post": "",
    "ansökt": "2026-11-01 10:00",
}

INVALID = [
    (
        {"sökande e-post": "okand@forshaga.se"},
        "sökande e-post",
        "ingen person med e-postadressen okand@forshaga.se",
    ),
    (
        {"administratörer e-post": "anna@forshaga.se"},
        "administratörer e-post",
        "minst 2 administratörer, raden har 1",
    ),
    ({"plattformskod": "myspace"}, "plattformskod", "okänd plattform 'myspace'"),
    ({"ansökt": "1 november"}, "ansökt", "'1 november' är ingen tidpunkt"),
    ({"konto": ""}, "konto", "får inte vara tom"),
    ({"status": "Vilande"}, "status", "okänd status 'Vilande'"),
    (
        {"chef e-post": "karin.forshaga.se"},
        "chef e-post",
        "'karin.forshaga.se' är ingen e-postadress",
    ),
    ({"chef e-post": "anna@forshaga.se"}, "chef e-post", "närmaste chef kan inte vara den sökande"),
    ({"syfte": "x" * 1501}, "syfte", "Högst 1500 tecken"),
    ({"verksamhet": ""}, "verksamhet", "får inte vara tom"),
    # A paused account must say until when, or its pause would never end.
    ({"status": "Pausat"}, "pausad till", "får inte vara tom"),
]


def _csv(rows: list[dict[str, str]], columns: list[str] | None = None) -> str:
    import csv

    columns = columns or [*VALID, "förankrad av e-post"]
    handle = io.StringIO()
    writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return handle.getvalue()


@pytest.mark.parametrize(("change", "column", "what"), INVALID)
def test_each_invalid_row_is_named_and_nothing_is_imported(cores, change, column, what) -> None:  # type: ignore[no-untyped-def]
    _source, target = cores
    add_people(target)
    good = dict(VALID, konto="Simhallen")
    lines = run_import(target, _csv([good, dict(VALID, **change)]), apply=True)
    errors = [line for line in lines if line.startswith("Rad 3, kolumn")]
    assert len(errors) == 1, lines
    assert errors[0].startswith(f"Rad 3, kolumn ”{column}”: ") and what in errors[0]
    assert lines[-1] == "1 rader är felaktiga; ingenting har importerats."
    assert counts(target)[0] == 0


def test_a_duplicate_row_and_a_missing_column(cores) -> None:  # type: ignore[no-untyped-def]
    _source, target = cores
    add_people(target)
    lines = run_import(target, _csv([VALID, dict(VALID, konto="biblioteket")]), apply=True)
    assert "Rad 3, kolumn ”konto”: samma konto som på rad 2" in lines
    columns = [c for c in list(VALID) if c != "chef e-post"] + ["förankrad av e-post"]
    lines = run_import(target, _csv([VALID], columns), apply=True)
    assert lines == ["Rad 1 (rubrikraden): kolumnen ”chef e-post” saknas."]
    assert counts(target)[0] == 0


def test_the_command_line(cores, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    source, target = cores
    seed(source)
    add_people(target)
    path = tmp_path / "konton.csv"
    path.write_text(export(source), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", str(target.engine.url))
    assert main(["import", "accounts", str(path)]) == 0
    assert counts(target)[0] == 0
    assert main(["import", "accounts", str(path), "--apply"]) == 0
    assert "7 konton importerade, 0 fanns redan." in capsys.readouterr().out
    assert counts(target)[0] == 7
