"""A wrong setting is one line naming the setting, the value and what is allowed; exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.config import settings_classes

BAD = [
    ("PORT", "abc", "ett heltal 1–65535"),
    ("PORT", "99999", "ett heltal 1–65535"),
    ("PORT", "0", "ett heltal 1–65535"),
    ("OFFICE_DAY_END", "25:00", "en tid TT:MM"),
    ("MORNING_REMINDER_TIME", "nio", "en tid TT:MM"),
    ("LOCAL_CLOSURE_DAYS", "2026-12-28,2026-13-45", "datum ÅÅÅÅ-MM-DD"),
    ("TIMEZONE", "Mars/Olympus", "en IANA-tidszon"),
    ("DATABASE_URL", "nonsense://x", "en databas-URL"),
    ("LOG_LEVEL", "bogus", "DEBUG, INFO, WARNING, ERROR eller CRITICAL"),
    ("MIN_ADMINS", "0", "ett heltal ≥ 1"),
    ("MIN_ADMINS", "-3", "ett heltal ≥ 1"),
    ("DISPOSAL_AFTER_DAYS", "-1", "ett heltal ≥ 1"),
    ("DAYS_WITHOUT_POST_BEFORE_ESCALATION", "0", "ett heltal ≥ 1"),
    ("TEAMS_LOCAL", "kanske", "true eller false"),
    ("MICROSOFT_APP_TYPE", "Both", "SingleTenant, MultiTenant eller UserAssignedMSI"),
    ("SLACK_API_URL", "slack.com", "en http(s)-URL"),
]


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No `.env` and none of the developer's settings."""
    monkeypatch.chdir(tmp_path)
    for kind in settings_classes():
        for name in kind.model_fields:
            monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'smbot.db'}")
    return tmp_path


@pytest.mark.parametrize(("name", "value", "allowed"), BAD)
def test_a_bad_setting_is_one_line_and_exit_2(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys, name: str, value: str, allowed: str
) -> None:
    monkeypatch.setenv(name, value)
    assert main(["export", "accounts", "-o", str(clean_env / "konton.csv")]) == 2
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"Felaktig inställning {name}=")
    assert allowed in lines[0]
    bad_part = value.split(",")[-1]
    assert repr(bad_part) in lines[0]
    assert "Traceback" not in out + err
    assert not (clean_env / "konton.csv").exists()


def test_a_database_that_does_not_answer_is_one_line(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://smbot:pw-hemlig@127.0.0.1:1/smbot")
    assert main(["export", "accounts", "-o", str(clean_env / "konton.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("Databasen svarar inte (DATABASE_URL=postgresql://smbot:***@127.0.0.1:1")
    assert "pw-hemlig" not in err
    assert not (clean_env / "konton.csv").exists()


def test_check_config_reports_every_problem_at_once(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    for name, value, _ in [BAD[0], BAD[3], BAD[9], BAD[13]]:
        monkeypatch.setenv(name, value)
    assert main(["check-config"]) == 2
    out = capsys.readouterr().out
    for name in ("PORT", "OFFICE_DAY_END", "MIN_ADMINS", "TEAMS_LOCAL"):
        assert f"Felaktig inställning {name}=" in out


def test_check_config_on_a_fresh_setup(clean_env: Path, capsys) -> None:
    assert main(["check-config"]) == 0
    out = capsys.readouterr().out
    assert "None" not in out
    assert "(ej satt)" in out
    assert "webhooks: saknar META_APP_SECRET" in out
    assert "databas: svarar" in out
    assert "Varning: inga kommunikatörer är konfigurerade" in out
    assert "Konfigurationen är giltig." in out


def test_check_config_is_quiet_about_communicators_when_some_are_named(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("COMMUNICATORS", "anna@forshaga.se")
    assert main(["check-config"]) == 0
    assert "Varning" not in capsys.readouterr().out


def test_export_on_a_database_never_migrated_upgrades_it_first(clean_env: Path, capsys) -> None:
    target = clean_env / "konton.csv"
    assert main(["export", "accounts", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("id,plattform,konto")
    assert not list(clean_env.glob(".*.partial"))


def test_teams_local_listens_on_loopback_unless_host_is_given(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import listen_host
    from bot.config import Settings
    from handlers.teams.settings import TeamsSettings  # noqa: F401  (its settings are known)

    assert listen_host(Settings()) == "0.0.0.0"
    monkeypatch.setenv("TEAMS_LOCAL", "true")
    assert listen_host(Settings()) == "127.0.0.1"
    monkeypatch.setenv("HOST", "0.0.0.0")
    assert listen_host(Settings()) == "0.0.0.0"
    monkeypatch.setenv("MICROSOFT_APP_ID", "00000000-0000-0000-0000-000000000001")
    monkeypatch.delenv("HOST")
    assert listen_host(Settings()) == "0.0.0.0"


def test_check_config_into_a_closed_pipe_ends_without_a_traceback(tmp_path: Path) -> None:
    """`smbot check-config | head`: the reader is gone before smbot writes."""
    import subprocess
    import sys

    from tests.support.processes import environment

    env = environment(DATABASE_URL=f"sqlite:///{tmp_path / 'smbot.db'}")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "check-config"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
