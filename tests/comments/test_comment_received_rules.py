"""When a comment registered by hand arrived, through the console backend: one neutral value
for every platform (bot/moments.py), checked by the core. The console types it; Slack and
Teams pick it (tests/comments/test_comments_manual.py, tests/teams/test_teams_comments.py)."""

from __future__ import annotations

import io
from datetime import datetime

from bot import texts
from handlers.console.bot import ConsoleBot
from handlers.console.repl import Terminal, lines_from
from tests.conftest import STOCKHOLM
from tests.support.console_backend import console_fixture
from tests.support.console_comments import comment, library, register_comment

T = texts.comments
console = console_fixture()


def test_the_arrival_defaults_to_now_and_is_checked(console: ConsoleBot) -> None:
    account_id = library(console)
    form = console.say("@anna", "ny-kommentar").form
    assert form is not None
    [received] = [f for f in form.fields if f.id == "received"]
    assert received.kind == "datetime" and "ÅÅÅÅ" not in received.label
    assert received.initial == "2026-12-01T09:00+01:00"  # now, local time, to the minute
    for typed, error in (
        ("igår", T.NEW_RECEIVED_INVALID),
        ("2026-12-01", T.NEW_RECEIVED_INVALID),
        ("2026-12-01 09:01", T.NEW_RECEIVED_FUTURE),
        ("2026-12-01T08:01+00:00", T.NEW_RECEIVED_FUTURE),  # 09:01 in Forshaga
    ):
        reply = console.fill("@anna", account=str(account_id), text="Hej?", received=typed)
        assert reply.errors == {"received": error}, typed
    assert console.fill(
        "@anna", account=str(account_id), text="Hej?", received="2026-11-27 16:00"
    ).ok
    # Left as it opened: now.
    now = register_comment(console, account_id, "Har ni öppet?")
    assert comment(console, now).received_at == datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM)


def test_the_terminal_asks_for_a_date_and_a_time_and_keeps_now_on_an_empty_line(
    console: ConsoleBot,
) -> None:
    library(console)
    out = io.StringIO()
    script = "@anna ny-kommentar\n1\n\nHar ni öppet?\n\n\n"
    Terminal(console, lines_from(io.StringIO(script)), out, echo=True).run()
    output = out.getvalue()
    assert "(svara med datum och klockslag, ÅÅÅÅ-MM-DD TT:MM)" in output
    assert "(tom rad behåller: 2026-12-01 09:00)" in output
    assert "Kommentaren är sparad" in output
