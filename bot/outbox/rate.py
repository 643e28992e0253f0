"""Token buckets: send at the rate a platform allows instead of only reacting to 429s.

A platform's sender holds a `Shaper` and waits on it before each call: one bucket per
method (a workspace-wide limit) and one per (method, channel) where the platform limits
per channel. A call takes a token from every bucket it needs at once, so waiting on one
bucket never wastes another's token.
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
    rate: Rate
    now: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    stamp: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.rate.burst
        self.stamp = self.now()

    def wait_needed(self) -> float:
        """Seconds until a token is there (0 when one is)."""
        current = self.now()
        self.tokens = min(
            self.rate.burst, self.tokens + (current - self.stamp) * self.rate.per_second
        )
        self.stamp = current
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate.per_second

    def take(self) -> None:
        self.tokens -= 1


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
        buckets = self._for(method, channel)
        while True:
            wait = max((bucket.wait_needed() for bucket in buckets), default=0.0)
            if wait <= 0:
                for bucket in buckets:
                    bucket.take()
                return
            await asyncio.sleep(wait)

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
            if key[1] and current - bucket.stamp > self.idle_seconds:
                del self._buckets[key]
