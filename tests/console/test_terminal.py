"""`smbot console`: a script of lines in, what each person receives out."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from handlers.console.bot import ConsoleBot
from handlers.console.repl import Terminal, lines_from

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "docs" / "console-opening.txt"


def run_lines(bot: ConsoleBot, script: str) -> str:
    out = io.StringIO()
    Terminal(bot, lines_from(io.StringIO(script)), out, echo=True).run()
    return out.getvalue()


def test_smbot_console_runs_a_whole_opening_from_a_script(tmp_path: Path) -> None:
    smbot = Path(sys.executable).with_name("smbot")
    command = [str(smbot)] if smbot.exists() else [sys.executable, "-m", "bot"]
    # This checkout's code, also when the venv's `smbot` was installed from another one.
    environment = {**os.environ, "DATABASE_URL": "", "COMMUNICATORS": "", "PYTHONPATH": str(REPO)}
    with SCRIPT.open() as script:
        done = subprocess.run(
            [
                *command,
                "console",
                "--database",
                f"sqlite:///{tmp_path / 'console.db'}",
                "--now",
                "2026-12-01T09:00",
            ],
            stdin=script,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=environment,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    output = done.stdout
    assert "[k1] Förankra" in output
    assert "Tjänstekontot för Forshaga bibliotek är inlagt." in output
    # The activation message reaches both administrators.
    activated = output.split("[kim] » Tjänstekontot för Forshaga bibliotek är inlagt.")[1]
    assert "── @anna ──\n  == Forshaga bibliotek är aktivt 🎉 ==" in activated
    assert "── @bo ──\n  == Forshaga bibliotek är aktivt 🎉 ==" in activated


def test_a_line_speaks_as_the_current_person_and_numbers_press_their_buttons(
    console: ConsoleBot,
) -> None:
    output = run_lines(console, "@anna\nmina konton\n@anna 7\nhjalp\n")
    assert "── @anna ──" in output  # "mina konton" was said by Anna
    assert "!! ingen knapp 7 hos anna" in output
    assert output.count("nytt konto") >= 1  # help lists the commands as words


def test_roles_makes_a_communicator_and_a_form_is_asked_field_by_field(
    console: ConsoleBot,
) -> None:
    output = run_lines(
        console,
        # "nytt konto" starts the guided conversation; its button 8 is the form instead.
        "roles @olle kommunikatör\n@anna nytt konto\n8\n1\n\n\n",  # ends mid-form
    )
    assert "[roles] kommunikatörer: @kim, @olle" in output
    assert "[8] Fyll i formuläret i stället" in output
    assert "1. Facebook" in output and "(svara med en siffra)" in output
    assert "!! formuläret avbröts; inget har sparats" in output
    assert console.inbox("@karin") == []


def test_the_console_is_no_chat_platform_for_serve_and_never_sends_for_it(
    console: ConsoleBot,
) -> None:
    from bot.app import create_core
    from bot.platforms import load_platforms

    [platform] = [p for p in load_platforms() if p.name == "console"]
    assert platform.is_chat is False and platform.missing_settings(console.core) == []
    core = create_core(console.core.settings)
    platform.attach(core, None)
    assert core.senders == {}
    core.engine.dispose()
