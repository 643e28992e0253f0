"""Token buckets: send at the rate a platform allows instead of only reacting to 429s.

A platform's sender holds a `Shaper` and waits on it before each call: one bucket per
method (a workspace-wide limit) and one per (method, channel) where the platform limits
per channel. A call books its moment in every bucket it needs at once, first come first
served, and sleeps until then.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rate:
    """`per_second` sustained, `burst` tokens at most saved up."""

    per_second: float
    burst: float = 1.0


@dataclass
class TokenBucket:
    """A token bucket kept as its "theoretical arrival time" (GCRA): a call may go at `at`
    when `at >= tat - tolerance`, and each call moves `tat` on by 1/rate. Calls reserve
    their moment in order, so waiting callers are served first come, first served and
    never wake to find their token taken (no polling, no thundering herd)."""

    rate: Rate
    now: Callable[[], float] = time.monotonic
    tat: float = field(init=False)

    def __post_init__(self) -> None:
        self.tat = self.now()  # full: `burst` calls may go at once

    @property
    def tolerance(self) -> float:
        return (self.rate.burst - 1) / self.rate.per_second

    def earliest(self, at: float) -> float:
        """The first moment from `at` on when a call conforms."""
        return max(at, self.tat - self.tolerance)

    def reserve(self, at: float) -> None:
        """Book a call at `at` (not before `earliest`)."""
        self.tat = max(self.tat, at) + 1 / self.rate.per_second

    def wait_needed(self) -> float:
        """Seconds until a call may go (0 when one may now)."""
        current = self.now()
        return self.earliest(current) - current

    def take(self) -> None:
        self.reserve(self.now())


@dataclass
class Shaper:
    """Per-method and per-(method, channel) buckets, made on first use."""

    per_method: dict[str, Rate] = field(default_factory=dict)
    per_channel: dict[str, Rate] = field(default_factory=dict)
    now: Callable[[], float] = time.monotonic
    # A channel's bucket is forgotten once it has been full this long (memory stays bounded).
    idle_seconds: float = 600.0
    _buckets: dict[tuple[str, str], TokenBucket] = field(default_factory=dict)

    async def acquire(self, method: str, channel: str = "") -> None:
        """Wait for this call's turn: the first moment every bucket it needs allows it,
        booked in all of them at once (no bucket's turn is wasted while another waits)."""
        buckets = self._for(method, channel)
        current = self.now()
        at = max((bucket.earliest(current) for bucket in buckets), default=current)
        for bucket in buckets:
            bucket.reserve(at)
        if at > current:
            await asyncio.sleep(at - current)

    def _for(self, method: str, channel: str) -> list[TokenBucket]:
        wanted: list[tuple[tuple[str, str], Rate]] = []
        if method in self.per_method:
            wanted.append(((method, ""), self.per_method[method]))
        if channel and method in self.per_channel:
            wanted.append(((method, channel), self.per_channel[method]))
        if len(self._buckets) > 10_000:
            self._forget_idle()
        buckets = []
        for key, rate in wanted:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = TokenBucket(rate, self.now)
            buckets.append(bucket)
        return buckets

    def _forget_idle(self) -> None:
        current = self.now()
        for key, bucket in list(self._buckets.items()):
            if key[1] and current - bucket.tat > self.idle_seconds:
                del self._buckets[key]
