"""An answer's files, on the console: they come as a message of their own (through the
outbox, as on every platform), written to a directory, the paths printed."""

from __future__ import annotations

import io

from bot.app import FLOWS
from bot.registry import Registry, Verbs
from bot.router import Context, Reply
from handlers.console.repl import Terminal
from tests.support.chat_files import CSV, png, with_files
from tests.support.console_backend import console_fixture

files_flow = Verbs()


@files_flow.command("filer", "skicka två filer (bara i testet)")
def filer(ctx: Context, text: str) -> Reply:
    return Reply(message=with_files("Sammanfattningen"))


console = console_fixture(lambda: Registry.build([*FLOWS, files_flow]))


def test_an_answer_says_the_files_come_and_they_come_once(console):
    reply = console.say("@anna", "filer")

    assert reply.message is not None and reply.message.attachments == []
    assert "Sammanfattningen" in reply.message.text
    assert "Filerna kommer i ett eget meddelande" in (reply.message.footer or "")
    [delivered] = [d for d in console.inboxes.current("anna") if d.message.attachments]
    assert delivered.message.title == "Filer: Månadsrapport"
    assert "2 filer" in delivered.message.text
    assert [p.name for p in delivered.files] == ["diagram.png", "kontoregister.csv"]
    assert delivered.files[0].read_bytes() == png()
    assert delivered.files[1].read_bytes() == CSV
    assert delivered.files[0].is_relative_to(console.files_dir)


def test_the_terminal_prints_where_the_files_are(console):
    out = io.StringIO()
    terminal = Terminal(console, iter(()).__next__, out, echo=False)
    terminal.line("@anna")
    terminal.line("filer")
    printed = out.getvalue()
    assert "diagram.png" in printed and str(console.files_dir) in printed
