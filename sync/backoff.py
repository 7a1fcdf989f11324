"""How long to wait before the next try after a transient failure.

Exponential back-off with full jitter (a uniformly random wait between 0 and
the exponential bound), so that many offices coming back online at once do
not hammer the server in step; capped; and never shorter than the server's
own `Retry-After`. Pure: no clock, no sleeping, an injectable random source.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Backoff:
    """`delay(attempt)` for the attempt-th consecutive failure (0 = the first).

    `base` is the bound for the first failure, doubled after each one up to
    `cap`. `floor` keeps full jitter from ever asking for an instant retry.
    A `Retry-After` longer than `cap` still wins: the server said so.
    """

    base: float = 2.0
    cap: float = 300.0
    floor: float = 0.5
    random_source: Callable[[], float] = field(default=random.random, compare=False)

    def __post_init__(self) -> None:
        if self.base <= 0 or self.cap <= 0 or self.floor < 0:
            raise ValueError("base and cap must be positive, floor not negative")
        if self.floor > self.cap:
            raise ValueError("floor must not exceed cap")

    def bound(self, attempt: int) -> float:
        """The exponential upper bound for this attempt, capped."""
        if attempt < 0:
            raise ValueError("attempt must be >= 0")
        # Past 2**64 the float would overflow long before it mattered.
        exponent = min(attempt, 64)
        return min(self.cap, self.base * (2.0**exponent))

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before the next try."""
        sample = self.random_source()
        if not 0.0 <= sample <= 1.0:
            raise ValueError("random_source must return a value in [0, 1]")
        wait = max(self.floor, sample * self.bound(attempt))
        if retry_after is not None and retry_after > wait:
            wait = float(retry_after)
        return wait
