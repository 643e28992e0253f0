"""Text longer than a Block Kit limit is cut at a word and ends with "…" (finding 21a),
seen in what the real Slack sender posts to the fake Slack Web API."""

from __future__ import annotations

from bot.flows.help import START_MINE
from bot.messages import Button, Message
from bot.outbox import enqueue_to_person
from tests.support.accounts_db import person

ACCOUNT = "Forshaga kommuns bibliotek och kulturhus i Forshaga och Deje"
TITLE = f"Påminnelse: Anna Andersson har inte beslutat om ansökan om {ACCOUNT} " * 3
LABEL = f"Visa ansökan om {ACCOUNT} med alla uppgifter"


async def test_long_texts_are_cut_at_a_word_with_an_ellipsis(bot, fake_slack) -> None:
    with bot.core.session() as session:
        anna = person(session, "U1", "Anna Andersson", bot.core.now())
        assert anna.id is not None
        message = Message(
            title=TITLE,
            text="ord " * 1000,
            buttons=[Button(label=LABEL, action=START_MINE)],
        )
        enqueue_to_person(session, bot.core, "test:long", anna.id, message)
    await bot.dispatch()
    [call] = fake_slack.calls_to("chat.postMessage")
    blocks = call.args["blocks"]
    header = next(b for b in blocks if b["type"] == "header")["text"]["text"]
    assert len(header) <= 150 and header.endswith("…")
    assert TITLE.startswith(header[:-1]) and TITLE[len(header) - 1] == " "  # at a word
    section = next(b for b in blocks if b["type"] == "section")["text"]["text"]
    assert len(section) <= 3000 and section.endswith("ord…")
    [button] = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    label = button["text"]["text"]
    assert len(label) <= 75 and label.endswith("…") and LABEL[len(label) - 1] == " "
