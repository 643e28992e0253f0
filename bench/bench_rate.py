"""A morning of DMs against a fake Slack that enforces Slack's rate limits (scaled up).

The fake answers 429 with Retry-After beyond Slack's documented limits (`DOCUMENTED`: per
method workspace-wide, and chat.postMessage per channel), with twice the bursts the bot
plans for. The bot shapes its calls with token buckets (`slack_rates(scale)`). Measured: how close
the run gets to the fastest the limits allow, how many calls were answered 429, and
whether any message arrived twice.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from bench.common import start_bot, stop_bot, stopwatch
from bot.messages import Message
from bot.outbox import enqueue_to_person
from bot.outbox.dispatcher import dispatch_due
from handlers.slack.sender import slack_rates
from tests.support.accounts_db import person

SCALE = 10.0
MESSAGES = 5000
PEOPLE = 500


async def run(kind: str, database_url: str) -> list[dict[str, str]]:
    return [await measure(kind, database_url, MESSAGES, PEOPLE, SCALE)]


# What the fake enforces: Slack's documented limits (api.slack.com/apis/rate-limits), written
# here rather than read from the bot's shaper, so a bot planning too fast shows as 429s and
# one planning too slowly as a low share of the allowed rate. Calls a second, burst.
# chat.postMessage: about 1 a second per channel with short bursts, and a workspace-wide
# limit Slack gives as "several hundred a minute" (300 taken); the others are Tier 3.
DOCUMENTED = {
    "chat.postMessage": (300 / 60, 20.0),
    "chat.update": (50 / 60, 10.0),
    "conversations.open": (50 / 60, 10.0),
    "conversations.history": (50 / 60, 10.0),
}
DOCUMENTED_PER_CHANNEL = {"chat.postMessage": (1.0, 6.0)}


def enforce(fake, scale: float) -> dict[str, tuple[float, float]]:  # type: ignore[no-untyped-def]
    """The fake's limits, `scale` times Slack's. Returns method -> (rate, burst)."""
    limits = {}
    for method, (per_second, burst) in DOCUMENTED.items():
        fake.limit(method, per_second * scale, burst)
        limits[method] = (per_second * scale, burst)
    for method, (per_second, burst) in DOCUMENTED_PER_CHANNEL.items():
        fake.limit(method, per_second * scale, burst, per_channel=True)
    # The bot plans at these rates too (its bursts are half the fake's: Slack's are not
    # documented exactly, so it does not count on all of them).
    planned = slack_rates(scale)
    assert planned.per_method["chat_postMessage"].per_second == limits["chat.postMessage"][0]
    return limits


async def measure(
    kind: str, database_url: str, messages: int, people: int, scale: float
) -> dict[str, str]:
    harness, fake, runner = await start_bot(database_url, slack_rate_scale=scale)
    core = harness.core
    try:
        limits = enforce(fake, scale)
        with core.session() as session:
            ids = [
                person(session, f"U{n:05d}", f"Person {n}", core.now()).id for n in range(people)
            ]
            for n in range(messages):
                message = Message(text=f"God morgon {n}")
                enqueue_to_person(session, core, f"rate:{n}", ids[n % people], message)  # type: ignore[arg-type]
        sent = 0
        with stopwatch() as elapsed:
            while sent < messages:
                report = await dispatch_due(core, limit=messages)
                sent += report.sent
                if report.sent == 0:
                    # Rows waiting out a Retry-After: move on as the minute tick would.
                    harness.clock.set(core.now() + timedelta(minutes=1))
        seconds = elapsed[0]
        # The fastest the limits allow: per limited method, the calls beyond its burst / rate.
        needed = {"chat.postMessage": messages, "conversations.open": people}
        bound = max((needed[m] - limits[m][1]) / limits[m][0] for m in needed)
        keys = Counter(
            (m["metadata"] or {}).get("event_payload", {}).get("key")
            for posted in fake.posted.values()
            for m in posted
        )
        calls = len(fake.calls)
        limited = Counter(method for method, _channel in fake.limited)
        return {
            "benchmark": "Slack rate shaping",
            "database": kind,
            "limits": f"Slack's × {scale:g}",
            "DMs": str(messages),
            "people": str(people),
            "seconds": f"{seconds:.1f}",
            "fastest the limits allow (s)": f"{bound:.1f}",
            "share of the allowed rate": f"{bound / seconds:.0%}",
            "calls": str(calls),
            "answered 429": f"{len(fake.limited)} ({len(fake.limited) / calls:.2%})"
            + "".join(f", {method} {count}" for method, count in sorted(limited.items())),
            "arrived twice": str(sum(1 for count in keys.values() if count > 1)),
            "missing": str(messages - len(keys)),
        }
    finally:
        await stop_bot(harness, runner)
