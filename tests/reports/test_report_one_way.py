"""`rapport` takes the same way on every platform: the answer at once, without files; the
report (key figures, charts and PDF) made and sent afterwards through the outbox, once,
also across a restart. Slack: tests/reports/test_report_in_chat.py."""

from __future__ import annotations

from handlers.console.bot import ConsoleBot
from tests.support.console_backend import console_fixture
from tests.support.teams_channel import registered_channel_teams_fixture
from tests.support.teams_harness import (
    KIM,
    TeamsHarness,
)

console = console_fixture()


teams = registered_channel_teams_fixture()


COMING = "Rapporten för oktober 2026 tas fram"
FILES = [
    "uppfoljning-2026-10-inlagg.png",
    "uppfoljning-2026-10-kommentarer.png",
    "uppfoljning-2026-10-dokumentation.png",
    "uppfoljning-2026-10-eskaleringar.png",
    "uppfoljning-2026-10.pdf",
]


def test_console_answers_at_once_and_the_report_follows_once(console: ConsoleBot) -> None:
    console.dispatch = lambda: None  # type: ignore[method-assign]  # hold the outbox back
    reply = console.say("@kim", "rapport 2026-10")
    assert reply.message is not None and COMING in reply.message.text
    assert reply.message.attachments == []
    assert not [m for m in console.inbox("@kim") if m.attachments]
    console.restart()  # a new process before the outbox sent it
    del console.dispatch
    console.dispatch()
    console.dispatch()
    [report] = [m for m in console.inbox("@kim") if m.attachments]
    assert "oktober 2026" in (report.title or "")
    assert "Ingen aktivitet registrerades under perioden." in report.text
    assert [a.name for a in report.attachments] == FILES


async def test_teams_answers_at_once_and_the_report_follows_once(teams: TeamsHarness) -> None:
    await teams.teams.message(KIM, "rapport 2026-10")
    [answer] = teams.connector.to(KIM.chat)
    assert COMING in answer.text
    await teams.restart()
    await teams.dispatch()
    await teams.dispatch()
    reports = [s for s in teams.connector.to(KIM.chat) if "Uppföljning" in s.text][1:]
    assert len(reports) == 1
    assert all(name in reports[0].text for name in FILES)  # the card lists its files
    assert "Ingen aktivitet registrerades under perioden." in reports[0].text
