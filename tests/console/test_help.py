"""`hjälp`: grouped by who it is for, each person shown only what they may do (finding 9)."""

from __future__ import annotations

from handlers.console.bot import ConsoleBot


def _headings_and_commands(bot: ConsoleBot, handle: str, line: str = "hjälp") -> list[str]:
    reply = bot.say(handle, line)
    assert reply.message is not None
    return [row.strip() for row in bot.show(reply.message).splitlines() if row.strip()]


def test_a_new_person_starts_with_applying_and_sees_no_communicator_commands(
    console: ConsoleBot,
) -> None:
    rows = _headings_and_commands(console, "@anna")
    assert rows[1] == "Kom igång"
    assert rows[2].startswith("• nytt konto – Ansök om")
    assert "För administratörer" in rows
    assert "För kommunikatörer" not in rows
    assert not any("kontoregister" in row or "koppla meta" in row for row in rows)
    # `hjälp` does not list itself, and the Slack message shortcut is not a command here.
    assert not any(row.startswith(("• hjälp", "• registrera kommentar")) for row in rows)


def test_a_communicator_also_sees_the_communicators_commands_last(console: ConsoleBot) -> None:
    rows = _headings_and_commands(console, "@kim")
    groups = [row for row in rows if not row.startswith(("•", "=="))]
    assert groups == [
        "Kom igång",
        "För administratörer",
        "Uppföljning (chefer och kommunikatörer)",
        "För kommunikatörer",
    ]
    last = rows[rows.index("För kommunikatörer") + 1 :]
    assert any(row.startswith("• kontoregister") for row in last)


def test_an_unknown_word_is_acknowledged_before_the_help(console: ConsoleBot) -> None:
    # Words, not a question (a question is answered from the guideline, as in Teams).
    rows = _headings_and_commands(console, "@anna", "bananer och päron")
    assert "Jag förstod inte ”bananer och päron”" in "\n".join(rows)
