"""Issue 13 items 2 and 3 as real processes (a short `bench/bench_crash.py`): `smbot tick` and
`smbot serve` killed with SIGKILL just after Slack took a message and before its answer,
again and again; every intended message reaches the fake Slack exactly once."""

from __future__ import annotations

from bench.bench_crash import crash_serve, crash_tick

ACCOUNTS = 8  # × 2 admins: 16 morning DMs
KILLS = 2
AFTER = (1, 5)  # messages out before each kill


async def test_kill_9_of_tick_loses_nothing_and_sends_nothing_twice(database_url) -> None:
    outcome = await crash_tick("test", database_url, ACCOUNTS, KILLS, AFTER)
    assert outcome.kills == KILLS
    assert outcome.messages >= 2 * ACCOUNTS
    assert (outcome.lost, outcome.duplicated) == (0, 0)


async def test_kill_9_of_serve_loses_nothing_and_sends_nothing_twice(database_url) -> None:
    outcome = await crash_serve("test", database_url, ACCOUNTS, KILLS, AFTER)
    assert outcome.kills == KILLS
    assert outcome.messages >= 2 * ACCOUNTS
    assert (outcome.lost, outcome.duplicated) == (0, 0)
