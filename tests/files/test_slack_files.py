"""Files in Slack messages: uploaded into the conversation after the message, each once.

The real dispatcher, Slack sender and slack_sdk against the fake Slack, which records
files.getUploadURLExternal, the bytes sent to the upload URL and files.completeUploadExternal.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.outbox import dispatcher, enqueue_to_communicators, enqueue_to_person
from storage.models import ChatFile, OutboxMessage, OutboxStatus
from tests.support.accounts_db import person
from tests.support.chat_files import CSV, png, with_files
from tests.support.harness import COMMUNICATORS_CHANNEL, Harness


def someone(bot: Harness, slack_id: str = "U1") -> int:
    with bot.core.session() as session:
        return person(session, slack_id, f"Person {slack_id}", bot.core.now()).id


def row(bot: Harness, key: str) -> OutboxMessage:
    with bot.core.session() as session:
        return session.exec(select(OutboxMessage).where(OutboxMessage.key == key)).one()


async def test_files_follow_the_message_in_the_same_conversation(bot, fake_slack):
    person_id = someone(bot)
    with bot.core.session() as session:
        enqueue_to_person(session, bot.core, "test:files", person_id, with_files())

    assert (await bot.dispatch()).sent == 1

    [posted] = fake_slack.messages_to("DU1")
    assert "Rapporten för november" in posted["text"]
    names = [c.args["filename"] for c in fake_slack.calls_to("files.getUploadURLExternal")]
    assert names == ["diagram.png", "kontoregister.csv"]
    [complete] = fake_slack.calls_to("files.completeUploadExternal")
    assert complete.args["channel_id"] == "DU1"
    shared = fake_slack.shared_files("DU1")
    assert [f["title"] for f in shared] == ["diagram.png", "kontoregister.csv"]
    assert shared[0]["content"] == png() and shared[1]["content"] == CSV
    assert int(shared[0]["length"]) == len(png())
    # The message first, then the files (one message with both, pictures shown inline).
    order = [c.method for c in fake_slack.calls if c.method.startswith(("chat.", "files."))]
    assert order.index("chat.postMessage") < order.index("files.getUploadURLExternal")


async def test_a_channel_message_brings_its_files_to_the_channel(bot, fake_slack):
    with bot.core.session() as session:
        enqueue_to_communicators(session, bot.core, "test:channel-files", with_files())
    await bot.dispatch()
    assert len(fake_slack.shared_files(COMMUNICATORS_CHANNEL)) == 2


async def test_a_failed_completion_is_retried_without_a_second_message_or_upload(bot, fake_slack):
    fake_slack.clock = lambda: bot.clock.now().timestamp()
    person_id = someone(bot)
    with bot.core.session() as session:
        enqueue_to_person(session, bot.core, "test:retry", person_id, with_files())
    fake_slack.fail("files.completeUploadExternal", 500)

    report = await bot.dispatch()
    assert report.retried == 1
    waiting = row(bot, "test:retry")
    assert waiting.status == OutboxStatus.PENDING and waiting.in_doubt_since is not None

    bot.clock.set(bot.clock.now() + timedelta(minutes=5))
    await bot.restart()
    assert (await bot.dispatch()).sent == 1

    assert len(fake_slack.messages_to("DU1")) == 1  # found in the history, not posted again
    assert len(fake_slack.calls_to("files.getUploadURLExternal")) == 2  # bytes sent once
    assert len(fake_slack.shared_files("DU1")) == 2
    assert row(bot, "test:retry").status == OutboxStatus.SENT


async def test_a_crash_after_slack_shared_the_files_does_not_share_them_again(bot, fake_slack):
    """Slack completed the upload, then the process died before it wrote that down."""
    fake_slack.clock = lambda: bot.clock.now().timestamp()
    person_id = someone(bot)
    with bot.core.session() as session:
        enqueue_to_person(session, bot.core, "test:crash", person_id, with_files())
    await bot.dispatch()
    with bot.core.session() as session:
        # What the database held at the moment of the crash.
        for file in session.exec(select(ChatFile)).all():
            file.shared_at = None
            session.add(file)
        sent = session.exec(select(OutboxMessage).where(OutboxMessage.key == "test:crash")).one()
        sent.status, sent.sent_ref = OutboxStatus.SENDING, None
        sent.in_doubt_since = sent.claimed_at = bot.core.now()
        session.add(sent)
    await bot.restart()
    bot.clock.set(bot.clock.now() + dispatcher.CLAIM_LEASE + timedelta(seconds=1))

    assert (await bot.dispatch()).sent == 1

    assert len(fake_slack.messages_to("DU1")) == 1
    assert len(fake_slack.calls_to("files.completeUploadExternal")) == 1
    assert len(fake_slack.calls_to("files.info")) == 2  # each file looked up, not re-shared
    assert len(fake_slack.shared_files("DU1")) == 2


async def test_upload_records_are_disposed_of_after_a_week(bot, fake_slack):
    person_id = someone(bot)
    with bot.core.session() as session:
        enqueue_to_person(session, bot.core, "test:dispose", person_id, with_files())
    await bot.dispatch()
    await bot.tick(bot.clock.now() + timedelta(days=8))
    with bot.core.session() as session:
        assert session.exec(select(ChatFile)).all() == []
