"""A person a platform cannot reach yet (the app not installed or opened): who is told.

The person can be reached once they open the app, so this is not the end of the message:
whoever waits on their answer (the applicant, for the manager's card) hears why nothing
happens, and the communicators get a notice that names the account and has **Skicka
igen**, which sends the same message again through the outbox under a new key.
"""

from __future__ import annotations

import re

from sqlmodel import Session

from bot.core import Core
from bot.markup import escape
from bot.messages import Button, Fact, Message
from bot.outbox.queue import enqueue_to_communicators, enqueue_to_person
from bot.people import display_name
from bot.registry import action_name
from bot.texts import delivery as T
from bot.texts.plural import and_list
from storage.models import OutboxMessage, Person

RESEND = action_name("outbox.resend")
_RESENT = re.compile(r"^(?P<base>.*)#resend(?P<attempt>\d+)$")


def notice_key(row_key: str) -> str:
    """The communicators' notice about one undelivered row (one notice a row, one button)."""
    return f"unreachable:{row_key}"


def resend_key(row_key: str) -> str:
    """The key a resend of this row goes under: the original's, with the attempt counted.

    Derived, not drawn: the same notice's button pressed twice makes the same key, which
    the outbox takes once."""
    found = _RESENT.match(row_key)
    if found is None:
        return f"{row_key}#resend1"
    return f"{found['base']}#resend{int(found['attempt']) + 1}"


def report(core: Core, session: Session, row: OutboxMessage, platform: str) -> None:
    """Tell whoever waits on the person, and the communicators (with **Skicka igen**)."""
    person = session.get(Person, int(row.recipient))
    name = display_name(person)
    message = Message.model_validate(row.payload)
    waiting = [p for p in message.waiting if p != int(row.recipient)]
    for waiter in waiting:
        enqueue_to_person(
            session,
            core,
            f"{notice_key(row.key)}:{waiter}",
            waiter,
            Message(
                title=T.WAITER_TITLE.format(name=name, platform=platform),
                text=T.WAITER.format(
                    name=escape(name),
                    platform=platform,
                    about=escape(message.about) if message.about else T.WAITER_NO_ABOUT,
                ),
            ),
        )
    enqueue_to_communicators(
        session, core, notice_key(row.key), notice(session, row, message, platform, name)
    )


def notice(
    session: Session, row: OutboxMessage, message: Message, platform: str, name: str
) -> Message:
    """The communicators' notice: what did not arrive, who waits, and **Skicka igen**."""
    if message.about:
        title = T.NOTICE_TITLE.format(about=message.about, name=name, platform=platform)
    else:
        title = T.NOTICE_TITLE_NO_ABOUT.format(name=name, platform=platform)
    text = T.NOTICE.format(name=escape(name), platform=platform)
    waiters = [display_name(session.get(Person, p)) for p in message.waiting]
    if waiters:
        text += "\n\n" + T.NOTICE_WAITING.format(names=escape(and_list(waiters)))
    return Message(
        title=title,
        text=text,
        facts=[Fact(label=T.NOTICE_MESSAGE, value=message.plain_text()[:500])],
        buttons=[Button(label=T.RESEND, action=RESEND, value=row.key, style="primary")],
    )
