"""Outbox dispatch throughput: DMs through the real Slack sender to the fake Slack on loopback.

Each DM is two Web API calls (conversations.open, chat.postMessage) plus the row's
claim and update in the database.
"""

from __future__ import annotations

from bench.common import count_queries, start_bot, stop_bot, stopwatch
from bot.messages import Button, Message
from bot.outbox import enqueue_to_person
from bot.outbox.dispatcher import dispatch_due
from tests.support.accounts_db import person


async def run(kind: str, database_url: str) -> list[dict[str, str]]:
    # Slack's rate limits are not enforced here, nor shaped (`slack_rate_scale=0`): this is
    # what the dispatcher and the database can do (bench_rate.py measures the shaping).
    return [
        await measure(kind, database_url, messages=2000, latency=0.0),
        await measure(kind, database_url, messages=500, latency=0.05),
    ]


async def measure(kind: str, database_url: str, messages: int, latency: float) -> dict[str, str]:
    harness, fake, runner = await start_bot(database_url, latency=latency, slack_rate_scale=0)
    core = harness.core
    try:
        with core.session() as session:
            for n in range(messages):
                recipient = person(session, f"U{n:05d}", f"Person {n}", core.now())
                message = Message(
                    title="God morgon",
                    text=f"Meddelande {n}",
                    buttons=[Button(label="Publicerat idag", action="activity.posted", value="1")],
                )
                key = f"bench:{latency}:{n}"
                enqueue_to_person(session, core, key, recipient.id, message)  # type: ignore[arg-type]
        with count_queries(core.engine) as queries, stopwatch() as elapsed:
            report = await dispatch_due(core, limit=messages)
        assert report.sent == messages, report
        assert len(fake.calls_to("chat.postMessage")) == messages
        seconds = elapsed[0]
        return {
            "benchmark": "outbox dispatch",
            "database": kind,
            "Slack answers after": f"{latency * 1000:.0f} ms",
            "messages": str(messages),
            "seconds": f"{seconds:.2f}",
            "messages/s": f"{messages / seconds:.0f}",
            "queries/message": f"{queries.count / messages:.1f}",
        }
    finally:
        await stop_bot(harness, runner)
