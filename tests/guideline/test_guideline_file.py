"""The guideline file: Forshaga's loads, each kind of error is one line, old env names warn."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.calendar import WorkingCalendar
from bot.cli import main
from bot.config import Settings
from bot.guideline import GuidelineError, guideline_in_force, load_guideline
from bot.guideline.words import admins, every_months, number, working_days
from tests.conftest import STOCKHOLM
from tests.support.guideline_files import FORSHAGA, edited_guideline


def test_forshaga_loads_with_the_seed_numbers() -> None:
    guideline = load_guideline(FORSHAGA)
    assert guideline.title == "Riktlinjer för användande av sociala medier"
    assert guideline.decided_by.role == "kommunchef"
    rules = guideline.rules
    assert (rules.reply_within_working_days, rules.office_day_end) == (1, time(17, 0))
    assert (rules.min_admins, rules.documentation_interval_months) == (2, 6)
    assert "Minst två personer" in guideline.section("administratorer").text
    assert [d.key for d in guideline.duties][:2] == ["daily", "reply"]
    # Facts only the decided document can give are reported, not invented.
    assert guideline.missing() == ["decided_by.name", "decided_on", "diarienummer", "review_date"]


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        ({"min_admins = 2": 'min_admins = "två"'}, "rules.min_admins: måste vara ett heltal"),
        ({"min_admins = 2": "min_admins = 0"}, "rules.min_admins: måste vara ett heltal ≥ 1"),
        ({"min_admins = 2": "min_admin = 2"}, "rules.min_admin: okänd nyckel; tillåtna: "),
        ({'role = "kommunchef"': 'role = "nämnden"'}, "decided_by.role: tillåtna värden: "),
        (
            {"# review_date = 2027-01-31": 'review_date = "snart"'},
            "review_date: måste vara ett datum",
        ),
        (
            {'link = "https://www.forshaga.se"': 'link = "forshaga.se"'},
            "link: måste vara en webbadress",
        ),
        ({'title = "Riktlinjer för användande av sociala medier"\n': ""}, "title: saknas"),
        ({"inom {reply_within}": "inom {svarstid}"}, "duties.1.text: okänt fält {svarstid}"),
        (
            {"office_day_end = 17:00:00": 'office_day_end = "sent"'},
            "rules.office_day_end: måste vara en tid",
        ),
        (
            {"escalation_after_working_days = 5": "escalation_after_working_days = 1"},
            "rules: opening_escalation_after_working_days måste vara större än",
        ),
        (
            {'key = "gdpr"\ntitle': 'key = "syfte"\ntitle'},
            "sections: nyckeln 'syfte' finns två gånger",
        ),
        ({"[rules]": "[rules"}, "inte giltig TOML"),
    ],
)
def test_each_error_is_one_line_naming_the_key_and_what_is_allowed(
    tmp_path: Path, replace: dict[str, str], expected: str
) -> None:
    with pytest.raises(GuidelineError) as caught:
        load_guideline(edited_guideline(tmp_path, replace=replace))
    [line] = caught.value.lines
    assert expected in line and "\n" not in line
    assert line.startswith(str(tmp_path))


def test_a_broken_file_stops_the_bot_with_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    broken = edited_guideline(tmp_path, min_admins=0)
    monkeypatch.setenv("GUIDELINE_FILE", str(broken))
    assert main(["check-config"]) == 2
    out = capsys.readouterr().out  # check-config reports every problem on its own output
    assert "smbot startar inte" in out and "rules.min_admins: måste vara ett heltal ≥ 1" in out
    assert main(["tick", "--now", "2026-12-01T09:00:00+01:00"]) == 2
    err = capsys.readouterr().err  # any other command refuses to start, on its error output
    assert "smbot startar inte" in err and "rules.min_admins: måste vara ett heltal ≥ 1" in err


def test_check_config_shows_the_guideline_in_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setenv("GUIDELINE_FILE", str(edited_guideline(tmp_path, min_admins=3)))
    assert main(["check-config"]) == 0
    out = capsys.readouterr().out
    assert "Riktlinje i kraft: Riktlinjer för användande av sociala medier, version 1" in out
    assert "Varje konto har minst tre administratörer." in out
    assert "decided_on" in out  # what the municipality still has to fill in


def test_the_old_environment_names_override_the_file_with_a_warning(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, min_admins=4, days_without_post_before_escalation=5)  # type: ignore[call-arg]
    with pytest.warns(DeprecationWarning, match="MIN_ADMINS är föråldrad"):
        guideline = guideline_in_force(settings)
    assert guideline.rules.min_admins == 4 and guideline.rules.working_days_without_post == 5
    # A nonsensical old name is refused with the settings, before the guideline is read.
    with pytest.raises(ValidationError, match="min_admins"):
        Settings(_env_file=None, min_admins=0)  # type: ignore[call-arg]


def test_numbers_in_words() -> None:
    assert [number(n) for n in (1, 2, 3, 12, 13)] == ["en", "två", "tre", "tolv", "13"]
    assert admins(3) == "tre administratörer" and working_days(1) == "en arbetsdag"
    assert every_months(6) == "varje halvår" and every_months(4) == "var fjärde månad"


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_the_reply_rule_works_for_any_number_of_working_days(n: int) -> None:
    calendar = WorkingCalendar(STOCKHOLM, time(16, 30), reply_working_days=n)
    # Thursday before Easter 2026 (Good Friday 04-03, Easter Monday 04-06 are holidays).
    received = datetime(2026, 4, 2, 20, 0, tzinfo=STOCKHOLM)
    due = {1: "2026-04-07", 2: "2026-04-08", 3: "2026-04-09", 5: "2026-04-13"}[n]
    assert calendar.reply_deadline(received) == datetime.fromisoformat(f"{due}T16:30").replace(
        tzinfo=STOCKHOLM
    )
    with pytest.raises(ValueError):
        WorkingCalendar(STOCKHOLM, reply_working_days=0)
